"""Dated obligations in prose (限期完成的要求): ``在2020年6月底前完成``, ``每年5月31日前…申报``,
and those counted from an event or season (``汛期前完成``, ``收到通知之日起10日内``).

What no table, bracket, schedule or duty list has already given: a numbered clause
with a deadline is one task; in longer text each sentence with a deadline is one.
The unit is the sentence's subject when it names one (``由各县(市、区)人民政府统筹安排``,
``市学生资助事务中心每年…``), else flag ``missing_units``.
Pure Python, no Django.
"""

from __future__ import annotations

import re

from luoshi.gazette.parsing.model import ParsedDocument
from luoshi.supervision.extraction.clauses import Clause
from luoshi.supervision.extraction.due import apply_dues, find_dues
from luoshi.supervision.extraction.events import find_event_dues
from luoshi.supervision.extraction.model import ExtractedTask
from luoshi.supervision.extraction.names import split_units
from luoshi.supervision.extraction.targets import parse_targets
from luoshi.supervision.extraction.text import first_sentence

MAX_CLAUSE = 600
_UNIT_WORD = (
    r"(?:人民政府|政府|管委会|局|委|办|中心|学校|公司|企业|部门|单位|机构|委员会|管理人|清算组)"
)
_SUBJECT = re.compile(
    rf"(?:由|^)(?P<unit>(?:各|市|县|区|省)[^,,。;；:：]{{0,24}}?{_UNIT_WORD}"
    rf"(?:[、和](?:各|市|县|区)[^,,。;；:：]{{0,24}}?{_UNIT_WORD})*)"
)
# ``各县(市、区)要…`` as a subject means the county governments.
_COUNTIES = re.compile(r"^各县[((]市、?区[))](?=要|应|须|今年|年内|[0-9]{4}年)")
COUNTY_GOVERNMENTS = "各县(市、区)人民政府"
_LEADING_DATE = re.compile(
    r"^(?:每年)?(?:[0-9]{4}年)?(?:[0-9]{1,2}月(?:[0-9]{1,2}[日号]|底|末)?|年底|年末)(?:之前|以前|前)?"
)
_SENTENCES = re.compile(r"[^。;；]+[。;；]?")


def extract_dated(
    document: ParsedDocument, root: Clause, consumed: set[int]
) -> list[ExtractedTask]:
    """Dated obligations in clauses no other extractor has read."""
    tasks: list[ExtractedTask] = []
    for clause in root.walk():
        if id(clause) in consumed:
            continue
        text = clause.text if clause.label else "\n".join(clause.paragraphs)
        if not _has_deadline(text, document):
            continue
        if clause.label and len(text) <= MAX_CLAUSE:
            title = first_sentence(clause.heading) or first_sentence(text)
            tasks.append(_task(document, clause.ref, clause, title, text))
        else:
            dated = [s.strip() for s in _SENTENCES.findall(text) if _has_deadline(s, document)]
            base = clause.ref.strip() or "正文"
            for index, sentence in enumerate(dated, start=1):
                ref = f"{base}-{index}" if len(dated) > 1 or base == "正文" else base
                tasks.append(_task(document, ref, clause, first_sentence(sentence), sentence))
        consumed.add(id(clause))
    return tasks


def _task(
    document: ParsedDocument, ref: str, clause: Clause, title: str, text: str
) -> ExtractedTask:
    task = ExtractedTask(
        document=document.number or "", ref=ref, no=clause.label.rstrip("、.．") or None,
        title=title, text=text, kind="dated_obligation",
    )  # fmt: skip
    apply_dues(task, find_dues(text, document.signed_on))
    task.lead_units = subject_units(text)
    if not task.lead_units:
        task.flags.append("missing_units")
    task.targets = parse_targets(text)
    return task


def _has_deadline(text: str, document: ParsedDocument) -> bool:
    return bool(find_dues(text, document.signed_on) or find_event_dues(text))


def apply_event_due(task: ExtractedTask) -> None:
    """A task without a dated deadline keeps the last event-relative one of its text."""
    if task.due is not None or task.ongoing or task.recurring:
        return
    found = find_event_dues(task.text)
    if found:
        task.due_event = found[-1]
        task.due_text = task.due_text or found[-1].text
        if len({due.text for due in found}) > 1 and "multiple_deadlines" not in task.flags:
            task.flags.append("multiple_deadlines")


def subject_units(text: str) -> list[str]:
    """The units a sentence makes responsible: its subject, or the units after 由."""
    for line in text.split("\n"):
        for sentence in _SENTENCES.findall(line):
            for part in re.split(r"[,,]", sentence):
                clause = _LEADING_DATE.sub("", part.strip())
                if _COUNTIES.match(clause):
                    return [COUNTY_GOVERNMENTS]
                match = _SUBJECT.search(clause)
                if match:
                    return split_units(match["unit"])
    return []
