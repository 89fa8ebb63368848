"""Step clocks: natural hours on the 直通车 track, working days on 13710, over nights,
weekends and the 2020 National Day holiday (10月1日–8日 off, 9月27日 and 10月10日 worked)."""

import datetime as dt

import pytest

from luoshi.core.calendar import WorkingCalendar
from luoshi.core.clock import parse_moment
from luoshi.core.deadlines import LimitKind
from luoshi.express.timelimits import Clock, ClockPolicy, duration
from luoshi.express.workflow import (
    Action,
    Actor,
    Card,
    Command,
    Severity,
    State,
    Track,
    apply,
)

CAL = WorkingCalendar()
CLOCK = Clock(CAL)


def at(text):
    return parse_moment(text)


@pytest.mark.parametrize(
    ("start", "due"),
    [
        ("2020-09-30T17:30", "2020-10-01T17:30"),  # overnight into the holiday: natural hours
        ("2020-10-09T16:00", "2020-10-10T16:00"),  # Friday to the 调休 Saturday
        ("2020-09-25T18:00", "2020-09-26T18:00"),  # Friday evening to Saturday evening
        ("2020-03-26T23:59", "2020-03-27T23:59"),
    ],
)
def test_should_give_every_express_step_24_natural_hours(start, due):
    card = Card(state=State.FILED, entered_at=at(start))
    assert CLOCK.step_deadline(card) == at(due)


def test_should_count_13710_deployment_in_working_days_across_national_day():
    # Assigned on 30 September: the next working day is 9 October.
    card = Card(
        state=State.ASSIGNED,
        entered_at=at("2020-09-30T10:00"),
        track=Track.T13710,
        severity=Severity.ORDINARY,
        clock_origin=at("2020-09-30T10:00"),
    )
    assert CLOCK.step_deadline(card) == at("2020-10-09T23:59:59")


def test_should_count_the_adjusted_saturday_as_a_working_day_for_feedback():
    origin = at("2020-09-30T10:00")
    card = Card(
        state=State.ACCEPTED,
        entered_at=origin,
        track=Track.T13710,
        severity=Severity.ORDINARY,
        clock_origin=origin,
    )
    # 9 Oct (Fri), 10 Oct (调休 Sat), 12 Oct (Mon)
    assert CLOCK.step_deadline(card) == at("2020-10-12T23:59:59")


def test_should_count_a_weekend_start_from_the_next_working_days():
    origin = at("2020-09-19T11:00")  # Saturday
    card = Card(
        state=State.IN_PROGRESS,
        entered_at=origin,
        track=Track.T13710,
        severity=Severity.ORDINARY,
        clock_origin=origin,
    )
    # 7 working days: 21 22 23 24 25 27(调休 Sun) 28
    assert CLOCK.step_deadline(card) == at("2020-09-28T23:59:59")


def test_should_give_major_problems_thirty_natural_days_or_their_plan_date():
    origin = at("2020-09-30T10:00")
    card = Card(
        state=State.IN_PROGRESS,
        entered_at=origin,
        track=Track.T13710,
        severity=Severity.MAJOR,
        clock_origin=origin,
    )
    assert CLOCK.step_deadline(card) == at("2020-10-30T23:59:59")
    planned = Card(**{**card.__dict__, "plan_due": dt.date(2020, 12, 15)})
    assert CLOCK.step_deadline(planned) == at("2020-12-15T23:59:59")


def test_should_use_the_key_office_s_due_date_while_a_unit_works_on_the_express_track():
    card = Card(
        state=State.IN_PROGRESS, entered_at=at("2020-10-01T08:00"), due_date=dt.date(2020, 10, 15)
    )
    assert CLOCK.step_deadline(card) == at("2020-10-15T23:59:59")
    assert CLOCK.step_deadline(Card(state=State.CLOSED, entered_at=at("2020-10-01"))) is None


def test_should_let_the_policy_switch_13710_deployment_to_natural_days():
    policy = ClockPolicy.from_mapping({"deploy": "1天", "feedback": "72小时"})
    clock = Clock(CAL, policy)
    origin = at("2020-09-30T10:00")
    card = Card(
        state=State.ASSIGNED,
        entered_at=origin,
        track=Track.T13710,
        severity=Severity.ORDINARY,
        clock_origin=origin,
    )
    assert clock.step_deadline(card) == at("2020-10-01T23:59:59")
    accepted = Card(**{**card.__dict__, "state": State.ACCEPTED})
    assert clock.step_deadline(accepted) == at("2020-10-03T10:00")


@pytest.mark.parametrize(
    ("text", "kind", "amount"),
    [
        ("24小时", LimitKind.HOURS, 24),
        ("3个工作日", LimitKind.WORKING_DAYS, 3),
        ("30天", LimitKind.DAYS, 30),
        ("30自然日", LimitKind.DAYS, 30),
        ("三天", LimitKind.DAYS, 3),
        ("1个月", LimitKind.MONTHS, 1),
    ],
)
def test_should_read_configured_limits_with_the_one_deadline_engine(text, kind, amount):
    limit = duration(text)
    assert (limit.kind, limit.amount) == (kind, amount)
    assert duration(limit.text) == limit
    assert ClockPolicy.from_mapping({"deploy": text}).describe()["deploy"] == limit.text


@pytest.mark.parametrize("text", ["", "0小时", "-1天", "9月底前", "每年5月31日前"])
def test_should_refuse_unreadable_limits_and_dates(text):
    with pytest.raises(ValueError):
        duration(text)


def test_should_record_each_step_s_deadline_and_lateness_in_history():
    card = Card(state=State.FILED, entered_at=at("2020-09-30T17:00"))
    late = apply(
        card,
        Command(Action.RETURN_FOR_INFO, comment="补充"),
        {Actor.KEY_OFFICE},
        at("2020-10-01T18:00"),
        CLOCK,
    )
    assert late.entry.step_due_at == at("2020-10-01T17:00")
    assert late.entry.overdue
    assert late.card.entered_at == at("2020-10-01T18:00")


def test_should_end_working_day_limits_at_midnight_local_time():
    start = at("2020-10-09T23:30")
    assert Clock(CAL).due(start, duration("1个工作日")) == at("2020-10-10T23:59:59")
