"""Schedule phases (实施进度 / 时间安排): a clause headed by a date or a date range.

``(一)2019年12月-2020年3月`` followed by what to do becomes a task due at the end
of the range; ``(四)2020年6月底前`` likewise. Units come from an assignment bracket
in the phase's text when there is one (else flag ``missing_units``).
Pure Python, no Django.
"""

from __future__ import annotations

from luoshi.gazette.parsing.model import ParsedDocument
from luoshi.supervision.extraction.brackets import find_assignments
from luoshi.supervision.extraction.clauses import Clause
from luoshi.supervision.extraction.due import parse_due
from luoshi.supervision.extraction.model import ExtractedTask
from luoshi.supervision.extraction.targets import parse_targets
from luoshi.supervision.extraction.text import first_sentence


def extract_schedule(
    document: ParsedDocument, root: Clause, consumed: set[int]
) -> list[ExtractedTask]:
    """One task per date-headed clause."""
    tasks: list[ExtractedTask] = []
    for clause in root.walk():
        if id(clause) in consumed or not clause.heading or not clause.paragraphs:
            continue
        due = parse_due(clause.heading.rstrip("。:："), document.signed_on)
        if due is None or due.due is None:
            continue
        text = "\n".join(clause.paragraphs)
        task = ExtractedTask(
            document=document.number or "", ref=clause.ref, no=clause.label.rstrip("、.．") or None,
            title=first_sentence(text), text=text, due=due.due, due_text=due.text,
            recurring=due.recurring, kind="schedule_phase",
        )  # fmt: skip
        assignments = find_assignments(text)
        if assignments:
            task.lead_units = list(assignments[-1].assignment.lead)
            task.co_units = list(assignments[-1].assignment.co)
            task.implementing_units = list(assignments[-1].assignment.implementing)
        else:
            task.flags.append("missing_units")
        task.targets = parse_targets(text)
        tasks.append(task)
        consumed.add(id(clause))
    return tasks
