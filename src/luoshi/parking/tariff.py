"""The tariff engine (差异化停车收费): zone × time band × duration, first period free, daily cap,
permit rights.

Pure: no Django. A stay is cut into charging units (``unit_minutes``, a started unit counts
whole) from the entry time; each unit is priced at the rate of the time band it starts in; each
calendar day's charge is capped. A stay no longer than the free period costs nothing; a longer
one is charged from entry (免费时长内离场不收费,超时按全程计费), unless ``free_deducted`` says
the free period is deducted. A permit (resident, disabled) waives or discounts the charge in the
bands it names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")


class TariffError(ValueError):
    """A tariff or stay that cannot be priced (bands not covering the day, exit before entry)."""


@dataclass(frozen=True)
class TimeBand:
    """A daily time band (时段) with its rate per charging unit; may cross midnight."""

    name: str
    start: dt.time
    end: dt.time
    rate_per_unit: Decimal

    def contains(self, moment: dt.time) -> bool:
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end  # crosses midnight (or all day)


@dataclass(frozen=True)
class PermitRight:
    """A right that waives or discounts charges: ``multiplier`` 0 is free, 0.5 half price."""

    name: str
    multiplier: Decimal
    bands: frozenset[str] = frozenset()  # empty: every band


@dataclass(frozen=True)
class Tariff:
    zone: str
    bands: tuple[TimeBand, ...]
    unit_minutes: int = 30
    free_minutes: int = 15
    daily_cap: Decimal | None = None
    free_deducted: bool = False

    def band_at(self, moment: dt.time) -> TimeBand:
        for band in self.bands:
            if band.contains(moment):
                return band
        raise TariffError(f"收费时段未覆盖 {moment:%H:%M}")


@dataclass
class ChargeLine:
    """Consecutive units of one band on one day, as printed on a receipt."""

    day: dt.date
    band: str
    start: dt.datetime
    end: dt.datetime
    units: int
    rate_per_unit: Decimal
    amount: Decimal = Decimal(0)
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "band": self.band,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "units": self.units,
            "rate_per_unit": float(self.rate_per_unit),
            "amount": float(self.amount),
            "note": self.note,
        }


@dataclass
class Charge:
    amount: Decimal
    lines: list[ChargeLine] = field(default_factory=list)
    free: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"amount": float(self.amount), "lines": [line.as_dict() for line in self.lines]}


def price(
    tariff: Tariff, entry: dt.datetime, exit: dt.datetime, rights: Iterable[PermitRight] = ()
) -> Charge:
    """What a stay from ``entry`` to ``exit`` costs under ``tariff`` with the driver's ``rights``."""
    if exit < entry:
        raise TariffError("离场时间早于入场时间")
    minutes = (exit - entry).total_seconds() / 60
    if minutes <= tariff.free_minutes:
        return Charge(Decimal(0), free=True)
    charged_from = entry
    if tariff.free_deducted:
        charged_from = entry + dt.timedelta(minutes=tariff.free_minutes)
    lines = _lines(tariff, charged_from, exit, tuple(rights))
    _apply_daily_cap(tariff, lines)
    return Charge(sum((line.amount for line in lines), Decimal(0)), lines)


def _lines(
    tariff: Tariff, start: dt.datetime, exit: dt.datetime, rights: tuple[PermitRight, ...]
) -> list[ChargeLine]:
    unit = dt.timedelta(minutes=tariff.unit_minutes)
    lines: list[ChargeLine] = []
    moment = start
    while moment < exit:
        band = tariff.band_at(moment.time())
        rate = band.rate_per_unit * _multiplier(band.name, rights)
        last = lines[-1] if lines else None
        if (
            last
            and last.band == band.name
            and last.day == moment.date()
            and last.rate_per_unit == rate
        ):
            last.units += 1
            last.end = moment + unit
        else:
            lines.append(ChargeLine(moment.date(), band.name, moment, moment + unit, 1, rate))
        moment += unit
    for line in lines:
        line.amount = (line.rate_per_unit * line.units).quantize(CENT, rounding=ROUND_HALF_UP)
    return lines


def _multiplier(band: str, rights: tuple[PermitRight, ...]) -> Decimal:
    applicable = [r.multiplier for r in rights if not r.bands or band in r.bands]
    return min(applicable, default=Decimal(1))


def _apply_daily_cap(tariff: Tariff, lines: list[ChargeLine]) -> None:
    if tariff.daily_cap is None:
        return
    spent: dict[dt.date, Decimal] = {}
    for line in lines:
        room = max(tariff.daily_cap - spent.get(line.day, Decimal(0)), Decimal(0))
        if line.amount > room:
            line.amount, line.note = room, "已达当日封顶"
        spent[line.day] = spent.get(line.day, Decimal(0)) + line.amount
