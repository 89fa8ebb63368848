"""The city simulator's model (城市模拟): Jincheng's facilities and one day of stays.

Pure: no Django. 晋市政办〔2020〕7号 counts 1,221 facilities with about 125,400 spaces in six
zones; :func:`facilities` lays them out (scaled), :func:`day_of_stays` draws a day of arrivals
and departures whose peaks depend on what a facility serves (hospital, school, commercial
centre, residential) — a full facility turns cars away — and :func:`gate_events` turns the stays
into the events real gates and sensors would send. Everything is seeded: the same day and scale
give the same city and the same events.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
from dataclasses import dataclass
from typing import Any

ZONES = (
    ("主城区", 0.40, 35.497, 112.851),
    ("金村区", 0.14, 35.531, 112.812),
    ("南村区", 0.12, 35.452, 112.878),
    ("北石店区", 0.14, 35.556, 112.905),
    ("高都区", 0.10, 35.602, 112.964),
    ("巴公区", 0.10, 35.648, 112.853),
)
FACILITIES, SPACES = 1221, 125_400
KINDS = (("on_street", 0.45, 24), ("public_lot", 0.35, 150), ("private_shared", 0.20, 200))
#: What a facility serves: (arrival peaks in hours, peak weights, mean stay in hours, stays per
#: space per day).
USES: dict[str, tuple[tuple[float, ...], tuple[float, ...], float, float]] = {
    "医院": ((8.5, 14.0), (0.65, 0.35), 1.5, 3.0),
    "学校": ((7.4, 17.0), (0.5, 0.5), 0.4, 2.0),
    "商业中心": ((11.0, 19.0), (0.45, 0.55), 2.0, 2.5),
    "居住区": ((18.5, 12.0), (0.8, 0.2), 11.0, 0.9),
}
PLATE_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class SimFacility:
    code: str
    kind: str
    zone: str
    use: str
    name: str
    lat: float
    lon: float
    capacity: int


@dataclass(frozen=True)
class Stay:
    facility: SimFacility
    plate: str
    space: str
    arrive: dt.datetime
    leave: dt.datetime


def facilities(scale: float = 1.0) -> list[SimFacility]:
    """The city's facilities; capacities add up to 125,400 × ``scale`` spaces."""
    rng = random.Random(2020)
    count = max(len(ZONES), round(FACILITIES * scale))
    zones = rng.choices(ZONES, weights=[z[1] for z in ZONES], k=count)
    kinds = rng.choices(KINDS, weights=[k[1] for k in KINDS], k=count)
    raw = [max(4.0, rng.gauss(kind[2], kind[2] / 3)) for kind in kinds]
    factor = round(SPACES * scale) / sum(raw)
    result = []
    for n, (zone, kind, size) in enumerate(zip(zones, kinds, raw, strict=True), start=1):
        use = rng.choice(list(USES))
        label = "路段" if kind[0] == "on_street" else "停车场"
        result.append(
            SimFacility(
                code=f"JC{n:04d}", kind=kind[0], zone=zone[0], use=use,
                name=f"{zone[0]}{use}{label}{n}", lat=zone[2] + rng.uniform(-0.02, 0.02),
                lon=zone[3] + rng.uniform(-0.02, 0.02), capacity=max(1, round(size * factor)),
            )
        )  # fmt: skip
    return result


def day_of_stays(
    city: list[SimFacility], day: dt.date, tz: dt.tzinfo
) -> tuple[list[Stay], dict[str, float]]:
    """The day's stays and each zone's peak occupancy (0–1, the most cars at once)."""
    rng = random.Random(day.toordinal())
    midnight = dt.datetime.combine(day, dt.time(), tz)
    stays: list[Stay] = []
    peaks: dict[str, list[tuple[dt.datetime, int]]] = {}
    for facility in city:
        peaks_at, weights, mean_stay, turnover = USES[facility.use]
        arrivals = sorted(
            midnight + dt.timedelta(hours=min(23.99, max(0.0, rng.gauss(peak, 1.2))))
            for peak in rng.choices(peaks_at, weights, k=round(facility.capacity * turnover))
        )
        inside: list[tuple[dt.datetime, str]] = []
        free = [f"{facility.code}-{n:04d}" for n in range(facility.capacity, 0, -1)]
        for arrive in arrivals:
            while inside and inside[0][0] <= arrive:
                free.append(heapq.heappop(inside)[1])
            if not free:
                continue  # full: the car is turned away
            leave = arrive + dt.timedelta(hours=max(0.1, rng.expovariate(1 / mean_stay)))
            space = free.pop()
            heapq.heappush(inside, (leave, space))
            stays.append(Stay(facility, _plate(len(stays)), space, arrive, leave))
            changes = peaks.setdefault(facility.zone, [])
            changes += [(arrive, 1), (leave, -1)]
    capacity: dict[str, int] = {}
    for facility in city:
        capacity[facility.zone] = capacity.get(facility.zone, 0) + facility.capacity
    return stays, {zone: _peak(changes, capacity[zone]) for zone, changes in peaks.items()}


def _plate(serial: int) -> str:
    chars = []
    for _ in range(5):
        serial, digit = divmod(serial, len(PLATE_CHARS))
        chars.append(PLATE_CHARS[digit])
    return "晋E" + "".join(reversed(chars))


def _peak(changes: list[tuple[dt.datetime, int]], capacity: int) -> float:
    level = highest = 0
    for _, change in sorted(changes):  # a departure (-1) sorts before an arrival at once
        level += change
        highest = max(highest, level)
    return round(highest / capacity, 3) if capacity else 0.0


def gate_events(stays: list[Stay], day: dt.date) -> list[dict[str, Any]]:
    """What the gates (lots) and sensors (on-street) send for ``stays``, as bulk events."""
    events: list[dict[str, Any]] = []
    for n, stay in enumerate(stays):
        key = f"sim-{day:%Y%m%d}-{n}"
        base = {"facility": stay.facility.code}
        if stay.facility.kind == "on_street":
            events.append({**base, "event_id": f"{key}-s1", "kind": "sensor", "space": stay.space,
                           "occupied": True, "at": stay.arrive.isoformat()})  # fmt: skip
            events.append({**base, "event_id": f"{key}-s0", "kind": "sensor", "space": stay.space,
                           "occupied": False, "at": stay.leave.isoformat()})  # fmt: skip
        else:
            events.append({**base, "event_id": f"{key}-in", "kind": "in", "plate": stay.plate,
                           "at": stay.arrive.isoformat()})  # fmt: skip
            events.append({**base, "event_id": f"{key}-out", "kind": "out", "plate": stay.plate,
                           "at": stay.leave.isoformat()})  # fmt: skip
    return events
