"""``luoshi express-escalate``: report overdue steps (run it every few minutes from cron)."""

from __future__ import annotations

import argparse

from luoshi.cli import print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    escalate = subparsers.add_parser(
        "express-escalate",
        help="escalate overdue express-card steps to supervision and the vice mayor",
    )
    escalate.add_argument("--json", action="store_true")
    escalate.set_defaults(handler=_escalate, needs_db=True)


def _escalate(args: argparse.Namespace) -> int:
    from luoshi.express.services import escalate_overdue

    created = escalate_overdue()
    rows = [
        {"card": e.card.number, "state": e.state, "due": e.step_due_at.isoformat()} for e in created
    ]
    if args.json:
        print_json({"escalated": len(rows), "items": rows})
    else:
        print(f"超时督办 {len(rows)} 件")
        for row in rows:
            print(f"  {row['card']} {row['state']} 时限 {row['due']}")
    return 0
