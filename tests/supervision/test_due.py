"""Deadlines of tasks: 完成时限 cells and deadlines in prose."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.supervision.extraction.due import find_dues, parse_due

SIGNED = dt.date(2020, 3, 18)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("9月底前", dt.date(2020, 9, 30)),
        ("2020年6月底", dt.date(2020, 6, 30)),
        ("2020 年 12 月底", dt.date(2020, 12, 31)),
        ("年底前", dt.date(2020, 12, 31)),
        ("2021年底前", dt.date(2021, 12, 31)),
        ("12月底", dt.date(2020, 12, 31)),
        ("2020年4月20日", dt.date(2020, 4, 20)),
        ("2020年5月-9月", dt.date(2020, 9, 30)),
        ("2019年12月-2020年3月", dt.date(2020, 3, 31)),
        ("2020年2月-2020年4月", dt.date(2020, 4, 30)),
    ],
)
def test_deadlines(text, due):
    found = parse_due(text, SIGNED)
    assert found is not None and found.due == due and found.text == text
    assert not found.ongoing and not found.recurring


@pytest.mark.parametrize("text", ["长期坚持", "持续推进"])
def test_standing_work_is_ongoing(text):
    assert parse_due(text, SIGNED) == parse_due(text, None)
    found = parse_due(text, SIGNED)
    assert found is not None and found.ongoing and found.due is None


def test_recurring_falls_due_at_the_first_occurrence_after_signing():
    found = parse_due("每年5月31日前", SIGNED)
    assert found is not None and found.recurring == "每年5月31日前"
    assert found.due == dt.date(2020, 5, 31)
    later = parse_due("每年3月1日前", SIGNED)
    assert later is not None and later.due == dt.date(2021, 3, 1)


@pytest.mark.parametrize("text", ["", "30个工作日内", "及时", "有关单位", "13月底"])
def test_not_deadlines(text):
    assert parse_due(text, SIGNED) is None


def test_no_year_and_no_signing_date_gives_no_date():
    assert parse_due("9月底前", None) is None
    found = parse_due("2020年9月底前", None)
    assert found is not None and found.due == dt.date(2020, 9, 30)


def test_deadlines_in_prose():
    text = (
        "截至2020年1月底,保有量增长。由各县(市、区)人民政府统筹安排,在2020年6月底前完成。"
        "有效期暂定至2020年6月30日。并分别于3月22日、6月22日和12月22日前报送。"
    )
    assert [d.due for d in find_dues(text, SIGNED)] == [
        dt.date(2020, 6, 30), dt.date(2020, 3, 22), dt.date(2020, 6, 22), dt.date(2020, 12, 22),
    ]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.integers(2000, 2099), st.integers(1, 12), st.booleans())
def test_month_end_is_the_last_day_of_that_month(year, month, before):
    text = f"{year}年{month}月底" + ("前" if before else "")
    found = parse_due(text, dt.date(2020, 1, 1))
    assert found is not None
    assert found.due == dt.date(year, month, calendar.monthrange(year, month)[1])


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.integers(1, 31), st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)))
def test_recurring_due_is_on_or_after_signing_within_a_year(month, day, signed):
    if day > calendar.monthrange(2001, month)[1]:
        return  # not a day of every year
    found = parse_due(f"每年{month}月{day}日前", signed)
    assert found is not None and found.due is not None
    assert signed <= found.due < signed + dt.timedelta(days=367)
    assert (found.due.month, found.due.day) == (month, day)


@settings(max_examples=200, deadline=None)
@given(st.integers(2000, 2099), st.integers(1, 12), st.integers(1, 12))
def test_range_is_due_at_its_end(year, start, end):
    found = parse_due(f"{year}年{start}月-{end}月", dt.date(2020, 1, 1))
    assert found is not None
    assert found.due == dt.date(year, end, calendar.monthrange(year, end)[1])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789年月日底前每内-至、和 长期坚持末旬上中下", max_size=24))
def test_never_crashes(text):
    found = parse_due(text, SIGNED)
    assert found is None or found.due is not None or found.ongoing
    for due in find_dues(text, SIGNED):
        assert due.due is not None


@pytest.mark.parametrize(
    ("text", "printed", "due"),
    [
        ("各县(市、区)今年要完成地质灾害防治规划的修编工作", "今年", dt.date(2020, 12, 31)),
        ("争取年内一期项目建成投产", "年内", dt.date(2020, 12, 31)),
        ("本年度内完成", "本年度内", dt.date(2020, 12, 31)),
        ("力争2021年内建成", "2021年内", dt.date(2021, 12, 31)),
        ("今年内全面完成改造", "今年内", dt.date(2020, 12, 31)),
    ],
)
def test_within_the_year_in_prose(text, printed, due):
    assert [(d.due, d.text) for d in find_dues(text, SIGNED)] == [(due, printed)]


@pytest.mark.parametrize(
    "text", ["三年内完成", "5年内建成", "半年内", "两年内完成", "近年内", "今年以来,全市经济平稳"]
)
def test_durations_and_mentions_of_this_year_are_no_deadlines(text):
    assert find_dues(text, SIGNED) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 99), st.sampled_from(["年内", "年内完成", "年内建成"]))
def test_a_number_of_years_is_a_duration_not_the_year_end(years, tail):
    assert find_dues(f"{years}{tail}", SIGNED) == []
