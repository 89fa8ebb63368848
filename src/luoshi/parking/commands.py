"""``luoshi parking reprice --occupancy FILE|- --json``: the occupancy rule on given blocks.

The input is a JSON array of {"block", "band", "occupancy" (0–1), "rate"}; the answer is the same
array with "new_rate" and "rule" (the step applied), floor and ceiling respected. Bad input fails
the whole call with one line on stderr naming the item, and exit 1.
"""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation
from typing import Any

from luoshi.cli import (
    CommandError,
    Subparsers,
    answer_each,
    json_input_verb,
    print_json,
    read_json,
    verbs_of,
)


def register(subparsers: Subparsers) -> None:
    verbs = verbs_of(subparsers, "parking", "the city's smart parking platform")
    reprice = json_input_verb(
        verbs,
        "reprice",
        help="occupancy-based rate changes (SFpark rule)",
        flag="occupancy",
        handler=_reprice,
    )
    reprice.add_argument("--step", default="0.5", help="元/小时 per step (default 0.5)")
    reprice.add_argument("--floor", default="0.5", help="lowest rate (default 0.5)")
    reprice.add_argument("--ceiling", default="10", help="highest rate (default 10)")


def _reprice(args: argparse.Namespace) -> int:
    from luoshi.parking import repricing

    bounds = repricing.PriceBounds(
        step=_money(args.step, "step"),
        floor=_money(args.floor, "floor"),
        ceiling=_money(args.ceiling, "ceiling"),
    )
    if bounds.floor > bounds.ceiling:
        raise CommandError("floor must not be above ceiling")
    data = read_json(args.occupancy, "occupancy")
    if not isinstance(data, list):
        raise CommandError("occupancy must be a JSON array of observations")

    def one(item: Any) -> dict[str, Any]:
        return repricing.reprice(repricing.observation_from_json(item), bounds).as_dict()

    print_json(answer_each(data, one, repricing.ObservationError, label="occupancy"))
    return 0


def _money(text: str, name: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise CommandError(f"{name} must be a number") from exc
    if not value.is_finite() or value < 0 or value > 1000:
        raise CommandError(f"{name} must be between 0 and 1000")
    return value
