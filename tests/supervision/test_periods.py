"""Reporting rules read from document text, and the periods they give (pure)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.supervision.periods import Cadence, ReportingRule, detect_rule, plan_periods

D = dt.date


def test_reads_the_key_tasks_quarterly_rule_from_the_real_issue(gazette_text):
    rule = detect_rule(gazette_text)
    assert rule is not None and rule.cadence is Cadence.QUARTERLY
    assert rule.days == ((3, 22), (6, 22), (9, 22), (12, 22))
    assert "按季度" in rule.source
    assert rule.names == ("一季度", "半年", "三季度", "全年")
    periods = plan_periods(rule, start=D(2020, 3, 1), due=None, ongoing=True)
    assert [p.label for p in periods] == [
        "2020年一季度",
        "2020年半年",
        "2020年三季度",
        "2020年全年",
    ]


def test_quarters_are_numbered_when_the_document_names_no_reports():
    rule = detect_rule("按季度于3月25日、6月25日、9月25日和12月25日前报送工作进展。")
    assert rule is not None and rule.names == ()
    labels = [p.label for p in plan_periods(rule, start=D(2020, 1, 1), due=D(2020, 12, 25))]
    assert labels == ["2020年第一季度", "2020年第二季度", "2020年第三季度", "2020年第四季度"]


def test_report_names_that_do_not_pair_with_the_dates_are_not_used():
    rule = detect_rule("按季度于3月22日、6月22日、9月22日和12月22日前报送半年、全年工作完成情况。")
    assert rule is not None and rule.names == ()


PERIOD_WORDS = [
    "一季度",
    "二季度",
    "半年",
    "上半年",
    "三季度",
    "前三季度",
    "四季度",
    "全年",
    "年度",
]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(PERIOD_WORDS), min_size=4, max_size=4),
    st.integers(min_value=2019, max_value=2030),
)
def test_each_period_is_labelled_with_the_documents_word_for_it(words, year):
    sentence = f"按季度向市政府报送工作进展,并分别于3月22日、6月22日、9月22日和12月22日前报送{'、'.join(words)}工作完成情况。"
    rule = detect_rule(sentence)
    assert rule is not None and rule.names == tuple(words)
    periods = plan_periods(rule, start=D(year, 1, 1), due=D(year, 12, 22))
    assert [p.label for p in periods] == [f"{year}年{word}" for word in words]


def test_meetings_every_month_are_not_a_reporting_rule():
    assert detect_rule("市、县委每季度政府每月召开一次安全会议,分析研判形势。") is None


def test_monthly_rule():
    rule = detect_rule("各单位每月5日前向市政府督查室报送上月工作进展。")
    assert rule == ReportingRule(Cadence.MONTHLY, day=5, source=rule.source)
    periods = plan_periods(rule, start=D(2020, 4, 10), due=D(2020, 8, 31))
    assert [p.due for p in periods] == [
        D(2020, 5, 5),
        D(2020, 6, 5),
        D(2020, 7, 5),
        D(2020, 8, 5),
        D(2020, 8, 31),
    ]
    assert periods[0].label == "2020年5月"


def test_quarterly_rule_without_dates_reports_at_quarter_end():
    rule = detect_rule("请于每季度末将工作进展报送市政府督查室。")
    assert rule is not None and rule.days == ((3, 31), (6, 30), (9, 30), (12, 31))


def test_no_rule_means_one_period_at_the_deadline_or_quarterly_when_ongoing():
    once = plan_periods(None, start=D(2020, 3, 20), due=D(2020, 9, 30))
    assert [(p.starts, p.due) for p in once] == [(D(2020, 3, 20), D(2020, 9, 30))]
    ongoing = plan_periods(None, start=D(2020, 3, 20), due=None, ongoing=True)
    assert [p.due for p in ongoing] == [
        D(2020, 3, 31),
        D(2020, 6, 30),
        D(2020, 9, 30),
        D(2020, 12, 31),
    ]


rules = st.one_of(
    st.none(),
    st.just(ReportingRule(Cadence.QUARTERLY, days=((3, 22), (6, 22), (9, 22), (12, 22)))),
    st.integers(min_value=0, max_value=31).map(lambda d: ReportingRule(Cadence.MONTHLY, day=d)),
    st.just(ReportingRule(Cadence.DEADLINE)),
)


@settings(max_examples=200, deadline=None)
@given(
    rules,
    st.dates(D(2019, 1, 1), D(2022, 12, 31)),
    st.none() | st.dates(D(2019, 1, 1), D(2023, 12, 31)),
    st.booleans(),
)
def test_periods_tile_the_task_without_gaps(rule, start, due, ongoing):
    periods = plan_periods(rule, start=start, due=due, ongoing=ongoing)
    assert periods, "every task has at least one period"
    assert periods[0].starts == start or (due is not None and due < start)
    for before, after in zip(periods, periods[1:], strict=False):
        assert after.starts == before.due + dt.timedelta(days=1)
    assert all(p.starts <= p.due for p in periods)
    assert [p.seq for p in periods] == list(range(1, len(periods) + 1))
    if due is not None and due >= start:
        assert periods[-1].due == due
