"""``luoshi playbook draft PATH-or-document-number --json``: the draft playbook of a plan.

PATH is a gazette file (its plans are drafted without storing anything); a document
number names a plan already in the library. One plan prints one draft object, several
print a list. Bad input: one line on stderr, exit 1.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from luoshi.cli import CommandError, print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    playbook = subparsers.add_parser("playbook", help="draft playbooks from emergency plans")
    actions = playbook.add_subparsers(dest="playbook_command", required=True)
    draft = actions.add_parser("draft", help="print the draft playbook of a plan")
    draft.add_argument("source", help="gazette file, or the document number of a stored plan")
    draft.add_argument("--json", action="store_true", help="print JSON (the only output form)")
    draft.set_defaults(handler=_draft)


def _draft(args: argparse.Namespace) -> int:
    from luoshi.emergency.drafting import DraftingError, draft_plan
    from luoshi.emergency.playbook_review import plan_id_of, plan_text

    try:
        if Path(args.source).is_file():
            plans = [_from_parsed(d) for d in _parsed_plans(Path(args.source))]
        else:
            plans = [plan_text(_stored_plan(args.source))]
        drafts: list[dict[str, Any]] = [draft_plan(p, plan_id_of(p.number)) for p in plans]
    except DraftingError as exc:
        raise CommandError(str(exc)) from exc
    print_json(drafts[0] if len(drafts) == 1 else drafts)
    return 0


def _parsed_plans(path: Path) -> list[Any]:
    from luoshi.gazette.parsing import parse_issue
    from luoshi.gazette.parsing.model import GazetteError
    from luoshi.gazette.services import read_gazette_file

    try:
        parsed = parse_issue(read_gazette_file(path))
    except (GazetteError, OSError) as exc:
        raise CommandError(str(exc)) from exc
    plans = [d for d in parsed.documents if d.doc_type == "预案"]
    if not plans:
        raise CommandError(f"{path.name} 中没有应急预案(文种为“预案”的文件)")
    return plans


def _from_parsed(document: Any) -> Any:
    from luoshi.emergency.drafting import PlanText

    return PlanText(
        number=document.number or "",
        title=document.title,
        issuer=document.issuer,
        date=document.signed_on.isoformat() if document.signed_on else "",
        blocks=[dataclasses.asdict(b) for b in document.blocks],
    )


def _stored_plan(number: str) -> Any:
    from luoshi.gazette.models import Document
    from luoshi.gazette.parsing.numbers import normalise_number

    document = Document.objects.filter(number=normalise_number(number)).first()
    if document is None:
        raise CommandError(f"文件库中没有文号为 {number} 的文件,也没有这个文件路径")
    if document.doc_type != "预案":
        raise CommandError(f"{document.number} 不是应急预案(文种:{document.doc_type or '未知'})")
    return document
