"""The grant procedure: levels, 公示 in working days across a holiday, the sample draw."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.core.calendar import WorkingCalendar
from luoshi.grants.workflow import (
    Level,
    State,
    WorkflowError,
    after_approval,
    check_forward,
    check_review,
    check_submit,
    draw_sample,
    publicity_ends,
)

CALENDAR = WorkingCalendar()


def test_should_climb_school_county_city_bureau():
    assert after_approval(Level.SCHOOL) == (State.LISTED, Level.SCHOOL)
    assert after_approval(Level.COUNTY) == (State.LISTED, Level.COUNTY)
    assert after_approval(Level.CITY) == (State.IN_REVIEW, Level.BUREAU)
    assert after_approval(Level.BUREAU) == (State.APPROVED, Level.CITY)


def test_should_let_only_the_level_holding_an_application_review_it():
    check_review(State.IN_REVIEW, Level.COUNTY, Level.COUNTY)
    with pytest.raises(WorkflowError, match="县级资助中心审核"):
        check_review(State.IN_REVIEW, Level.COUNTY, Level.SCHOOL)
    with pytest.raises(WorkflowError, match="不在审核中"):
        check_review(State.LISTED, Level.COUNTY, Level.COUNTY)
    with pytest.raises(WorkflowError):
        check_submit(State.APPROVED)


def test_should_count_the_publicity_in_working_days_across_a_holiday():
    # Starts Tuesday 2020-09-29: 9-29, 9-30, then the National Day holiday (10-1 … 10-8),
    # Saturday 10-10 is worked (调休), then Monday 10-12: the fifth working day is 10-12.
    assert publicity_ends(dt.date(2020, 9, 29), CALENDAR) == dt.date(2020, 10, 12)
    # A start on a rest day counts from the next working day.
    assert publicity_ends(dt.date(2020, 7, 4), CALENDAR) == dt.date(2020, 7, 10)


def test_should_forward_a_list_only_after_its_publicity_without_open_objections():
    ends = dt.date(2020, 7, 10)
    with pytest.raises(WorkflowError, match="期满后方可上报"):
        check_forward(Level.SCHOOL, ends, ends, 0)
    with pytest.raises(WorkflowError, match="1件异议未处理"):
        check_forward(Level.SCHOOL, dt.date(2020, 7, 13), ends, 1)
    with pytest.raises(WorkflowError, match="尚未公示"):
        check_forward(Level.COUNTY, dt.date(2020, 7, 13), None, 0)
    assert check_forward(Level.COUNTY, dt.date(2020, 7, 13), ends, 0) == Level.CITY
    assert check_forward(Level.CITY, dt.date(2020, 7, 13), ends, 0) is None  # to payment


@given(st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2025, 12, 31)))
def test_should_always_span_five_working_days_ending_on_one(start):
    ends = publicity_ends(start, CALENDAR)
    assert CALENDAR.is_working_day(ends)
    first = CALENDAR.next_working_day(start)
    assert CALENDAR.working_days_between(first, ends) == 4


@given(
    st.lists(st.integers(1, 10**6), unique=True, max_size=200),
    st.integers(0, 50),
    st.text(max_size=20),
)
def test_should_draw_the_same_sample_from_the_same_seed(ids, size, seed):
    sample = draw_sample(ids, size, seed)
    assert sample == draw_sample(list(reversed(ids)), size, seed)
    assert len(sample) == min(size, len(ids)) and set(sample) <= set(ids)
