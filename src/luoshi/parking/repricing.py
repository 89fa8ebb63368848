"""Occupancy-based pricing (需求响应式调价), as SFpark adjusted its meters.

Pure: no Django. On a schedule, each block's rate in each time band moves by the occupancy
measured there: 80% or more raises it one step, 60–80% holds it, 30–60% lowers it one step,
below 30% lowers it two steps — never below the floor nor above the ceiling. The step, floor
and ceiling are the price authority's settings (defaults 0.5 元/小时, 0.5 and 10 元/小时).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

RAISE_AT = 0.8
HOLD_AT = 0.6
LOWER_AT = 0.3


@dataclass(frozen=True)
class PriceBounds:
    step: Decimal = Decimal("0.5")
    floor: Decimal = Decimal("0.5")
    ceiling: Decimal = Decimal("10")


@dataclass(frozen=True)
class Observation:
    """One block and time band: its measured occupancy (0–1) and its current rate (元/小时)."""

    block: str
    band: str
    occupancy: float
    rate: Decimal


@dataclass(frozen=True)
class RateChange:
    observation: Observation
    new_rate: Decimal
    rule: str  # "raise", "hold", "lower", "lower2"; the step the occupancy called for
    steps: int

    def as_dict(self) -> dict[str, Any]:
        o = self.observation
        return {
            "block": o.block,
            "band": o.band,
            "occupancy": o.occupancy,
            "rate": float(o.rate),
            "new_rate": float(self.new_rate),
            "rule": self.rule,
        }


RULES = {1: "raise", 0: "hold", -1: "lower", -2: "lower2"}
RULE_NAMES = {
    "raise": "占用率≥80%,上调一档",
    "hold": "占用率60%–80%,维持",
    "lower": "占用率30%–60%,下调一档",
    "lower2": "占用率<30%,下调两档",
}


def steps_for(occupancy: float) -> int:
    if occupancy >= RAISE_AT:
        return 1
    if occupancy >= HOLD_AT:
        return 0
    if occupancy >= LOWER_AT:
        return -1
    return -2


def reprice(observation: Observation, bounds: PriceBounds = PriceBounds()) -> RateChange:
    steps = steps_for(observation.occupancy)
    moved = observation.rate + bounds.step * steps
    new_rate = min(max(moved, bounds.floor), bounds.ceiling)
    return RateChange(observation, new_rate, RULES[steps], steps)


class ObservationError(ValueError):
    """A malformed observation; the message names the field."""


def observation_from_json(data: object) -> Observation:
    if not isinstance(data, dict):
        raise ObservationError("each observation must be a JSON object")
    unknown = sorted(set(data) - {"block", "band", "occupancy", "rate"})
    if unknown:
        raise ObservationError(f"unknown field {unknown[0]!r}")
    for name in ("block", "band"):
        value = data.get(name)
        if not isinstance(value, str) or not value.strip() or len(value) > 64:
            raise ObservationError(f"{name} must be a non-empty string of at most 64 characters")
    occupancy = _number(data, "occupancy")
    if not 0 <= occupancy <= 1:
        raise ObservationError("occupancy must be between 0 and 1")
    rate = _number(data, "rate")
    if not 0 <= rate <= 1000:
        raise ObservationError("rate must be between 0 and 1000 (元/小时)")
    return Observation(data["block"], data["band"], occupancy, Decimal(str(rate)))


def _number(data: dict[str, object], name: str) -> float:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ObservationError(f"{name} must be a finite number")
    return float(value)
