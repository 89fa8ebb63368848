"""Response levels (分级响应): each level's launch conditions, who proposes and who decides.

Plans print levels as ``Ⅰ级响应`` / ``I级应急响应`` / ``一级响应``, with the launch
conditions either under their own heading (启动条件 / 响应条件) or inline
(``启动条件:…;…``). Four-level (Ⅰ–Ⅳ) and three-level (Ⅰ–Ⅲ) plans read the same way.
"""

from __future__ import annotations

import re
from typing import Any, Final

from luoshi.emergency.drafting.conditions import draft_condition
from luoshi.emergency.drafting.outline import Clause, Section
from luoshi.emergency.levels import LEVELS, LevelError, normalise_level

_LEVEL_TITLE: Final = re.compile(
    r"^(?P<num>[ⅠⅡⅢⅣ]|I\s*V|I\s*I\s*I|I\s*I|IV|I|[一二三四])?\s*级\s*(?:应急)?\s*响应$"
)
_CONDITIONS: Final = ("启动条件", "响应条件", "条件")
_PROCEDURE: Final = ("启动程序", "响应程序", "程序")
_MEASURES: Final = ("措施", "行动")
_INLINE: Final = re.compile(
    r"^(启动条件|(?:应急)?响应程序|启动程序|(?:应急响应)?应对措施|响应措施)\s*[:：]\s*"
)
_INTRO: Final = re.compile(r"[:：]\s*$")
_ORG: Final = r"[^,，。;；、]{0,12}?(?:指挥部办公室|办公室主任|办公室|副总指挥|总指挥|指挥长|指挥部|领导小组|政府|委员会|局|中心)"


def level_sections(root: Section) -> list[tuple[str, Section]]:
    """``(level, section)`` for every response-level section, highest level first."""
    found: list[tuple[str, Section]] = []
    for section in root.walk():
        match = _LEVEL_TITLE.match(section.title.replace(" ", ""))
        if match is None:
            continue
        num = match.group("num")
        try:
            level = normalise_level(num) if num else ""
        except LevelError:
            level = ""
        found.append((level, section))
    taken = {lv for lv, _ in found if lv}
    spare = [lv for lv in LEVELS if lv not in taken]
    # A level whose numeral was lost in print takes the highest level not printed.
    named = [(lv or spare.pop(0), s) for lv, s in found if lv or spare]
    unique: dict[str, Section] = {}
    for lv, s in named:
        unique.setdefault(lv, s)
    return [(lv, unique[lv]) for lv in LEVELS if lv in unique]


def _part(section: Section, titles: tuple[str, ...]) -> Section | None:
    for child in section.children:
        if any(t in child.title for t in titles):
            return child
    return None


def _inline(section: Section, prefix: str) -> list[Clause]:
    """Clauses of ``section`` printed as ``启动条件:…`` split at their semicolons."""
    out: list[Clause] = []
    for clause in section.clauses:
        match = _INLINE.match(clause.text)
        if match and prefix in match.group(1):
            body = clause.text[match.end() :]
            out.extend(Clause(clause.ref, p) for p in re.split(r"[;；]", body.rstrip("。")) if p)
    return out


def _condition_clauses(section: Section) -> list[Clause]:
    part = _part(section, _CONDITIONS)
    if part is not None:
        return [
            c
            for c in part.all_clauses()
            if not _INTRO.search(c.text) and not c.text.startswith("注")
        ]
    return _inline(section, "条件")


def _procedure_clause(section: Section) -> Clause | None:
    part = _part(section, _PROCEDURE)
    if part is not None and part.clauses:
        return part.clauses[0]
    inline = [c for c in section.clauses if re.match(r"^(?:应急)?(?:响应|启动)程序", c.text)]
    return inline[0] if inline else None


def draft_decider(clause: Clause | None) -> dict[str, Any]:
    """Who decides (决定/批准/宣布启动) and who proposes (提出…建议) a level."""
    if clause is None:
        return {"who": "", "proposed_by": "", "ref": "", "text": "", "confidence": 0.0}
    text = _INLINE.sub("", clause.text, count=1)
    who = re.search(
        rf"由({_ORG}[^,，。;；]{{0,10}}?)(?:立即)?(?:决定|批准|宣布)?(?:启动|批准)", text
    )
    if who is None:
        who = re.search(
            rf"[,，;；]\s*({_ORG}[^,，。;；]{{0,10}}?)(?:决定|批准|宣布)(?:启动)?", text
        )
    proposer = re.search(rf"({_ORG})[^。]*?(?:提出|建议)", text)
    proposed_by = proposer.group(1).strip() if proposer else ""
    decided = who.group(1).strip() if who else ""
    if decided == proposed_by:
        proposed_by = ""
    return {
        "who": decided,
        "proposed_by": re.sub(r"^(?:事件发生后|灾害发生后|事故发生后)", "", proposed_by),
        "ref": clause.ref,
        "text": text,
        "confidence": 0.9 if decided else 0.0,
    }


def draft_level(level: str, section: Section, has_classes: bool) -> dict[str, Any]:
    """One level: its rules (each a quoted clause with a drafted condition), decider, measures."""
    rules: list[dict[str, Any]] = []
    for clause in _condition_clauses(section):
        drafted = draft_condition(clause.text, has_classes=has_classes)
        rule: dict[str, Any] = {"ref": clause.ref, "text": clause.text.rstrip(";；")}
        if drafted.discretion:
            rule["discretion"] = True
        elif drafted.when is not None:
            rule["when"] = drafted.when
        rule["confidence"] = drafted.confidence
        if drafted.notes or (drafted.when is None and not drafted.discretion):
            rule["flag"] = "；".join(drafted.notes) or "未能结构化,请人工处理"
        rules.append(rule)
    measures_part = _part(section, _MEASURES)
    measures = (
        [{"ref": c.ref, "text": c.text} for c in measures_part.all_clauses()]
        if measures_part is not None
        else [{"ref": c.ref, "text": c.text} for c in _inline(section, "措施")]
    )
    return {
        "name": f"{level}级响应",
        "ref": section.ref,
        "rules": rules,
        "decided_by": draft_decider(_procedure_clause(section)),
        "measures": measures,
        "notify": [],
    }
