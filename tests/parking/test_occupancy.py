"""Occupancy derived from the event log: sessions, anomalies, order independence."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from luoshi.parking.occupancy import Direction, ExceptionKind, GateEvent, SensorEvent, derive

T0 = dt.datetime(2020, 6, 1, 8, 0, tzinfo=dt.UTC)


def gate(
    n: int, minute: int, direction: str, plate: str = "晋E12345", facility: str = "P1"
) -> GateEvent:
    return GateEvent(
        T0 + dt.timedelta(minutes=minute), f"e{n}", facility, Direction(direction), plate
    )


def test_should_pair_entry_and_exit_into_a_session():
    result = derive([gate(1, 0, "in"), gate(2, 95, "out")])
    (session,) = result.sessions
    assert (session.entry_event, session.exit_event, session.open) == ("e1", "e2", False)
    assert result.occupied("P1") == 0 and result.anomalies == []


def test_should_place_a_late_event_by_its_timestamp_and_ignore_replays():
    result = derive([gate(2, 95, "out"), gate(1, 0, "in"), gate(1, 0, "in")])
    assert len(result.sessions) == 1 and result.anomalies == []


def test_should_open_an_exception_for_an_exit_without_entry():
    result = derive([gate(1, 10, "out")])
    assert [a.kind for a in result.anomalies] == [ExceptionKind.EXIT_WITHOUT_ENTRY]
    assert result.sessions[0].entry_at is None


def test_should_flag_a_second_entry_of_a_plate_still_inside():
    result = derive([gate(1, 0, "in"), gate(2, 30, "in"), gate(3, 60, "out")])
    assert [a.kind for a in result.anomalies] == [ExceptionKind.ENTRY_WITHOUT_EXIT]
    assert result.occupied("P1") == 0


def test_should_count_sensor_spaces_where_a_facility_has_no_gate():
    events = [
        SensorEvent(T0, "s1", "路段A", "A-01", True),
        SensorEvent(T0, "s2", "路段A", "A-02", True),
        SensorEvent(T0 + dt.timedelta(minutes=5), "s3", "路段A", "A-01", False),
    ]
    assert derive(events).occupied("路段A") == 1


plates = st.sampled_from(["晋E11111", "晋E22222", "晋E33333"])
gate_events = st.lists(
    st.builds(
        GateEvent,
        at=st.integers(0, 600).map(lambda m: T0 + dt.timedelta(minutes=m)),
        event_id=st.integers(0, 40).map(lambda n: f"g{n}"),
        facility=st.sampled_from(["P1", "P2"]),
        direction=st.sampled_from(list(Direction)),
        plate=plates,
    ),
    max_size=40,
)


def summary(events):
    result = derive(events)
    sessions = sorted(
        (s.facility, s.plate, s.entry_event or "", s.exit_event or "") for s in result.sessions
    )
    anomalies = sorted((a.kind, a.event_id) for a in result.anomalies)
    return sessions, anomalies, {f: result.occupied(f) for f in ("P1", "P2")}


@given(gate_events, st.randoms(use_true_random=False))
def test_should_derive_the_same_from_any_order_of_the_same_events(events, random):
    shuffled = list(events)
    random.shuffle(shuffled)
    assert summary(shuffled) == summary(events)


@given(gate_events)
def test_should_never_count_a_negative_occupancy_or_more_than_the_entries(events):
    result = derive(events)
    entries = {(e.facility, e.event_id) for e in events if e.direction is Direction.IN}
    for facility in ("P1", "P2"):
        assert 0 <= result.occupied(facility) <= sum(1 for f, _ in entries if f == facility)
