"""The task decomposition table (任务分解表) of a notice that hands higher-level tasks to units.

Columns, found by their header words: 序号, the higher level's task (省政府…任务),
this level's task (…市…任务), 牵头(责任)单位, 责任领导, 分管领导, 责任科室, 责任人.
A numbered row opens a task; a row without a number continues the task above
(more units, people or text). Irregularities are flagged, never fixed:
``duplicate_number``, ``html_in_cell``, ``continuation_row``, ``misaligned_row``
(this level's text reads like a neighbouring row's higher-level task),
``not_applicable_with_text``, ``units_on_not_applicable``.
Pure Python, no Django.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from luoshi.gazette.parsing.model import ParsedDocument
from luoshi.supervision.extraction.due import apply_dues, find_dues
from luoshi.supervision.extraction.model import ExtractedTask
from luoshi.supervision.extraction.names import split_people, split_sections, split_units
from luoshi.supervision.extraction.tables import ColumnTest, table_rows
from luoshi.supervision.extraction.targets import parse_targets
from luoshi.supervision.extraction.text import (
    clean,
    first_sentence,
    has_html,
    is_blank,
    similarity,
    squeeze,
)

COLUMNS: dict[str, ColumnTest] = {
    "no": lambda h: h == "序号" or h == "编号",
    "upper_task": lambda h: "省" in h and "任务" in h,
    "task": lambda h: "任务" in h,
    "lead": lambda h: "牵头" in h or h in {"责任单位", "责任部门"},
    "leader": lambda h: "责任领导" in h,
    "in_charge": lambda h: "分管领导" in h,
    "section": lambda h: "科室" in h or "处室" in h,
    "person": lambda h: h in {"责任人", "具体责任人", "联系人"},
}
REQUIRED = {"no", "upper_task", "task", "lead"}

_NOT_APPLICABLE = re.compile(r"^(?:此项|该项|本项)?(?:工作|任务)?不涉及[^。,,;；]{0,8}[。.]?")
_NUMBER = re.compile(r"^[0-9]+$")

# How much better a neighbour's higher-level task must match this row's own text.
MISALIGNED_MIN = 0.5
MISALIGNED_MARGIN = 0.2
MISALIGNED_WINDOW = 3


@dataclass
class _Row:
    task: ExtractedTask
    segments: list[str] = field(default_factory=list)  # this level's text, row by row


def extract_decomposition(document: ParsedDocument) -> list[ExtractedTask]:
    """Every numbered task of the document's decomposition tables, in table order."""
    rows: list[_Row] = []
    number = document.number or ""
    for row in table_rows(document, COLUMNS, REQUIRED):
        no = squeeze(row.get("no"))
        if _NUMBER.match(no):
            task = ExtractedTask(
                document=number, ref="", no=no, title="", text=row.get("task").strip(),
                province_task=row.get("upper_task").strip(), kind="decomposition_row",
            )  # fmt: skip
            if row.table > 1:
                task.ref = f"表{row.table} "
            rows.append(_Row(task, [row.get("task")]))
        elif rows:
            current = rows[-1]
            _append_text(current.task, row.get("upper_task"), row.get("task"))
            current.segments.append(row.get("task"))
            _flag(current.task, "continuation_row")
        else:
            continue
        task = rows[-1].task
        task.lead_units += [u for u in split_units(row.get("lead")) if u not in task.lead_units]
        task.responsible_leaders += split_people(row.get("leader"))
        task.leaders_in_charge += split_people(row.get("in_charge"))
        task.sections += split_sections(row.get("section"))
        task.persons += split_people(row.get("person"))
        if any(has_html(cell) for cell in row.cells):
            _flag(task, "html_in_cell")
    _number_refs(rows)
    for item in rows:
        _finish(item.task, document)
    _flag_misaligned(rows)
    return [item.task for item in rows]


def _append_text(task: ExtractedTask, upper: str, text: str) -> None:
    if not is_blank(upper):
        task.province_task = "\n".join(filter(None, [task.province_task, upper.strip()]))
    if not is_blank(text):
        task.text = "\n".join(filter(None, [task.text, text.strip()]))


def _number_refs(rows: list[_Row]) -> None:
    counts = Counter(item.task.no for item in rows)
    seen: Counter[str | None] = Counter()
    for item in rows:
        task = item.task
        seen[task.no] += 1
        suffix = f"-{seen[task.no]}" if seen[task.no] > 1 else ""
        task.ref = f"{task.ref}序号{task.no}{suffix}"
        if counts[task.no] > 1:
            _flag(task, "duplicate_number")


def _finish(task: ExtractedTask, document: ParsedDocument) -> None:
    own = clean(task.text)
    marker = _NOT_APPLICABLE.match(own)
    if marker:
        if own[marker.end() :].strip():
            _flag(task, "not_applicable_with_text")
        else:
            task.not_applicable = True
            if task.lead_units:
                _flag(task, "units_on_not_applicable")
    if is_blank(task.text):
        _flag(task, "missing_text")
    task.title = first_sentence(task.text) or first_sentence(task.province_task)
    if not task.not_applicable:
        apply_dues(task, find_dues(clean(task.text), document.signed_on))
        task.targets = parse_targets(task.text)
        if not task.lead_units:
            _flag(task, "missing_units")


def _flag_misaligned(rows: list[_Row]) -> None:
    """Flag rows whose own text reads like a neighbour's higher-level task, or whose
    higher-level task is answered by a neighbour's text (the text sits one row off)."""
    uppers = [clean(item.task.province_task) for item in rows]
    texts = [
        [clean(s) for s in item.segments if clean(s) and not _NOT_APPLICABLE.match(clean(s))]
        for item in rows
    ]
    for index, item in enumerate(rows):
        if item.task.not_applicable:
            continue
        own = max((similarity(t, uppers[index]) for t in texts[index]), default=0.0)
        nearby = [
            other
            for other in range(
                max(0, index - MISALIGNED_WINDOW), min(len(rows), index + MISALIGNED_WINDOW + 1)
            )
            if other != index
        ]
        takes = max((similarity(t, uppers[o]) for t in texts[index] for o in nearby), default=0.0)
        given = max((similarity(t, uppers[index]) for o in nearby for t in texts[o]), default=0.0)
        best = max(takes, given)
        if best >= MISALIGNED_MIN and best >= own + MISALIGNED_MARGIN:
            _flag(item.task, "misaligned_row")


def _flag(task: ExtractedTask, flag: str) -> None:
    if flag not in task.flags:
        task.flags.append(flag)
