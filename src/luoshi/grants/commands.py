"""``luoshi grants assess --applicant FILE|- --json``: the 大学新生资助 rules on given facts.

A JSON object is answered by one assessment, an array by an array in the same order; bad input
fails the whole call with one line on stderr naming the item, and exit 1.
"""

from __future__ import annotations

import argparse
from typing import Any

from luoshi.cli import answer_each, print_json, read_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    grants = subparsers.add_parser("grants", help="student grants (大学新生资助)")
    verbs = grants.add_subparsers(dest="verb", required=True)
    assess = verbs.add_parser("assess", help="assess applicants against 晋市政办〔2020〕9号")
    assess.add_argument("--applicant", required=True, help="JSON file, or - for stdin")
    assess.add_argument("--json", action="store_true", help="accepted for symmetry; output is JSON")
    assess.set_defaults(handler=_assess, needs_db=False)


def _assess(args: argparse.Namespace) -> int:
    from luoshi.grants import rules

    def one(item: Any) -> dict[str, Any]:
        return rules.assess(rules.applicant_from_json(item)).as_dict()

    data = read_json(args.applicant, "applicant")
    print_json(answer_each(data, one, rules.ApplicantError, label="applicant"))
    return 0
