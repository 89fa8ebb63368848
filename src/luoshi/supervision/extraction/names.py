"""Unit, section and person names as the gazette prints them (单位、科室、人员).

Cells list several names separated by spaces, 、 or commas; print also breaks a
single long name with stray spaces (``市大数据 应用局``, ``开发区 管理科``,
``王 丽``). These helpers split lists and re-join broken names; they never
resolve a name to a canonical unit (the directory does that).
Pure Python, no Django.
"""

from __future__ import annotations

import re

from luoshi.directory.names import split_person_names, split_top_level, width
from luoshi.supervision.extraction.text import is_blank, strip_html

# Endings of a unit's name (单位通名).
UNIT_ENDINGS: tuple[str, ...] = (
    "局", "委", "办", "中心", "政府", "公司", "集团", "队", "部", "会", "联", "院",
    "所", "站", "室", "厅", "处", "社", "关", "行", "署", "馆", "台", "团", "校",
    "部门", "单位", "机构", "志", "组",
)  # fmt: skip
# Endings of a section's name inside a unit (科室).
SECTION_ENDINGS: tuple[str, ...] = (
    "科", "室", "中心", "队", "部", "组", "站", "办", "局", "所", "处", "会", "台",
    "院", "股", "团", "联", "厂", "设",
)  # fmt: skip

_LIST_SEPARATORS = set("、,;；/")
_TRAILING_ETC = re.compile(r"等(?:有关|相关)?(?:部门|单位|成员单位)?$")


def _tokens(cell: str, *, spaces: bool) -> list[str]:
    text = width(strip_html(cell))
    seps = _LIST_SEPARATORS | ({" ", "\t", "\n", "\u3000"} if spaces else set())
    return [t.strip() for t in split_top_level(text, seps) if t.strip()]


def _join_fragments(tokens: list[str], endings: tuple[str, ...]) -> list[str]:
    """Re-join a name that print broke with spaces: a token without a proper ending
    is joined to the token after it (the last such token to the one before)."""
    names: list[str] = []
    pending = ""
    for token in tokens:
        token = pending + token
        pending = ""
        if token.endswith(endings):
            names.append(token)
        else:
            pending = token
    if pending:
        if names and len(pending) <= 3:
            names[-1] += pending
        else:
            names.append(pending)
    return names


def split_units(cell: str) -> list[str]:
    """Unit names in a cell or a bracket: ``市发改委 市人社局`` → two; ``市大数据 应用局`` → one.

    Separators are spaces, 、 , ; and / outside brackets; a trailing ``等部门`` is dropped.
    Dash-only cells give no names.
    """
    if is_blank(cell):
        return []
    names = []
    for part in _tokens(cell, spaces=False):
        words = [w for w in re.split(r"\s+", part) if w]
        for joined in _join_fragments(words, UNIT_ENDINGS):
            for name in _split_etc(joined):
                if name and not is_blank(name):
                    names.append(name)
    return _unique(names)


def _split_etc(name: str) -> list[str]:
    """``市税务局等部门`` → 市税务局; ``市发展改革委等市直相关部门`` → 市发展改革委, 市直相关部门."""
    bare = _TRAILING_ETC.sub("", name).strip()
    if bare != name:
        return [bare]
    head, sep, tail = name.partition("等")
    if sep and len(head) >= 3 and head.endswith(UNIT_ENDINGS) and tail.endswith(("部门", "单位")):
        return [head, tail]
    return [name]


def split_sections(cell: str) -> list[str]:
    """Section names (科室) in a cell: ``开发区 管理科`` is one, ``预算科 综合科`` two."""
    if is_blank(cell):
        return []
    return _join_fragments(_tokens(cell, spaces=True), SECTION_ENDINGS)


def split_people(cell: str) -> list[str]:
    """Person names in a cell: ``郭肖锋 王洲`` → two; ``王 丽`` → ``王丽``; ``陈红飞 何 燕`` → two
    (the directory's splitter: a lone surname joins the token after it)."""
    if is_blank(cell):
        return []
    return split_person_names(strip_html(cell))


def normalise_person(name: str) -> str:
    """A single person's name without stray spaces: ``王 丽`` → ``王丽``."""
    return "".join(width(name).split())


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
