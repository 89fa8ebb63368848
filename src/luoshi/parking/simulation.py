"""``luoshi parking simulate``: build the city's catalogue and feed a day through ingestion.

The catalogue (zones, their default tariffs, facilities) is created once and kept (facilities
by code); the day's events go through :func:`luoshi.parking.events.ingest` like a bulk import
from real gates, a group of facilities per call so each facility's log is derived once. A day
simulated again is all replays: nothing new is written.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from luoshi.core import clock
from luoshi.core.errors import Invalid
from luoshi.parking import city, events
from luoshi.parking.models import Facility, Tariff, TariffBand, Zone

FACILITIES_PER_CALL = 100
#: Default tariff of a zone until the price authority sets one: day and night bands per 30 min.
DAY_RATE, NIGHT_RATE, CAP = Decimal("1.50"), Decimal("0.50"), Decimal("30")


def simulate(day: dt.date, scale: float = 1.0) -> dict[str, Any]:
    if not 0 < scale <= 2:
        raise Invalid("规模须大于 0 且不超过 2")
    if dt.datetime.combine(day + dt.timedelta(days=2), dt.time(), clock.local_zone()) > clock.now():
        raise Invalid("只能模拟已经过去的日期(离场可跨至次日)")
    layout = city.facilities(scale)
    seed_catalogue(layout)
    stays, peaks = city.day_of_stays(layout, day, clock.local_zone())
    log = city.gate_events(stays, day)
    by_facility: dict[str, list[dict[str, Any]]] = {}
    for event in log:
        by_facility.setdefault(event["facility"], []).append(event)
    groups = list(by_facility.values())
    for start in range(0, len(groups), FACILITIES_PER_CALL):
        events.ingest([e for group in groups[start : start + FACILITIES_PER_CALL] for e in group])
    return {
        "facilities": len(layout),
        "spaces": sum(f.capacity for f in layout),
        "events": len(log),
        "sessions": len(stays),
        "peak_occupancy_by_zone": {zone: peaks.get(zone, 0.0) for zone, *_ in city.ZONES},
    }


@transaction.atomic
def seed_catalogue(layout: list[city.SimFacility]) -> None:
    zones = {}
    for name, *_ in city.ZONES:
        zones[name], created = Zone.objects.get_or_create(name=name)
        if created:
            tariff = Tariff.objects.create(zone=zones[name], daily_cap=CAP)
            TariffBand.objects.bulk_create(
                [
                    TariffBand(tariff=tariff, name="日间", start=dt.time(7), end=dt.time(21),
                               rate_per_unit=DAY_RATE),
                    TariffBand(tariff=tariff, name="夜间", start=dt.time(21), end=dt.time(7),
                               rate_per_unit=NIGHT_RATE),
                ]
            )  # fmt: skip
    known = set(Facility.objects.values_list("code", flat=True))
    Facility.objects.bulk_create(
        [
            Facility(
                code=f.code,
                kind=f.kind,
                zone=zones[f.zone],
                name=f.name,
                lat=f.lat,
                lon=f.lon,
                capacity=f.capacity,
            )  # fmt: skip
            for f in layout
            if f.code not in known
        ],
        batch_size=1000,
    )
