"""What a stay costs at a facility: its zone's tariff rows and the plate's permits, priced by
the pure engine :func:`luoshi.parking.tariff.price`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from luoshi.core.errors import Invalid, NotFound
from luoshi.core.personal import PersonalDataError, normalise_plate
from luoshi.parking import tariff
from luoshi.parking.models import Facility, Permit, Tariff, Zone


def zone_tariff(zone: Zone) -> tariff.Tariff:
    row = Tariff.objects.filter(zone=zone).prefetch_related("bands").first()
    if row is None or not row.bands.all():
        raise NotFound(f"{zone.name}尚未设定收费标准")
    return tariff.Tariff(
        zone=zone.name,
        bands=tuple(
            tariff.TimeBand(b.name, b.start, b.end, b.rate_per_unit) for b in row.bands.all()
        ),
        unit_minutes=row.unit_minutes,
        free_minutes=row.free_minutes,
        daily_cap=row.daily_cap,
        free_deducted=row.free_deducted,
    )


def quote(code: str, entry: dt.datetime, exit: dt.datetime, plate: str = "") -> tariff.Charge:
    facility = Facility.objects.select_related("zone").filter(code=code).first()
    if facility is None:
        raise NotFound(f"未知停车设施:{code[:32]}")
    rights: list[tariff.PermitRight] = []
    if plate:
        try:
            plate = normalise_plate(plate)
        except PersonalDataError as exc:
            raise Invalid(str(exc)) from None
        rights = [
            tariff.PermitRight(p.name, Decimal(p.multiplier), frozenset(p.bands))
            for p in Permit.objects.filter(plate=plate, zone=facility.zone)
        ]
    try:
        return tariff.price(zone_tariff(facility.zone), entry, exit, rights)
    except tariff.TariffError as exc:
        raise Invalid(str(exc)) from None
