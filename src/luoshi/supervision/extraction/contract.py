"""The ``luoshi tasks --json`` shape (docs/contract.md, command-line contract).

``id`` is ``<document>#<ref>``, stable while the source does not change; ``due`` is
ISO or null; ``targets`` are ``[{metric, value, unit}]``. Units are as printed here:
the ledger replaces them with canonical names when it stores the tasks.
Pure Python, no Django.
"""

from __future__ import annotations

from typing import Any

from luoshi.supervision.extraction.model import ExtractedTask


def task_id(task: ExtractedTask) -> str:
    return f"{task.document}#{task.ref}"


def task_contract(task: ExtractedTask) -> dict[str, Any]:
    """One task as the contract prints it (co-operating and implementing units together)."""
    co_units = list(dict.fromkeys([*task.co_units, *task.implementing_units]))
    return {
        "id": task_id(task),
        "document": task.document,
        "ref": task.ref,
        "no": task.no,
        "title": task.title,
        "text": task.text,
        "lead_units": list(task.lead_units),
        "co_units": co_units,
        "responsible_leaders": list(task.responsible_leaders),
        "leaders_in_charge": list(task.leaders_in_charge),
        "sections": list(task.sections),
        "persons": list(task.persons),
        "due": task.due.isoformat() if task.due else None,
        "due_text": task.due_text,
        "ongoing": task.ongoing,
        "not_applicable": task.not_applicable,
        "targets": [{"metric": t.metric, "value": t.value, "unit": t.unit} for t in task.targets],
        "flags": list(task.flags),
    }


def tasks_contract(tasks: list[ExtractedTask]) -> list[dict[str, Any]]:
    """The contract's list for ``luoshi tasks --json``."""
    return [task_contract(task) for task in tasks]
