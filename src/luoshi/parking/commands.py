"""``luoshi parking reprice --occupancy FILE|- --json``: the occupancy rule on given blocks.

The input is a JSON array of {"block", "band", "occupancy" (0–1), "rate"}; the answer is the same
array with "new_rate" and "rule" (the step applied), floor and ceiling respected. Bad input fails
the whole call with one line on stderr naming the item, and exit 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
    simulate = verbs.add_parser("simulate", help="generate the city and feed a day of events")
    simulate.add_argument("--day", required=True, help="the day to simulate (YYYY-MM-DD)")
    simulate.add_argument("--scale", type=float, default=1.0, help="share of the city (0–2)")
    simulate.add_argument("--json", action="store_true", help="output is JSON")
    simulate.set_defaults(handler=_simulate, needs_db=True)
    quote = verbs.add_parser("tariff", help="what a stay at a facility costs")
    quote.add_argument("--facility", required=True, help="the facility's code (JC0001)")
    quote.add_argument("--entry", required=True, help="entry time, ISO 8601")
    quote.add_argument("--exit", required=True, help="exit time, ISO 8601")
    quote.add_argument("--plate", default="", help="the plate, for its permits")
    quote.add_argument("--json", action="store_true", help="output is JSON")
    quote.set_defaults(handler=_tariff, needs_db=True)


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


def _simulate(args: argparse.Namespace) -> int:
    from luoshi.core.errors import DomainError
    from luoshi.parking.simulation import simulate

    try:
        day = dt.date.fromisoformat(args.day)
        print_json(simulate(day, args.scale))
    except ValueError as exc:
        raise CommandError(f"--day must be a date (YYYY-MM-DD): {args.day[:32]}") from exc
    except DomainError as exc:
        raise CommandError(exc.message) from exc
    return 0


def _tariff(args: argparse.Namespace) -> int:
    from luoshi.core import clock
    from luoshi.core.errors import DomainError
    from luoshi.parking.pricing import quote

    moments = []
    for name in ("entry", "exit"):
        try:
            moments.append(clock.parse_moment(getattr(args, name)))
        except ValueError as exc:
            raise CommandError(f"--{name} must be an ISO 8601 time") from exc
    try:
        print_json(quote(args.facility, moments[0], moments[1], args.plate).as_dict())
    except DomainError as exc:
        raise CommandError(exc.message) from exc
    return 0


def _money(text: str, name: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise CommandError(f"{name} must be a number") from exc
    if not value.is_finite() or value < 0 or value > 1000:
        raise CommandError(f"{name} must be between 0 and 1000")
    return value
