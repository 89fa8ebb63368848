"""``luoshi revenue assess --facts FILE|- --json``: what state capital revenue is due, and when.

A JSON object is answered by one assessment, an array by an array in the same order; bad input
fails the whole call with one line on stderr naming the item, and exit 1. Working days come from
the holiday table in the database (调休 and admin overrides included).
"""

from __future__ import annotations

import argparse
from typing import Any

from luoshi.cli import Subparsers, answer_json, json_input_verb, verbs_of


def register(subparsers: Subparsers) -> None:
    verbs = verbs_of(subparsers, "revenue", "state capital revenue (国有资本收益)")
    json_input_verb(
        verbs,
        "assess",
        help="assess revenue facts against 晋市政办〔2020〕19号",
        flag="facts",
        handler=_assess,
        needs_db=True,
    )


def _assess(args: argparse.Namespace) -> int:
    from luoshi.core.holidays import load_calendar
    from luoshi.revenue import rules

    calendar = load_calendar()

    def one(item: Any) -> dict[str, Any]:
        return rules.assess(rules.facts_from_json(item), calendar).as_dict()

    return answer_json(args.facts, what="facts", answer=one, error=rules.FactsError)
