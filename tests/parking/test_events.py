"""Event ingestion: idempotent by event id, bad events refused whole, a token per gate,
and the derived occupancy equals a rebuild from the log."""

from __future__ import annotations

import json
import random

import pytest

from luoshi.core.errors import Forbidden, Invalid, NotFound
from luoshi.parking import events
from luoshi.parking.models import Facility, OccupancyException, ParkingEvent, Zone

pytestmark = pytest.mark.django_db


@pytest.fixture
def lots():
    zone = Zone.objects.create(name="主城区")
    return [
        Facility.objects.create(
            code=f"P{n}",
            kind=Facility.Kind.PUBLIC_LOT,
            zone=zone,
            name=f"停车场{n}",
            lat=35.49,
            lon=112.85,
            capacity=10,
        )  # fmt: skip
        for n in (1, 2)
    ]


def gate(event_id, kind, plate="晋E12345", at="2020-06-01T08:00:00+08:00", facility="P1"):
    return {"event_id": event_id, "kind": kind, "plate": plate, "at": at, "facility": facility}


def test_replays_are_ignored_and_counted(lots):
    first = events.ingest([gate("e1", "in"), gate("e1", "in")])
    again = events.ingest([gate("e1", "in"), gate("e2", "in", plate="晋E54321")])
    assert (first.accepted, first.duplicates) == (1, 1)
    assert (again.accepted, again.duplicates) == (1, 1)
    assert ParkingEvent.objects.count() == 2
    lots[0].refresh_from_db()
    assert lots[0].occupied == 2


@pytest.mark.parametrize(
    ("bad", "error", "reason"),
    [
        (gate("x", "in", facility="NOPE"), NotFound, "未知停车设施"),
        (gate("x", "in", plate="12345"), Invalid, "车牌号格式不正确"),
        (gate("x", "in", at="2020-13-01T08:00"), Invalid, "ISO 8601"),
        (gate("x", "in", at="2999-01-01T08:00:00+08:00"), Invalid, "事件时间不可能"),
        (gate("x", "in", at="1970-01-01T08:00:00+08:00"), Invalid, "事件时间不可能"),
        (gate("x", "fly"), Invalid, "事件类型"),
        (gate("", "in"), Invalid, "事件编号"),
        ({"event_id": "s", "kind": "sensor", "facility": "P1", "at": "2020-06-01T08:00"},
         Invalid, "泊位编号"),
        ("<script>", Invalid, "对象"),
    ],
)  # fmt: skip
def test_a_bad_event_refuses_the_batch_and_writes_nothing(lots, bad, error, reason):
    with pytest.raises(error) as refused:
        events.ingest([gate("good", "in"), bad])
    assert reason in refused.value.message and "第 2 条" in refused.value.message
    assert not ParkingEvent.objects.exists()


def test_an_exit_without_entry_opens_an_exception_for_the_operator(lots):
    events.ingest([gate("o1", "out", plate="晋E00001")])
    exception = OccupancyException.objects.get()
    assert (exception.kind, exception.plate, exception.facility) == (
        "exit_without_entry", "晋E00001", lots[0],
    )  # fmt: skip


def test_incremental_derivation_equals_a_rebuild_from_the_log(lots):
    rng = random.Random(7)
    batch = []
    for n in range(120):
        plate = f"晋E{rng.randrange(20):05d}"
        kind = rng.choice(["in", "in", "out"])
        at = f"2020-06-01T{8 + n // 20:02d}:{n % 60:02d}:00+08:00"
        batch.append(gate(f"r{n}", kind, plate=plate, at=at, facility=rng.choice(["P1", "P2"])))
    rng.shuffle(batch)
    for start in range(0, len(batch), 17):  # late and out-of-order pieces
        events.ingest(batch[start : start + 17])
    incremental = (
        sorted(Facility.objects.values_list("code", "occupied")),
        sorted(OccupancyException.objects.values_list("event_id", "kind")),
    )
    Facility.objects.update(occupied=0)
    OccupancyException.objects.all().delete()
    events.refresh()
    rebuilt = (
        sorted(Facility.objects.values_list("code", "occupied")),
        sorted(OccupancyException.objects.values_list("event_id", "kind")),
    )
    assert incremental == rebuilt
    assert OccupancyException.objects.exists()


def test_each_gate_has_its_own_token(lots, client):
    token_1, token_2 = (events.issue_gate_token(lot) for lot in lots)
    assert events.facility_of_token(token_2) == lots[1]
    body = [{"event_id": "g1", "kind": "in", "plate": "晋E·12345", "at": "2020-06-01T08:00"}]
    answer = client.post(
        "/api/parking/events", json.dumps(body), content_type="application/json",
        headers={"X-Gate-Token": token_1},
    )  # fmt: skip
    assert answer.status_code == 200 and answer.json() == {"accepted": 1, "duplicates": 0}
    assert ParkingEvent.objects.get().facility == lots[0]
    for token in ("", "wrong"):
        refused = client.post(
            "/api/parking/events", json.dumps(body), content_type="application/json",
            headers={"X-Gate-Token": token},
        )  # fmt: skip
        assert refused.status_code == 401
    with pytest.raises(Forbidden):
        events.facility_of_token("wrong")


def test_the_gate_endpoint_refuses_bad_events_in_chinese(lots, client):
    token = events.issue_gate_token(lots[0])
    body = [{"event_id": "g1", "kind": "in", "plate": "ABC", "at": "2020-06-01T08:00"}]
    answer = client.post(
        "/api/parking/events", json.dumps(body), content_type="application/json",
        headers={"X-Gate-Token": token},
    )  # fmt: skip
    assert answer.status_code == 400 and "车牌号格式不正确" in answer.json()["detail"]
    assert not ParkingEvent.objects.exists()
