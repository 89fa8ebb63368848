"""``luoshi revenue assess --facts FILE|- --json``: what state capital revenue is due, and when.

A JSON object is answered by one assessment, an array by an array in the same order; bad input
fails the whole call with one line on stderr naming the item, and exit 1. Working days come from
the holiday table in the database (调休 and admin overrides included).
"""

from __future__ import annotations

import argparse
from typing import Any

from luoshi.cli import answer_each, print_json, read_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    revenue = subparsers.add_parser("revenue", help="state capital revenue (国有资本收益)")
    verbs = revenue.add_subparsers(dest="verb", required=True)
    assess = verbs.add_parser("assess", help="assess revenue facts against 晋市政办〔2020〕19号")
    assess.add_argument("--facts", required=True, help="JSON file, or - for stdin")
    assess.add_argument("--json", action="store_true", help="accepted for symmetry; output is JSON")
    assess.set_defaults(handler=_assess)


def _assess(args: argparse.Namespace) -> int:
    from luoshi.core.holidays import load_calendar
    from luoshi.revenue import rules

    calendar = load_calendar()

    def one(item: Any) -> dict[str, Any]:
        return rules.assess(rules.facts_from_json(item), calendar).as_dict()

    data = read_json(args.facts, "facts")
    print_json(answer_each(data, one, rules.FactsError, label="facts"))
    return 0
