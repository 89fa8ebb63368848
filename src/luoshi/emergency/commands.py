"""``luoshi grade --plan PLAN_ID --facts FILE|-`` (the contract in docs/contract.md).

A JSON object is answered by one answer object; a JSON array by an array of
answers in the same order. Any bad input fails the whole call with one line on
stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from luoshi.cli import CommandError, print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    grade = subparsers.add_parser("grade", help="grade incident facts under an emergency plan")
    grade.add_argument("--plan", required=True, help="plan id, e.g. coal-mine")
    grade.add_argument("--facts", required=True, help="JSON file with the facts, or - for stdin")
    grade.add_argument("--json", action="store_true", help="accepted for symmetry; output is JSON")
    grade.set_defaults(handler=_grade, needs_db=False)


def _read(source: str) -> Any:
    try:
        if source == "-":
            text = sys.stdin.read()
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise CommandError(f"cannot read facts from {source}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise CommandError(f"facts in {source} are not UTF-8") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"malformed JSON in facts: {exc.msg} (line {exc.lineno})") from exc


def _grade(args: argparse.Namespace) -> int:
    from luoshi.emergency.facts import FactsError
    from luoshi.emergency.grading import grade
    from luoshi.emergency.playbook import UnknownPlan, load_playbook

    try:
        load_playbook(args.plan)
    except UnknownPlan as exc:
        raise CommandError(str(exc)) from exc
    data = _read(args.facts)
    batch = isinstance(data, list)
    items = data if batch else [data]
    answers = []
    for index, facts in enumerate(items):
        where = f"facts[{index}]: " if batch else ""
        if not isinstance(facts, dict):
            raise CommandError(f"{where}facts must be a JSON object")
        try:
            answers.append(grade(args.plan, facts).as_dict())
        except FactsError as exc:
            raise CommandError(f"{where}{exc}") from exc
    print_json(answers if batch else answers[0])
    return 0
