"""Chinese time-limit expressions (时限表述) → deadlines."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from luoshi.core.calendar import StaticHolidaySource, WorkingCalendar
from luoshi.core.deadlines import (
    LimitKind,
    Recurrence,
    TimeLimitError,
    parse_number,
    parse_time_limit,
    resolve_deadline,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = dt.datetime(2020, 9, 25, 10, 30, tzinfo=SHANGHAI)  # a Friday before National Day
PACKAGE = WorkingCalendar()


def due(expr, start=START, calendar=PACKAGE, **kwargs):
    return resolve_deadline(expr, start, calendar, **kwargs).due.isoformat()


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("5个工作日", "2020-10-09T23:59:59+08:00"),  # 27(调休) 28 29 30, then 10-09
        ("五个工作日", "2020-10-09T23:59:59+08:00"),
        ("30个工作日内", "2020-11-12T23:59:59+08:00"),
        ("15个工作日以内", "2020-10-22T23:59:59+08:00"),
        ("24小时", "2020-09-26T10:30:00+08:00"),
        ("二十四小时", "2020-09-26T10:30:00+08:00"),
        ("2小时内", "2020-09-25T12:30:00+08:00"),
        ("两小时内", "2020-09-25T12:30:00+08:00"),
        ("1日", "2020-09-26T23:59:59+08:00"),
        ("3天", "2020-09-28T23:59:59+08:00"),
        ("7日内", "2020-10-02T23:59:59+08:00"),
        ("三十日", "2020-10-25T23:59:59+08:00"),
        ("2周", "2020-10-09T23:59:59+08:00"),
        ("当日", "2020-09-25T23:59:59+08:00"),
        ("1个月", "2020-10-25T23:59:59+08:00"),
        ("1个月内", "2020-10-25T23:59:59+08:00"),
        ("9月底前", "2020-09-30T23:59:59+08:00"),
        ("10月中旬前", "2020-10-20T23:59:59+08:00"),
        ("12月份", "2020-12-31T23:59:59+08:00"),
        ("2020年12月31日", "2020-12-31T23:59:59+08:00"),
        ("2021年3月22日前", "2021-03-22T23:59:59+08:00"),
        ("年底前", "2020-12-31T23:59:59+08:00"),
        ("年内", "2020-12-31T23:59:59+08:00"),
        ("2022 年底前", "2022-12-31T23:59:59+08:00"),
        ("二〇二一年六月底前", "2021-06-30T23:59:59+08:00"),
        ("每年5月31日前", "2021-05-31T23:59:59+08:00"),
        ("每年年底前", "2020-12-31T23:59:59+08:00"),
        ("每月5日前", "2020-10-05T23:59:59+08:00"),
        ("每月底前", "2020-09-30T23:59:59+08:00"),
        ("２４小时", "2020-09-26T10:30:00+08:00"),  # full-width digits
    ],
)
def test_examples(expr, expected):
    assert due(expr) == expected


def test_month_end_uses_the_document_year():
    start = dt.datetime(2021, 1, 5, 9, tzinfo=SHANGHAI)
    deadline = resolve_deadline("6月底", start, PACKAGE, document_year=2020)
    assert deadline.due.isoformat() == "2020-06-30T23:59:59+08:00"
    assert "早于" in deadline.note
    assert due("2020年6月底前", start) == "2020-06-30T23:59:59+08:00"
    assert due("3月22日前", start) == "2021-03-22T23:59:59+08:00"  # start's year by default
    assert due("3月22日前", start, document_year=2020) == "2020-03-22T23:59:59+08:00"


def test_month_end_handles_leap_years():
    assert due("2月底前", document_year=2020) == "2020-02-29T23:59:59+08:00"
    assert due("2月底前", document_year=2021) == "2021-02-28T23:59:59+08:00"
    start = dt.datetime(2020, 1, 31, tzinfo=SHANGHAI)
    assert due("1个月", start) == "2020-02-29T23:59:59+08:00"


def test_before_a_month_means_before_its_first_day():
    deadline = resolve_deadline("每年4月前", START, PACKAGE)
    assert deadline.due.isoformat() == "2021-03-31T23:59:59+08:00"
    assert "4月1日之前" in deadline.note


def test_recurring_takes_the_next_occurrence_on_or_after_the_start_day():
    on_the_day = dt.datetime(2020, 5, 31, 18, tzinfo=SHANGHAI)
    after = dt.datetime(2020, 6, 1, 0, 0, tzinfo=SHANGHAI)
    assert due("每年5月31日前", on_the_day) == "2020-05-31T23:59:59+08:00"
    assert due("每年5月31日前", after) == "2021-05-31T23:59:59+08:00"
    assert due("每年2月29日前", after) == "2024-02-29T23:59:59+08:00"
    assert (
        due("每月31日前", dt.datetime(2021, 2, 3, tzinfo=SHANGHAI)) == "2021-02-28T23:59:59+08:00"
    )
    deadline = resolve_deadline("每年5月31日前", after, PACKAGE, document_year=2019)
    assert deadline.recurring and deadline.note == ""


def test_working_days_cross_national_day_and_spring_festival():
    assert due("1个工作日", dt.datetime(2020, 9, 30, 17, tzinfo=SHANGHAI)) == (
        "2020-10-09T23:59:59+08:00"
    )
    assert due("2个工作日", dt.datetime(2020, 10, 8, tzinfo=SHANGHAI)) == (
        "2020-10-10T23:59:59+08:00"  # the 调休 Saturday counts
    )
    assert due("3个工作日", dt.datetime(2020, 1, 22, tzinfo=SHANGHAI)) == (
        "2020-02-04T23:59:59+08:00"  # 01-23, then 02-03, 02-04
    )


def test_hours_are_natural_hours_in_any_zone():
    start = dt.datetime(2020, 10, 1, 20, 0, tzinfo=dt.UTC)
    deadline = resolve_deadline("24小时", start, PACKAGE)
    assert deadline.due - start == dt.timedelta(hours=24)
    assert deadline.due.utcoffset() == dt.timedelta(hours=8)


def test_naive_start_is_local_time():
    assert due("2小时", dt.datetime(2020, 9, 25, 10, 30)) == "2020-09-25T12:30:00+08:00"


def test_unannounced_year_warns_instead_of_crashing():
    deadline = resolve_deadline("5个工作日", dt.datetime(2099, 3, 2, tzinfo=SHANGHAI))
    assert deadline.due.isoformat() == "2099-03-09T23:59:59+08:00"
    assert deadline.unannounced_years == (2099,)
    assert "2099年" in deadline.note and "尚未公布" in deadline.note


def test_injected_calendar_reports_the_unannounced_year_crossed():
    calendar = WorkingCalendar(StaticHolidaySource([dt.date(2030, 12, 31)], years=[2030]))
    deadline = resolve_deadline("2个工作日", dt.datetime(2030, 12, 30, tzinfo=SHANGHAI), calendar)
    assert deadline.due.date() == dt.date(2031, 1, 2)
    assert deadline.unannounced_years == (2031,)


def test_parse_fields():
    limit = parse_time_limit("每年5月31日前")
    assert (limit.kind, limit.month, limit.day, limit.recurrence) == (
        LimitKind.DATE, 5, 31, Recurrence.YEARLY,
    )  # fmt: skip
    limit = parse_time_limit("30个工作日内")
    assert (limit.kind, limit.amount, limit.recurring) == (LimitKind.WORKING_DAYS, 30, False)
    limit = parse_time_limit("2020年6月底前")
    assert (limit.year, limit.month, limit.day) == (2020, 6, None)


@pytest.mark.parametrize(
    "expr",
    ["", "   ", "尽快", "abc", "0个工作日", "零小时", "2月30日前", "2021年2月29日", "13月底",
     "99999个工作日", "十十小时", "年内前", "每年2020年底前", "12小时以上", "5个工作",
     "1" * 5000 + "小时", "每月32日前"],
)  # fmt: skip
def test_unknown_expressions_raise_one_line_value_errors(expr):
    with pytest.raises(TimeLimitError) as caught:
        resolve_deadline(expr, START, PACKAGE)
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert message and "\n" not in message and len(message) < 120


# -- properties -------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Standard Chinese numeral for 1..9999 (十五, 一百零五, 一千零一十)."""
    if n < 20:
        return _DIGITS[n] if n < 10 else "十" + (_DIGITS[n - 10] if n > 10 else "")
    text, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = (n // value) % 10
        if digit == 0:
            gap = bool(text)
            continue
        text += ("零" if gap else "") + _DIGITS[digit] + unit
        gap = False
    return text


def outcome(expr):
    try:
        limit = parse_time_limit(expr)
    except TimeLimitError as exc:
        return ("error", type(exc))
    return (limit.kind, limit.amount, limit.year, limit.month, limit.day, limit.recurrence)


ALPHABET = (
    "0123456789零〇一二两三四五六七八九十百千个工作日小时天周月份底末上中下旬年内前之以每当次号 x"
)
starts = st.datetimes(
    dt.datetime(1990, 1, 1), dt.datetime(2100, 12, 31), timezones=st.just(SHANGHAI)
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=20), st.text(ALPHABET, max_size=12)), starts)
def test_arbitrary_text_raises_only_time_limit_errors(expr, start):
    try:
        deadline = resolve_deadline(expr, start, PACKAGE, document_year=start.year)
    except TimeLimitError:
        return
    assert deadline.due.tzinfo is not None
    # Beijing time: +8, or +9 in the summers of 1986–1991 when China kept daylight saving time
    assert deadline.due.utcoffset() == deadline.due.astimezone(SHANGHAI).utcoffset()
    assert deadline.due.utcoffset() in (dt.timedelta(hours=8), dt.timedelta(hours=9))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9999), st.sampled_from(["个工作日", "小时内", "日", "天", "个月", "周"]))
