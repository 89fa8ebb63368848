"""Working-day arithmetic (工作日计算) with holidays, 调休 and overrides."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.core.calendar import (
    ChineseCalendarSource,
    Override,
    StaticHolidaySource,
    WorkingCalendar,
)

D = dt.date
PACKAGE = WorkingCalendar()


# -- 2020 examples (State Council arrangements) ---------------------------------


def test_national_day_2020_days_off_and_adjusted_working_days():
    for day in range(1, 9):
        assert not PACKAGE.is_working_day(D(2020, 10, day))
    assert PACKAGE.is_working_day(D(2020, 9, 27))  # Sunday, 调休上班
    assert PACKAGE.is_working_day(D(2020, 10, 10))  # Saturday, 调休上班
    assert not PACKAGE.is_working_day(D(2020, 10, 11))  # plain Sunday
    assert PACKAGE.holiday_name(D(2020, 10, 1)) == "国庆节"
    assert PACKAGE.holiday_name(D(2020, 10, 10)) == "国庆节调休上班"


def test_national_day_2020_counting():
    assert PACKAGE.add_working_days(D(2020, 9, 25), 1) == D(2020, 9, 27)  # Fri → the 调休 Sunday
    assert PACKAGE.add_working_days(D(2020, 9, 30), 1) == D(2020, 10, 9)
    assert PACKAGE.add_working_days(D(2020, 9, 30), 2) == D(2020, 10, 10)
    assert PACKAGE.add_working_days(D(2020, 9, 30), 5) == D(2020, 10, 14)
    assert PACKAGE.working_days_between(D(2020, 9, 30), D(2020, 10, 9)) == 1
    assert PACKAGE.working_days_between(D(2020, 9, 24), D(2020, 10, 12)) == 8


def test_spring_festival_2020_extended_holiday():
    # 2020-01-24..02-02 off (extended by the State Council); 01-19 (Sunday) worked;
    # 02-01 (Saturday) was to be worked but the extension cancelled it.
    assert PACKAGE.is_working_day(D(2020, 1, 19))
    assert not PACKAGE.is_working_day(D(2020, 1, 24))
    assert not PACKAGE.is_working_day(D(2020, 1, 31))
    assert not PACKAGE.is_working_day(D(2020, 2, 1))
    assert PACKAGE.add_working_days(D(2020, 1, 17), 1) == D(2020, 1, 19)
    assert PACKAGE.add_working_days(D(2020, 1, 23), 1) == D(2020, 2, 3)
    assert PACKAGE.add_working_days(D(2020, 2, 3), -1) == D(2020, 1, 23)


def test_start_day_never_counts_and_zero_is_identity():
    assert PACKAGE.add_working_days(D(2020, 10, 9), 0) == D(2020, 10, 9)
    assert PACKAGE.add_working_days(D(2020, 10, 9), 1) == D(2020, 10, 10)
    assert PACKAGE.next_working_day(D(2020, 10, 1)) == D(2020, 10, 9)
    assert PACKAGE.next_working_day(D(2020, 10, 9)) == D(2020, 10, 9)


def test_unannounced_year_falls_back_to_weekends_and_is_reported():
    calendar = WorkingCalendar()
    assert calendar.is_working_day(D(2099, 1, 1))  # a Thursday; no data, so a weekday
    assert not calendar.is_working_day(D(2099, 1, 3))  # Saturday
    assert calendar.add_working_days(D(2099, 1, 1), 5) == D(2099, 1, 8)
    assert calendar.unannounced_years == {2099}
    assert not calendar.is_announced(2099)
    assert calendar.is_announced(2020)
    assert calendar.unannounced_between(D(2098, 12, 1), D(2099, 1, 8)) == (2098, 2099)


def test_package_source_knows_announced_years_only():
    source = ChineseCalendarSource()
    years = source.announced_years()
    assert 2004 in years and 2020 in years
    assert 2099 not in years and source.arrangement(2099) is None
    arrangement = source.arrangement(2020)
    assert arrangement is not None
    assert D(2020, 10, 10) in arrangement.working_weekends


def test_overrides_win_over_the_source():
    calendar = WorkingCalendar(
        overrides=[
            Override(D(2020, 10, 8), True, "提前上班"),
            Override(D(2020, 10, 9), False, "停电"),
        ]
    )
    assert calendar.is_working_day(D(2020, 10, 8))
    assert not calendar.is_working_day(D(2020, 10, 9))
    assert calendar.add_working_days(D(2020, 9, 30), 1) == D(2020, 10, 8)
    assert calendar.holiday_name(D(2020, 10, 9)) == "停电"


def test_static_source_from_explicit_dates():
    calendar = WorkingCalendar.from_dates(
        days_off=[D(2030, 10, 1), D(2030, 10, 2)], working_weekends=[D(2030, 9, 29)]
    )
    assert calendar.is_announced(2030)
    assert not calendar.is_announced(2031)
    assert calendar.is_working_day(D(2030, 9, 29))  # a Sunday
    assert calendar.add_working_days(D(2030, 9, 30), 1) == D(2030, 10, 3)


def test_working_days_between_is_antisymmetric():
    a, b = D(2020, 9, 1), D(2020, 10, 31)
    assert PACKAGE.working_days_between(b, a) == -PACKAGE.working_days_between(a, b)
    assert PACKAGE.working_days_between(a, a) == 0


# -- properties -------------------------------------------------------------------

WINDOW = (D(2030, 1, 1), D(2031, 12, 31))
window_dates = st.dates(*WINDOW)


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    """Arbitrary injected calendars: random holidays, 调休 weekends and overrides."""
    days_off = draw(st.sets(window_dates, max_size=60))
    weekends = draw(st.sets(window_dates.filter(lambda d: d.weekday() >= 5), max_size=20))
    overrides = draw(st.lists(st.builds(Override, window_dates, st.booleans()), max_size=10))
    years = draw(st.sets(st.sampled_from([2030, 2031]))) or None
    source = StaticHolidaySource(days_off, weekends, years=years)
    return WorkingCalendar(source, overrides)


@settings(max_examples=150, deadline=None)
@given(calendars(), window_dates, st.integers(1, 40))
def test_add_working_days_lands_on_a_working_day_strictly_after(calendar, start, n):
    due = calendar.add_working_days(start, n)
    assert due > start
    assert calendar.is_working_day(due)
    assert calendar.working_days_between(start, due) == n


@settings(max_examples=150, deadline=None)
@given(calendars(), window_dates, st.integers(0, 30))
def test_add_working_days_is_strictly_monotone(calendar, start, n):
    assert calendar.add_working_days(start, n) < calendar.add_working_days(start, n + 1)


@settings(max_examples=100, deadline=None)
@given(calendars(), window_dates, st.integers(1, 30))
def test_skipping_matches_is_working_day(calendar, start, n):
    due = calendar.add_working_days(start, n)
    days = [start + dt.timedelta(days=i) for i in range(1, (due - start).days + 1)]
    working = [d for d in days if calendar.is_working_day(d)]
    assert len(working) == n and working[-1] == due


@settings(max_examples=100, deadline=None)
@given(calendars(), window_dates, st.integers(1, 30))
def test_counting_back_returns_to_a_working_start(calendar, start, n):
    start = calendar.next_working_day(start)
    assert calendar.add_working_days(calendar.add_working_days(start, n), -n) == start


@settings(max_examples=100, deadline=None)
@given(calendars(), window_dates)
def test_is_working_day_follows_the_rules(calendar, day):
    override = calendar.overrides.get(day)
    arrangement = calendar.arrangement(day.year)
    if override is not None:
        expected = override.is_working_day
    elif arrangement is not None and day in arrangement.working_weekends:
        expected = True
    elif arrangement is not None and day in arrangement.days_off:
        expected = False
    else:
        expected = day.weekday() < 5
    assert calendar.is_working_day(day) is expected


@settings(max_examples=100, deadline=None)
@given(st.dates(D(2004, 1, 1), D(2026, 12, 31)), st.integers(1, 60))
def test_package_calendar_properties(start, n):
    due = PACKAGE.add_working_days(start, n)
    assert due > start and PACKAGE.is_working_day(due)
    assert PACKAGE.working_days_between(start, due) == n
