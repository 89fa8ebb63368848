"""``luoshi grants assess --applicant FILE|- --json``: the 大学新生资助 rules on given facts.

A JSON object is answered by one assessment, an array by an array in the same order; bad input
fails the whole call with one line on stderr naming the item, and exit 1.
"""

from __future__ import annotations

import argparse
from typing import Any

from luoshi.cli import Subparsers, answer_json, json_input_verb, verbs_of


def register(subparsers: Subparsers) -> None:
    verbs = verbs_of(subparsers, "grants", "student grants (大学新生资助)")
    json_input_verb(
        verbs,
        "assess",
        help="assess applicants against 晋市政办〔2020〕9号",
        flag="applicant",
        handler=_assess,
    )


def _assess(args: argparse.Namespace) -> int:
    from luoshi.grants import rules

    def one(item: Any) -> dict[str, Any]:
        return rules.assess(rules.applicant_from_json(item)).as_dict()

    return answer_json(args.applicant, what="applicant", answer=one, error=rules.ApplicantError)
