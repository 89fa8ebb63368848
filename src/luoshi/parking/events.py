"""Event ingestion (事件接入): gate and sensor events into the log, occupancy derived from it.

Every path (a gate's HTTP call, a bulk file, the simulator) goes through :func:`ingest`: the
whole batch is validated first (a bad event refuses the batch with a Chinese reason, nothing
written), replays are ignored and counted (the event id is unique), then the affected
facilities' occupancy and exceptions are derived again from their log with
:func:`luoshi.parking.occupancy.derive`, so the derived state always equals a rebuild.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from luoshi.core import clock
from luoshi.core.errors import Forbidden, Invalid, NotFound
from luoshi.core.personal import PersonalDataError, normalise_plate
from luoshi.parking import occupancy
from luoshi.parking.models import Facility, OccupancyException, ParkingEvent

EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
CLOCK_SKEW = dt.timedelta(minutes=5)  # a gate's clock may run a little ahead
MAX_BATCH = 1_000_000
CHUNK = 900  # stays under SQLite's limit of variables per statement


@dataclass
class IngestResult:
    accepted: int = 0
    duplicates: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"accepted": self.accepted, "duplicates": self.duplicates}


def issue_gate_token(facility: Facility) -> str:
    """A new token for the facility's gate device; only its hash is stored (the old one stops)."""
    token = secrets.token_urlsafe(32)
    facility.gate_token_hash = _hash(token)
    facility.save(update_fields=["gate_token_hash"])
    return token


def facility_of_token(token: str) -> Facility:
    facility = Facility.objects.filter(gate_token_hash=_hash(token)).first() if token else None
    if facility is None:
        raise Forbidden("设备令牌无效")
    return facility


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def ingest(raw: Sequence[Any], *, facility: Facility | None = None) -> IngestResult:
    """Validate ``raw`` events (dicts), write the new ones, derive the facilities they touch.

    With ``facility`` (a gate's call) every event belongs to it; otherwise (bulk import) each
    names its facility by ``"facility"`` (the facility's code).
    """
    if not isinstance(raw, list) or not raw:
        raise Invalid("事件列表为空或格式不正确")
    if len(raw) > MAX_BATCH:
        raise Invalid(f"单次最多接收 {MAX_BATCH} 条事件")
    facilities = _facilities(raw, facility)
    received = clock.now()
    batch: dict[str, ParkingEvent] = {}
    for index, item in enumerate(raw):
        try:
            event = _event(item, facilities, facility, received)
        except (Invalid, NotFound) as exc:
            raise type(exc)(f"第 {index + 1} 条事件:{exc.message}") from None
        batch.setdefault(event.event_id, event)
    known = _existing_ids(list(batch))
    new = [event for event_id, event in batch.items() if event_id not in known]
    with transaction.atomic():
        ParkingEvent.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
        refresh({event.facility_id for event in new})
    return IngestResult(accepted=len(new), duplicates=len(raw) - len(new))


def _facilities(raw: Sequence[Any], facility: Facility | None) -> dict[str, Facility]:
    if facility is not None:
        return {facility.code: facility}
    codes = {str(item.get("facility", "")) for item in raw if isinstance(item, dict)}
    found: dict[str, Facility] = {}
    for chunk in _chunks(sorted(codes)):
        found.update((f.code, f) for f in Facility.objects.filter(code__in=chunk))
    return found


def _event(
    item: Any, facilities: dict[str, Facility], gate: Facility | None, received: dt.datetime
) -> ParkingEvent:
    if not isinstance(item, dict):
        raise Invalid("事件须为对象")
    event_id = str(item.get("event_id", "")).strip()
    if not event_id or len(event_id) > 64 or not event_id.isprintable():
        raise Invalid("事件编号缺失或格式不正确(1–64 个可打印字符)")
    facility = gate or facilities.get(str(item.get("facility", "")))
    if facility is None:
        raise NotFound(f"未知停车设施:{str(item.get('facility', ''))[:32]}")
    kind = item.get("kind")
    if kind not in ParkingEvent.Kind.values:
        raise Invalid("事件类型须为 in(入场)、out(出场)或 sensor(地磁)")
    event = ParkingEvent(
        event_id=event_id, facility=facility, kind=kind, at=_moment(item.get("at"), received),
        received_at=received,
    )  # fmt: skip
    if kind == ParkingEvent.Kind.SENSOR:
        space = item.get("space")
        if not isinstance(space, str) or not space.strip() or len(space) > 32:
            raise Invalid("地磁事件须给出泊位编号(space)")
        if not isinstance(item.get("occupied"), bool):
            raise Invalid("地磁事件须给出 occupied(true 占用 / false 空闲)")
        event.space, event.occupied = space.strip(), item["occupied"]
    else:
        try:
            event.plate = normalise_plate(str(item.get("plate", "")))
        except PersonalDataError as exc:
            raise Invalid(str(exc)) from None
    return event


def _moment(value: Any, received: dt.datetime) -> dt.datetime:
    try:
        moment = clock.parse_moment(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        raise Invalid("事件时间缺失或不是 ISO 8601 格式")
    if moment < EARLIEST or moment > received + CLOCK_SKEW:
        raise Invalid(f"事件时间不可能:{value[:32]}")
    return moment


def _existing_ids(event_ids: list[str]) -> set[str]:
    known: set[str] = set()
    for chunk in _chunks(event_ids):
        known.update(
            ParkingEvent.objects.filter(event_id__in=chunk).values_list("event_id", flat=True)
        )
    return known


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def refresh(facility_ids: set[int] | None = None) -> occupancy.Derivation:
    """Derive occupancy and exceptions of ``facility_ids`` (None: all) again from the log."""
    events = ParkingEvent.objects.order_by()
    facilities = Facility.objects.all()
    if facility_ids is not None:
        ids = sorted(facility_ids)
        events, facilities = events.filter(facility_id__in=ids), facilities.filter(id__in=ids)
    derivation = occupancy.derive(_pure(events))
    updated = []
    for facility in facilities.only("id", "occupied"):
        facility.occupied = derivation.occupied(str(facility.id))
        updated.append(facility)
    Facility.objects.bulk_update(updated, ["occupied"], batch_size=2000)
    stale = OccupancyException.objects.filter(facility__in=facilities)
    stale.delete()
    OccupancyException.objects.bulk_create(
        [
            OccupancyException(
                event_id=a.event_id,
                facility_id=int(a.facility),
                kind=str(a.kind),
                plate=a.plate,
                at=a.at,
            )  # fmt: skip
            for a in derivation.anomalies
        ],
        batch_size=2000,
    )
    return derivation


def _pure(events: Any) -> Iterable[occupancy.GateEvent | occupancy.SensorEvent]:
    rows = events.values_list("event_id", "facility_id", "kind", "plate", "space", "occupied", "at")
    for event_id, facility_id, kind, plate, space, taken, at in rows.iterator(chunk_size=5000):
        if kind == ParkingEvent.Kind.SENSOR:
            yield occupancy.SensorEvent(at, event_id, str(facility_id), space, taken)
        else:
            yield occupancy.GateEvent(
                at, event_id, str(facility_id), occupancy.Direction(kind), plate
            )
