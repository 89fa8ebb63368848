"""The tariff engine: examples of 差异化停车收费 and its properties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.parking.tariff import PermitRight, Tariff, TariffError, TimeBand, price

DAY = TimeBand("白天", dt.time(8), dt.time(20), Decimal("2"))  # 2 元 per 30 minutes
NIGHT = TimeBand("夜间", dt.time(20), dt.time(8), Decimal("0.5"))
CORE = Tariff(zone="主城区", bands=(DAY, NIGHT), daily_cap=Decimal("30"))
RESIDENT = PermitRight("居民夜间包月", Decimal(0), frozenset({"夜间"}))


def at(hour: int, minute: int = 0, day: int = 1) -> dt.datetime:
    return dt.datetime(2020, 6, day, hour, minute)


def test_should_charge_nothing_within_the_free_period():
    assert price(CORE, at(9), at(9, 15)).amount == 0


def test_should_charge_from_entry_once_past_the_free_period():
    charge = price(CORE, at(9), at(9, 16))
    assert charge.amount == Decimal("2") and charge.lines[0].units == 1
    assert price(CORE, at(9), at(10, 1)).amount == Decimal("6")  # three started half hours


def test_should_price_each_unit_in_the_band_it_starts_in():
    charge = price(CORE, at(19), at(21))
    assert [(line.band, line.units, line.amount) for line in charge.lines] == [
        ("白天", 2, Decimal("4.00")),
        ("夜间", 2, Decimal("1.00")),
    ]


def test_should_cap_each_calendar_day():
    charge = price(CORE, at(8), at(19))  # 22 units × 2 = 44 → 30
    assert charge.amount == Decimal("30")
    assert charge.lines[-1].note == "已达当日封顶"
    two_days = price(CORE, at(8), at(8, day=2) + dt.timedelta(hours=11))
    assert two_days.amount == Decimal("60")


def test_should_waive_the_bands_a_permit_names():
    assert price(CORE, at(19), at(21), [RESIDENT]).amount == Decimal("4")


def test_should_deduct_the_free_period_when_the_tariff_says_so():
    deducted = Tariff(zone="z", bands=(DAY, NIGHT), free_deducted=True)
    assert price(deducted, at(9), at(9, 45)).amount == Decimal("2")


def test_should_refuse_an_exit_before_entry_and_uncovered_hours():
    with pytest.raises(TariffError):
        price(CORE, at(10), at(9))
    with pytest.raises(TariffError, match="未覆盖"):
        price(Tariff(zone="z", bands=(DAY,)), at(19), at(21))


stays = st.tuples(
    st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2020, 12, 31)),
    st.integers(min_value=0, max_value=3 * 24 * 60),
    st.integers(min_value=0, max_value=24 * 60),
)
tariffs = st.builds(
    Tariff,
    zone=st.just("z"),
    bands=st.just((DAY, NIGHT)),
    unit_minutes=st.sampled_from([15, 30, 60]),
    free_minutes=st.sampled_from([0, 15, 30]),
    daily_cap=st.one_of(st.none(), st.decimals(min_value=1, max_value=100, places=0)),
    free_deducted=st.booleans(),
)


@given(tariffs, stays)
def test_should_never_charge_less_for_a_longer_stay(tariff, stay):
    entry, minutes, more = stay
    short = price(tariff, entry, entry + dt.timedelta(minutes=minutes))
    long = price(tariff, entry, entry + dt.timedelta(minutes=minutes + more))
    assert short.amount <= long.amount


@given(tariffs, stays)
def test_should_keep_every_day_within_the_cap(tariff, stay):
    entry, minutes, _ = stay
    charge = price(tariff, entry, entry + dt.timedelta(minutes=minutes))
    per_day: dict[dt.date, Decimal] = {}
    for line in charge.lines:
        per_day[line.day] = per_day.get(line.day, Decimal(0)) + line.amount
    if tariff.daily_cap is not None:
        assert all(total <= tariff.daily_cap for total in per_day.values())
    assert charge.amount == sum(per_day.values(), Decimal(0)) and charge.amount >= 0


@given(tariffs, stays)
def test_should_never_charge_more_with_a_permit(tariff, stay):
    entry, minutes, _ = stay
    exit = entry + dt.timedelta(minutes=minutes)
    assert price(tariff, entry, exit, [RESIDENT]).amount <= price(tariff, entry, exit).amount
