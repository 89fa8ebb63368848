"""Occupancy from events (占用由事件推导): the event log is the truth, occupancy derived from it.

Pure: no Django. Gate cameras report plates entering and leaving a facility; sensors report a
space taken or freed. :func:`derive` turns any collection of events into parking sessions, the
exceptions an operator must look at, and the occupancy of each facility and space. Events are
identified by their id (a replay is ignored) and placed by their timestamp (a late or
out-of-order event lands where it belongs), so any order of the same events derives the same
result, and the derivation can be rebuilt from the log at any time.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class Direction(enum.StrEnum):
    IN = "in"
    OUT = "out"


class ExceptionKind(enum.StrEnum):
    EXIT_WITHOUT_ENTRY = "exit_without_entry"  # 有出无入
    ENTRY_WITHOUT_EXIT = "entry_without_exit"  # 重复入场: the earlier entry never left


@dataclass(frozen=True, order=True)
class GateEvent:
    """A plate seen at a facility's gate (车牌识别)."""

    at: dt.datetime
    event_id: str
    facility: str
    direction: Direction
    plate: str


@dataclass(frozen=True, order=True)
class SensorEvent:
    """A space's sensor (地磁/视频桩) saying it was taken or freed."""

    at: dt.datetime
    event_id: str
    facility: str
    space: str
    occupied: bool


@dataclass
class Session:
    """One stay: a plate's entry and, once it left, its exit (停车记录)."""

    facility: str
    plate: str
    entry_at: dt.datetime | None
    entry_event: str | None
    exit_at: dt.datetime | None = None
    exit_event: str | None = None

    @property
    def open(self) -> bool:
        return self.exit_at is None


@dataclass(frozen=True)
class Anomaly:
    kind: ExceptionKind
    facility: str
    plate: str
    at: dt.datetime
    event_id: str


@dataclass
class Derivation:
    sessions: list[Session] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)
    vehicles_inside: dict[str, int] = field(default_factory=dict)  # facility → open sessions
    spaces_taken: dict[str, set[str]] = field(default_factory=dict)  # facility → spaces

    def occupied(self, facility: str) -> int:
        """Vehicles counted in ``facility`` now: gate sessions, or sensors where it has no gate."""
        return self.vehicles_inside.get(facility, 0) or len(self.spaces_taken.get(facility, ()))


def derive(events: Iterable[GateEvent | SensorEvent]) -> Derivation:
    """Sessions, anomalies and occupancy from ``events`` (any order, replays included)."""
    unique: dict[str, GateEvent | SensorEvent] = {}
    for event in events:
        known = unique.get(event.event_id)
        # A replay is ignored; an id reused for a different event keeps the earliest one, so
        # the choice does not depend on the order of arrival.
        if known is None or _order(event) < _order(known):
            unique[event.event_id] = event
    ordered = sorted(unique.values(), key=_order)
    result = Derivation()
    open_by_plate: dict[tuple[str, str], Session] = {}
    for event in ordered:
        if isinstance(event, SensorEvent):
            _apply_sensor(result, event)
        else:
            _apply_gate(result, open_by_plate, event)
    for (facility, _), _session in open_by_plate.items():
        result.vehicles_inside[facility] = result.vehicles_inside.get(facility, 0) + 1
    return result


def _order(event: GateEvent | SensorEvent) -> tuple[dt.datetime, str, str]:
    return (event.at, event.event_id, repr(event))


def _apply_sensor(result: Derivation, event: SensorEvent) -> None:
    taken = result.spaces_taken.setdefault(event.facility, set())
    if event.occupied:
        taken.add(event.space)
    else:
        taken.discard(event.space)


def _apply_gate(
    result: Derivation, open_by_plate: dict[tuple[str, str], Session], event: GateEvent
) -> None:
    key = (event.facility, event.plate)
    current = open_by_plate.pop(key, None)
    if event.direction is Direction.IN:
        if current is not None:
            result.anomalies.append(_anomaly(ExceptionKind.ENTRY_WITHOUT_EXIT, event))
        session = Session(event.facility, event.plate, event.at, event.event_id)
        result.sessions.append(session)
        open_by_plate[key] = session
        return
    if current is None:
        result.anomalies.append(_anomaly(ExceptionKind.EXIT_WITHOUT_ENTRY, event))
        result.sessions.append(
            Session(event.facility, event.plate, None, None, event.at, event.event_id)
        )
        return
    current.exit_at, current.exit_event = event.at, event.event_id


def _anomaly(kind: ExceptionKind, event: GateEvent) -> Anomaly:
    return Anomaly(kind, event.facility, event.plate, event.at, event.event_id)
