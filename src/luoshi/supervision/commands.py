"""``luoshi tasks`` (the contract in docs/contract.md) and ``luoshi remind`` (the daily reminder sweep)."""

from __future__ import annotations

import argparse
from typing import Any

from luoshi.cli import CommandError, print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tasks = subparsers.add_parser("tasks", help="list the supervised tasks found in the gazette")
    tasks.add_argument("--json", action="store_true")
    tasks.add_argument(
        "--document", metavar="NUMBER", help="only this document, e.g. 晋市政发〔2020〕4号"
    )
    tasks.set_defaults(handler=_tasks)

    remind = subparsers.add_parser("remind", help="send deadline reminders and overdue escalations")
    remind.add_argument("--json", action="store_true")
    remind.set_defaults(handler=_remind)


def task_rows(document: str | None = None) -> list[dict[str, Any]]:
    """The contract rows of the stored tasks (canonical unit names; unresolved names as printed)."""
    from luoshi.gazette.models import Document
    from luoshi.gazette.parsing import normalise_number
    from luoshi.supervision.models import Task, TaskUnit

    tasks = Task.objects.exclude(state=Task.State.RETIRED).select_related("document")
    if document is not None:
        number = normalise_number(document) or document.strip()
        if not Document.objects.filter(number=number).exists():
            raise CommandError(f"文件库中没有文件 {number}")
        tasks = tasks.filter(document__number=number)
    tasks = tasks.order_by("document__issue_id", "document__seq", "id").prefetch_related(
        "assignments__unit"
    )
    rows = []
    for task in tasks:
        units: dict[str, list[str]] = {TaskUnit.Role.LEAD: [], TaskUnit.Role.CO: []}
        for assignment in sorted(task.assignments.all(), key=lambda a: a.pk):
            units[assignment.role].append(assignment.unit.name)
        unresolved = task.unresolved_units or {}
        number = task.document.number if task.document else None
        # a document printed without a number is named by its place in its issue
        source = number or (
            f"{task.document.issue_id}.{task.document.seq}" if task.document else None
        )
        rows.append(
            {
                "id": f"{source}#{task.ref}",
                "document": number,
                "ref": task.ref,
                "no": task.no or None,
                "title": task.title,
                "text": task.text,
                "lead_units": units[TaskUnit.Role.LEAD] + list(unresolved.get("lead", [])),
                "co_units": units[TaskUnit.Role.CO] + list(unresolved.get("co", [])),
                "responsible_leaders": task.responsible_leaders,
                "leaders_in_charge": task.leaders_in_charge,
                "sections": task.sections,
                "persons": task.persons,
                "due": task.due.isoformat() if task.due else None,
                "due_text": task.due_text,
                "due_event": task.due_event or None,
                "ongoing": task.ongoing,
                "not_applicable": task.not_applicable,
                "targets": [
                    {"metric": t["metric"], "value": t["value"], "unit": t["unit"]}
                    for t in task.targets
                ],
                "flags": task.flags,
                "ledger_id": task.pk,
                "state": task.state,
            }
        )
    return rows


def _tasks(args: argparse.Namespace) -> int:
    rows = task_rows(args.document)
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        units = "、".join(row["lead_units"]) or "—"
        print(
            f"{row['document'] or '—'} {row['ref']:<12} {row['due'] or '—':<10} {units} {row['title'][:40]}"
        )
    print(f"共 {len(rows)} 项")
    return 0


def _remind(args: argparse.Namespace) -> int:
    from luoshi.supervision.notifications import send_reminders

    summary = send_reminders()
    if args.json:
        print_json(summary.as_dict())
    else:
        print(f"到期提醒 {summary.reminders} 条, 逾期督办 {summary.escalations} 条")
    return 0