def test_chinese_and_arabic_numerals_agree(n, unit):
    assert outcome(f"{n}{unit}") == outcome(f"{to_chinese(n)}{unit}")


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.integers(1, 31), st.sampled_from(["日前", "号", "日"]))
def test_chinese_and_arabic_dates_agree(month, day, tail):
    arabic = outcome(f"每年{month}月{day}{tail}")
    assert arabic == outcome(f"每年{to_chinese(month)}月{to_chinese(day)}{tail}")
    assert outcome(f"{month}月底前") == outcome(f"{to_chinese(month)}月底前")


@given(st.integers(1, 9999))
def test_parse_number_round_trip(n):
    assert parse_number(to_chinese(n)) == n
    assert parse_number(str(n)) == n


@settings(max_examples=100, deadline=None)
@given(starts, st.integers(1, 720))
def test_hours_add_exactly(start, n):
    deadline = resolve_deadline(f"{n}小时", start, PACKAGE)
    elapsed = deadline.due.astimezone(dt.UTC) - deadline.start.astimezone(dt.UTC)
    assert elapsed == dt.timedelta(hours=n)  # true elapsed time, even across 1986-91 DST


@settings(max_examples=100, deadline=None)
@given(st.datetimes(dt.datetime(2004, 1, 1), dt.datetime(2026, 6, 30)), st.integers(1, 60))
def test_working_day_deadlines_end_on_the_nth_working_day(start, n):
    deadline = resolve_deadline(f"{to_chinese(n)}个工作日", start, PACKAGE)
    assert deadline.due.date() == PACKAGE.add_working_days(start.date(), n)
    assert deadline.due.time() == dt.time(23, 59, 59)
    assert deadline.unannounced_years == ()


@settings(max_examples=100, deadline=None)
@given(starts, st.integers(1, 12), st.integers(2000, 2050))
def test_month_end_is_the_last_day_of_that_month(start, month, year):
    deadline = resolve_deadline(f"{month}月底前", start, PACKAGE, document_year=year)
    assert (deadline.due.year, deadline.due.month) == (year, month)
    assert (deadline.due + dt.timedelta(seconds=1)).day == 1
    assume(deadline.due >= deadline.start)
    assert deadline.note == ""
