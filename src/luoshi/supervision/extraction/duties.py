"""Units' duties (职责分工) and the construction projects they serve (建设项目).

A duty is a line ``市财政局:负责…`` or ``市发展改革委职责:负责…`` naming one or more
units before the colon; at least two such lines in a row make a duty list. A clause
whose sub-clauses are a task (建设任务) and a duty list (工作职责) is a project: the
project becomes one task (led by the first unit of the list, the others
co-operating) and every duty one task more. Duties are standing work (ongoing).
Pure Python, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.directory.names import width
from luoshi.gazette.parsing.model import ParsedDocument
from luoshi.supervision.extraction.clauses import Clause
from luoshi.supervision.extraction.due import apply_dues, find_dues
from luoshi.supervision.extraction.model import ExtractedTask
from luoshi.supervision.extraction.names import split_units
from luoshi.supervision.extraction.targets import parse_targets
from luoshi.supervision.extraction.text import first_sentence

_DUTY = re.compile(
    r"^(?P<units>[^:：。;；,，“”《》]{2,80}?)(?:的)?(?:职责)?\s*[:：]\s*(?P<duty>\S.{3,})$", re.S
)
_STRICT_ENDINGS = (
    "局", "委", "办", "中心", "政府", "公司", "集团", "支队", "大队", "部", "部门", "会",
    "院", "所", "关", "社", "行", "团", "联", "厅", "单位", "机构", "站",
)  # fmt: skip
_ROLE_NAMES = {"牵头单位", "责任单位", "配合单位", "成员单位", "主办单位", "协办单位"}
_TASK_HEADING = re.compile(r"(?:建设|主要|工作)?(?:任务|内容)$")
_DUTY_HEADING = re.compile(r"职责")
_TERMINAL = "。;；!！?？"


@dataclass(frozen=True)
class Duty:
    units: list[str]
    text: str  # the line as printed, units included


def parse_duty(line: str) -> Duty | None:
    """``市财政局:负责…`` as a :class:`Duty`; None when the line names no units."""
    match = _DUTY.match(width(line).strip())
    if not match:
        return None
    head = match["units"].strip()
    units = split_units(head)
    if not units or any(not _is_unit(u) for u in units):
        return None
    return Duty(units, line.strip())


def _is_unit(name: str) -> bool:
    return len(name) >= 3 and name.endswith(_STRICT_ENDINGS) and name not in _ROLE_NAMES


def duty_list(lines: list[str]) -> list[Duty]:
    """The duties among ``lines``; a line without a unit continues the duty before it
    when print cut that duty mid-sentence."""
    duties: list[Duty] = []
    for line in lines:
        duty = parse_duty(line)
        if duty is not None:
            duties.append(duty)
        elif duties and not duties[-1].text.endswith(tuple(_TERMINAL)):
            duties[-1] = Duty(duties[-1].units, duties[-1].text + line.strip())
    return duties


def extract_projects(
    document: ParsedDocument, root: Clause, consumed: set[int]
) -> list[ExtractedTask]:
    """Projects (a task sub-clause plus a duty sub-clause) and their duties."""
    tasks: list[ExtractedTask] = []
    for clause in root.walk():
        if id(clause) in consumed or len(clause.children) < 2:
            continue
        work = next((c for c in clause.children if _TASK_HEADING.search(c.heading)), None)
        duty_clause = next((c for c in clause.children if _DUTY_HEADING.search(c.heading)), None)
        if work is None or duty_clause is None:
            continue
        duties = duty_list(duty_clause.paragraphs)
        if not duties:
            continue
        units = [u for d in duties for u in d.units]
        text = "\n".join(work.paragraphs)
        project = ExtractedTask(
            document=document.number or "", ref=clause.ref, no=_no(clause),
            title=first_sentence(clause.heading), text=text, lead_units=units[:1],
            co_units=list(dict.fromkeys(u for u in units[1:] if u != units[0])),
            kind="project",
        )  # fmt: skip
        apply_dues(project, find_dues(text, document.signed_on))
        project.targets = parse_targets(text)
        tasks.append(project)
        tasks.extend(_duty_tasks(document, duty_clause, duties))
        consumed.update({id(clause), id(work), id(duty_clause)})
    return tasks


def extract_duties(
    document: ParsedDocument, root: Clause, consumed: set[int]
) -> list[ExtractedTask]:
    """Duty lists (two or more duty lines) in clauses not read otherwise."""
    tasks: list[ExtractedTask] = []
    for clause in root.walk():
        if id(clause) in consumed:
            continue
        duties = duty_list(clause.paragraphs)
        if len(duties) >= 2:
            tasks.extend(_duty_tasks(document, clause, duties))
            consumed.add(id(clause))
    return tasks


def _duty_tasks(
    document: ParsedDocument, clause: Clause, duties: list[Duty]
) -> list[ExtractedTask]:
    base = clause.ref.strip() or "正文"
    tasks = []
    for index, duty in enumerate(duties, start=1):
        body = duty.text.split(":", 1)[-1] if ":" in duty.text else duty.text.split("：", 1)[-1]
        task = ExtractedTask(
            document=document.number or "", ref=f"{base}-{index}", no=None,
            title=first_sentence(body), text=duty.text, lead_units=list(duty.units),
            ongoing=True, kind="unit_duty",
        )  # fmt: skip
        apply_dues(task, find_dues(duty.text, document.signed_on))
        if task.due is not None:
            task.ongoing = False
        tasks.append(task)
    return tasks


def _no(clause: Clause) -> str | None:
    return clause.label.rstrip("、.．") or None
