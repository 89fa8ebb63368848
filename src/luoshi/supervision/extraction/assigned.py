"""Numbered tasks with their units in brackets (带责任分工括注的条款).

A clause's text is cut after each assignment bracket: the words up to a bracket
are one task with that bracket's units. Numbered items of the same section that
carry no bracket take the units of the next bracket in that section (print puts
one bracket under a group of measures; flag ``shared_units``). Deadlines in the
text (``2020年6月底前``) set ``due`` (the latest, flag ``multiple_deadlines`` when
there are several); ``市财政安排资金600万元`` is kept in ``funds``.
Pure Python, no Django.
"""

from __future__ import annotations

import re

from luoshi.gazette.parsing.model import ParsedDocument
from luoshi.supervision.extraction.brackets import Assignment, find_assignments
from luoshi.supervision.extraction.clauses import Clause
from luoshi.supervision.extraction.due import apply_dues, find_dues
from luoshi.supervision.extraction.model import ExtractedTask
from luoshi.supervision.extraction.targets import parse_targets
from luoshi.supervision.extraction.text import clean, first_sentence

_LEADING = "。.;；,,、 \n"
_FUNDS = re.compile(
    r"(?:[市县省区]级?)?财政[^,,。;；]{0,16}?[0-9]+(?:\.[0-9]+)?[万亿]?元"
    r"|(?:安排|投入|奖补|补助)资金[0-9]+(?:\.[0-9]+)?[万亿]?元"
)


def extract_assigned(
    document: ParsedDocument, root: Clause, consumed: set[int]
) -> list[ExtractedTask]:
    """Tasks of every clause whose text carries an assignment bracket; marks them consumed."""
    tasks: list[ExtractedTask] = []
    pending: list[Clause] = []
    for clause in root.walk():
        if id(clause) in consumed:
            continue
        if pending and pending[-1].parent is not clause.parent:
            pending = []
        text = clause.text
        matches = find_assignments(text)
        if not matches:
            if clause.label and not clause.children and clause is not root:
                pending.append(clause)
            continue
        consumed.add(id(clause))
        start = 0
        pieces: list[tuple[str, Assignment]] = []
        for match in matches:
            pieces.append((text[start : match.end].lstrip(_LEADING).strip(), match.assignment))
            start = match.end
        rest = text[start:].strip()
        if rest and clause.heading and start <= len(clause.heading):
            # the units are named in the heading: the paragraphs under it are their task
            piece, assignment = pieces[-1]
            pieces[-1] = (f"{piece}\n{rest}", assignment)
        if pending and clause.parent is pending[0].parent:
            for other in pending:
                consumed.add(id(other))
                task = _task(document, other, other.text, pieces[0][1], "", 0)
                task.flags.append("shared_units")
                tasks.append(task)
        pending = []
        own = [(piece, a) for piece, a in pieces if clean(_before_bracket(piece))]
        for index, (piece, assignment) in enumerate(own, start=1):
            suffix = f"-{index}" if len(own) > 1 else ""
            tasks.append(_task(document, clause, piece, assignment, suffix, index))
    return tasks


def _before_bracket(piece: str) -> str:
    """The words of a piece before the assignment bracket that ends it."""
    opening = _opening_of(piece)
    cut = piece.rfind(opening)
    return piece[:cut] if cut >= 0 else piece


def _opening_of(piece: str) -> str:
    """The opening bracket of the assignment that ends ``piece``."""
    pairs = {")": "(", "）": "（", "〕": "〔", "]": "[", "】": "【"}
    return pairs.get(piece[-1], "(") if piece else "("


def _task(
    document: ParsedDocument,
    clause: Clause,
    text: str,
    assignment: Assignment,
    suffix: str,
    index: int,
) -> ExtractedTask:
    heading_title = first_sentence(clause.heading) if clause.heading else ""
    title = heading_title if index <= 1 and heading_title else first_sentence(text)
    task = ExtractedTask(
        document=document.number or "", ref=f"{clause.ref}{suffix}" or "正文",
        no=clause.label.rstrip("、.．") or None, title=title, text=text,
        lead_units=list(assignment.lead), co_units=list(assignment.co),
        implementing_units=list(assignment.implementing), kind="assigned_clause",
    )  # fmt: skip
    apply_dues(task, find_dues(text, document.signed_on))
    task.targets = parse_targets(text)
    task.funds = ";".join(m.group(0) for m in _FUNDS.finditer(clean(text)))
    return task
