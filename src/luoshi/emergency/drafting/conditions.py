"""A launch condition's words → a structured rule over the facts vocabulary (启动条件).

``draft_condition(text)`` reads the thresholds (``measures``), the yes/no facts the
plans state in words (跨县, 超出县级处置能力 …), the event classes (较大以上事故) and
the headquarters' discretion clause (市指挥部认为需要启动的其他情况). Leaves joined by
``且 / 并 / 同时`` must all hold; anything else is an alternative (或). A clause that
yields nothing structured is returned without ``when``: it stays quoted text, flagged
for the officer. The confidence says how much of the clause the rule accounts for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from luoshi.emergency.drafting.measures import stated_thresholds, thresholds
from luoshi.emergency.levels import EVENT_CLASSES, normalise_event_class


@dataclass(frozen=True)
class Phrase:
    """A yes/no or enum fact the plans state in words."""

    pattern: str
    leaf: dict[str, Any]
    qualifier: bool = False  # narrows the whole clause (e.g. a hazardous-goods vehicle)


PHRASES: Final[tuple[Phrase, ...]] = (
    Phrase(
        r"跨(?:越)?(?:晋城市范围内)?(?:设区的?)?市(?:级)?(?:行政区|范围)?",
        {"field": "cross_city", "eq": True},
    ),
    Phrase(
        r"跨(?:越)?[^,，;；。]{0,8}县(?:\(市、区\)|（市、区）|级)?",
        {"field": "cross_county", "eq": True},
    ),
    Phrase(
        r"超出(?:事发地)?县(?:\(市、区\)|（市、区）|级)?[^,，;；。]{0,10}能力",
        {"field": "beyond_county_capacity", "eq": True},
    ),
    Phrase(r"超出(?:我)?市[^,，;；。]{0,10}能力", {"field": "beyond_city_capacity", "eq": True}),
    Phrase(r"超出企业[^,，;；。]{0,10}能力", {"field": "beyond_enterprise_capacity", "eq": True}),
    Phrase(r"危险化学品运输车辆", {"field": "hazardous_chemicals", "eq": True}, qualifier=True),
    Phrase(
        r"首次(?:发现|出现)[^,，;；。]{0,16}(?:新传入|新的)",
        {"field": "first_occurrence_in_china", "eq": True},
    ),
    Phrase(r"有扩散趋势", {"field": "spreading_trend", "eq": True}),
    Phrase(r"出现死亡病例|造成人员死亡|有人员死亡", {"field": "deaths", "gt": 0}),
    Phrase(
        r"饮用水(?:水源)?[^,，;；。]{0,8}(?:中断|污染)", {"field": "drinking_water_cut", "eq": True}
    ),
)

_DISCRETION: Final = re.compile(
    r"(?:指挥部|政府|领导小组)[^;；。]{0,16}(?:认为|认定|研判)[^。]{0,24}(?:启动|其他|情形|情况)"
)
_CLASS: Final = re.compile(
    r"(?P<maybe>(?:发生)?或(?:者)?可能发生|可能发生)?\s*(?P<cls>特别重大|重大|较大|一般)(?P<up>(?:及)?以上)?"
    r"(?:的)?[^,，;；。]{0,12}?(?:事故|事件|突发事件|灾害|疫情)"
)
_AND: Final = re.compile(r"且|并且|并(?!发)|同时")
_OR: Final = re.compile(r"或")
_LEAD: Final = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[①-⑳]|\d{1,2}[.、](?!\d))\s*"
)

HIGH: Final = 0.9
MEDIUM: Final = 0.6
LOW: Final = 0.3


@dataclass
class DraftedCondition:
    """The rule read from a clause: ``when`` (``None`` = not structurable), confidence, notes."""

    when: dict[str, Any] | None
    confidence: float
    discretion: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    leaf: dict[str, Any]
    qualifier: bool = False


def strip_label(text: str) -> str:
    """The clause without its item label (``(2)`` / ``②``)."""
    return _LEAD.sub("", text, count=1)


def _class_leaf(match: re.Match[str], has_classes: bool) -> dict[str, Any]:
    cls = normalise_event_class(match.group("cls"))
    classes = list(EVENT_CLASSES[EVENT_CLASSES.index(cls) :]) if match.group("up") else [cls]
    said = match.group(0)
    happened: dict[str, Any] = {"event_class": classes, "said": said}
    if match.group("maybe"):
        potential = {"field": "potential_event_class", "in": classes, "said": said}
        return {"any": [happened, potential]} if has_classes else potential
    return happened


def _pieces(text: str, has_classes: bool) -> list[_Piece]:
    found: list[_Piece] = [_Piece(t.start, t.end, t.leaf()) for t in thresholds(text)]

    def free(start: int, end: int) -> bool:
        return not any(p.start < end and start < p.end for p in found)

    for match in _CLASS.finditer(text):
        if free(match.start("cls"), match.end()):
            found.append(_Piece(match.start(), match.end(), _class_leaf(match, has_classes)))
    for phrase in PHRASES:
        for match in re.finditer(phrase.pattern, text):
            if free(match.start(), match.end()):
                leaf = {**phrase.leaf, "said": match.group(0)}
                found.append(_Piece(match.start(), match.end(), leaf, phrase.qualifier))
                break
    return sorted(found, key=lambda p: p.start)


def _combine(text: str, pieces: list[_Piece]) -> dict[str, Any]:
    qualifiers = [p.leaf for p in pieces if p.qualifier]
    rest = [p for p in pieces if not p.qualifier]
    groups: list[list[dict[str, Any]]] = []
    previous: _Piece | None = None
    for piece in rest:
        between = text[previous.end : piece.start] if previous is not None else ""
        joined = previous is not None and _AND.search(between) and not _OR.search(between)
        if joined:
            groups[-1].append(piece.leaf)
        else:
            groups.append([piece.leaf])
        previous = piece
    alternatives = [g[0] if len(g) == 1 else {"all": g} for g in groups]
    core: dict[str, Any] | None
    if not alternatives:
        core = None
    else:
        core = alternatives[0] if len(alternatives) == 1 else {"any": alternatives}
    parts = [*qualifiers, *([core] if core is not None else [])]
    return parts[0] if len(parts) == 1 else {"all": parts}


def draft_condition(text: str, *, has_classes: bool = True) -> DraftedCondition:
    """The structured rule for one launch-condition clause."""
    body = strip_label(text)
    if _DISCRETION.search(body) and not thresholds(body):
        return DraftedCondition(None, 0.95, discretion=True)
    pieces = _pieces(body, has_classes)
    if not pieces:
        return DraftedCondition(None, 0.0, notes=["未能识别可计算的条件,请人工填写或驳回"])
    notes: list[str] = []
    covered = [(p.start, p.end) for p in pieces]
    loose = [
        body[s:e]
        for s, e in stated_thresholds(body)
        if not any(cs <= s < ce or cs < e <= ce for cs, ce in covered)
    ]
    if loose:
        notes.append("未识别的数量:" + "、".join(loose))
    if any("event_class" in _leaves_keys(p.leaf) for p in pieces) and not has_classes:
        notes.append("预案无事件分级表,按“可能发生的事件等级”判断")
    confidence = HIGH if not loose else MEDIUM
    if len(pieces) == 1 and len(body) > 60 and not loose:
        confidence = MEDIUM  # one fact read from a long clause: likely more words matter
    return DraftedCondition(_combine(body, pieces), confidence, notes=notes)


def _leaves_keys(node: dict[str, Any]) -> set[str]:
    keys = set(node)
    for key in ("any", "all"):
        for child in node.get(key, []):
            keys |= _leaves_keys(child)
    return keys


def leaves(node: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The leaves of a condition (``field`` or ``event_class`` nodes), depth first."""
    if node is None:
        return []
    if "any" in node or "all" in node:
        return [leaf for child in node.get("any", node.get("all", [])) for leaf in leaves(child)]
    return [node]


def strip_said(node: dict[str, Any]) -> dict[str, Any]:
    """The condition in the playbook schema: the ``said`` notes removed."""
    if "any" in node or "all" in node:
        key = "any" if "any" in node else "all"
        return {key: [strip_said(child) for child in node[key]]}
    return {k: v for k, v in node.items() if k != "said"}
