"""Unit assignments written in brackets after a task (责任分工括注).

``〔市生态环境局、市工信局牵头,市审批服务管理局配合,各县(市、区)人民政府负责落实〕``,
``(责任单位:市农业农村局、市水务局)``, ``[责任单位:…]``: the units before 牵头
lead, those before 配合 co-operate, those before 负责落实 carry the work out
locally (they lead when nobody is named to lead). A ``责任单位:`` list names the
responsible units, all of them leading.
Pure Python, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from luoshi.directory.names import split_top_level, width
from luoshi.supervision.extraction.names import split_units

_PAIRS = {"(": ")", "（": "）", "〔": "〕", "[": "]", "【": "】"}
_ROLE_WORDS = ("牵头", "配合", "负责落实", "责任单位", "负责")
_RESPONSIBLE = re.compile(r"^\s*(?:责任单位|牵头单位|责任部门)\s*[:：]\s*")
_ROLE_PHRASE = re.compile(
    r"^(?P<units>.*?)(?:按职责)?(?:分别)?(?P<role>牵头|配合|负责落实|具体落实|参与|负责)$"
)


@dataclass(frozen=True)
class Assignment:
    """The units one bracket names, by role."""

    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    implementing: list[str] = field(default_factory=list)

    @property
    def units(self) -> list[str]:
        return [*self.lead, *self.co, *self.implementing]


@dataclass(frozen=True)
class BracketMatch:
    start: int
    end: int
    assignment: Assignment


def parse_assignment(content: str) -> Assignment | None:
    """The roles named inside one bracket; None when it assigns nobody."""
    text = width(content).strip().strip("。.;；")
    responsible = _RESPONSIBLE.match(text)
    if responsible:
        units = split_units(text[responsible.end() :])
        return Assignment(lead=units) if units else None
    if not any(word in text for word in _ROLE_WORDS):
        return None
    lead: list[str] = []
    co: list[str] = []
    implementing: list[str] = []
    for phrase in split_top_level(text, {",", ";", "，", "；"}):
        match = _ROLE_PHRASE.match(phrase.strip())
        if not match:
            return None
        units = split_units(match["units"])
        if not units:
            return None
        role = match["role"]
        target = {"牵头": lead, "配合": co, "参与": co}.get(role, implementing)
        target.extend(units)
    if not lead:
        lead, implementing = implementing, []
    return Assignment(lead=lead, co=co, implementing=implementing) if lead else None


def find_assignments(text: str) -> list[BracketMatch]:
    """Every assignment bracket in ``text`` (balanced, nested brackets allowed)."""
    found: list[BracketMatch] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in _PAIRS:
            end = _closing(text, index)
            if end is not None:
                assignment = parse_assignment(text[index + 1 : end])
                if assignment is not None:
                    found.append(BracketMatch(index, end + 1, assignment))
                    index = end + 1
                    continue
        index += 1
    return found


def _closing(text: str, start: int) -> int | None:
    """Index of the bracket closing the one at ``start`` (any bracket kind may nest)."""
    stack = [_PAIRS[text[start]]]
    closers = set(_PAIRS.values())
    for index in range(start + 1, len(text)):
        char = text[index]
        if char in _PAIRS:
            stack.append(_PAIRS[char])
        elif char in closers:  # print mixes kinds, e.g. ( closed by ）: any closer closes
            stack.pop()
            if not stack:
                return index
    return None
