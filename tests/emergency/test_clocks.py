"""Report clocks: durations, due moments, and when a clock turns red."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.emergency import clocks

T0 = dt.datetime(2020, 4, 10, 3, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("within", "span"),
    [
        ("PT1H", dt.timedelta(hours=1)),
        ("PT30M", dt.timedelta(minutes=30)),
        ("PT24H", dt.timedelta(hours=24)),
        ("P7D", dt.timedelta(days=7)),
        ("P1DT2H", dt.timedelta(days=1, hours=2)),
        ("immediately", None),
        ("unspecified", None),
    ],
)
def test_parse_duration(within, span):
    assert clocks.parse_duration(within) == span


@pytest.mark.parametrize("bad", ["", "P", "PT", "1H", "PT1X", "soon"])
def test_bad_limits_are_errors(bad):
    with pytest.raises(clocks.ClockError):
        clocks.parse_duration(bad)


def test_describe_limit():
    assert clocks.describe_limit("PT1H") == "1小时内"
    assert clocks.describe_limit("P7D") == "7日内"
    assert clocks.describe_limit("PT30M") == "30分钟内"
    assert clocks.describe_limit("immediately") == "立即"


def test_phases():
    assert clocks.phase_of("PT1H", "event") == "initial"
    assert clocks.phase_of("ongoing", "event") == "follow_up"
    assert clocks.phase_of("daily", "response_launch") == "follow_up"
    assert clocks.phase_of("P7D", "response_end") == "final"


def test_due_moments():
    assert clocks.due_at("PT1H", T0) == T0 + dt.timedelta(hours=1)
    assert clocks.due_at("immediately", T0) == T0 + dt.timedelta(hours=1)  # the default limit
    assert clocks.due_at("promptly", T0, dt.timedelta(minutes=30)) == T0 + dt.timedelta(minutes=30)
    assert clocks.due_at("daily", T0) == T0 + dt.timedelta(days=1)
    assert clocks.due_at("ongoing", T0) is None
    assert clocks.due_at("PT1H", None) is None


def _status(now, within="PT1H", filed=None, starts=T0):
    return clocks.status(
        within=within, starts_at=starts, due=clocks.due_at(within, starts), filed_at=filed, now=now
    )


def test_a_one_hour_clock_goes_amber_then_red():
    assert _status(T0 + dt.timedelta(minutes=10)).state == "running"
    assert _status(T0 + dt.timedelta(minutes=50)).state == "due_soon"
    exactly = _status(T0 + dt.timedelta(hours=1))
    assert exactly.state == "due_soon" and exactly.seconds_left == 0
    late = _status(T0 + dt.timedelta(hours=1, minutes=5))
    assert late.state == "overdue" and late.red and late.label == "已超时5分钟"


def test_filed_clocks():
    on_time = _status(T0 + dt.timedelta(hours=3), filed=T0 + dt.timedelta(minutes=40))
    assert on_time.state == "filed" and not on_time.red
    late = _status(T0 + dt.timedelta(hours=3), filed=T0 + dt.timedelta(hours=2))
    assert late.state == "filed_late" and late.red and "超时1小时" in late.label


def test_immediate_and_prompt_clocks_turn_red_after_the_limit():
    assert _status(T0 + dt.timedelta(minutes=10), within="immediately").state == "immediate"
    assert "须立即报告" in _status(T0, within="immediately").label
    assert _status(T0 + dt.timedelta(hours=3), within="immediately").state == "overdue"
    assert _status(T0 + dt.timedelta(minutes=10), within="promptly").state == "running"
    assert _status(T0 + dt.timedelta(hours=3), within="promptly").red
    assert _status(T0 + dt.timedelta(days=3), within="ongoing").state == "open"  # 随时: no limit
    assert _status(T0, starts=None).state == "waiting"


@settings(max_examples=200, deadline=None)
@given(
    within=st.sampled_from(["immediately", "promptly"]),
    limit=st.integers(min_value=1, max_value=600),
    elapsed=st.integers(min_value=0, max_value=1200),
)
def test_a_prompt_clock_is_red_exactly_once_its_configured_limit_has_passed(within, limit, elapsed):
    span = dt.timedelta(minutes=limit)
    now = T0 + dt.timedelta(minutes=elapsed, seconds=1)
    due = clocks.due_at(within, T0, span)
    status = clocks.status(within=within, starts_at=T0, due=due, filed_at=None, now=now)
    assert status.red == (elapsed >= limit)
    late_filing = clocks.status(within=within, starts_at=T0, due=due, filed_at=now, now=now)
    assert late_filing.red == (elapsed >= limit)


@settings(max_examples=200, deadline=None)
@given(
    minutes=st.integers(min_value=1, max_value=20000),
    elapsed=st.integers(min_value=0, max_value=40000),
)
def test_red_exactly_when_the_due_moment_has_passed(minutes, elapsed):
    within = f"PT{minutes}M"
    now = T0 + dt.timedelta(minutes=elapsed, seconds=1)
    status = _status(now, within=within)
    assert status.red == (elapsed >= minutes)
    assert (status.seconds_left is not None) and (status.seconds_left < 0) == status.red
