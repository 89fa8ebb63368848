"""Heading labels of Chinese official documents and their outline ranks.

一、 › (一)/（一） › 1./1、 › (1)/（1） › ①; 第一章 › 第一节 › 第一条; decimal 1 / 1.1 / 1.1.1
in emergency plans (应急预案).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十百零〇"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"^(第[{_CN}\d]{{1,4}}章)\s*(.*)$")),
    ("section", re.compile(rf"^(第[{_CN}\d]{{1,4}}节)\s*(.*)$")),
    ("article", re.compile(rf"^(第[{_CN}\d]{{1,5}}条)\s*(.*)$")),
    ("cn", re.compile(rf"^([{_CN}]{{1,4}}、)\s*(.*)$")),
    ("paren_cn", re.compile(rf"^([(（]\s*[{_CN}]{{1,4}}\s*[)）])\s*(.*)$")),
    ("decimal", re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,5})\s+(\S.*)$")),
    ("decimal", re.compile(r"^(\d{1,2})\s+([\u4e00-\u9fff][^\t]{0,24})$")),
    ("arabic", re.compile(r"^(\d{1,3}\s*[.．、])(?!\d)\s*(.*)$")),
    ("paren_arabic", re.compile(r"^([(（]\s*\d{1,3}\s*[)）])\s*(.*)$")),
    ("circled", re.compile(r"^([\u2460-\u2473])\s*(.*)$")),
)

_BARE_DECIMAL_STOP = re.compile(r"[。,，;；:：!?！？]")

#: Outline rank of each kind: a heading closes every open heading of equal or greater rank.
RANKS = {
    "chapter": 10,
    "section": 15,
    "article": 20,
    "cn": 30,
    "decimal": 40,  # + depth
    "paren_cn": 50,
    "arabic": 60,
    "paren_arabic": 70,
    "circled": 80,
}


@dataclass(frozen=True)
class Label:
    """The numbering at the start of a line, e.g. ``(一)`` of ``(一)指导思想``."""

    kind: str
    text: str
    rest: str
    depth: int = 1

    @property
    def rank(self) -> int:
        return RANKS[self.kind] + (self.depth if self.kind == "decimal" else 0)

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.depth)


def match_label(line: str, *, allow_bare_decimal: bool = True) -> Label | None:
    """The label starting ``line`` (already stripped), or None.

    A bare ``1 总则`` (decimal depth 1) is accepted only when ``allow_bare_decimal``: a
    document that never numbers ``1.1`` has no chapters numbered ``1``.
    """
    for kind, pattern in _PATTERNS:
        match = pattern.match(line)
        if not match:
            continue
        label, rest = match.group(1), match.group(2).strip()
        if kind == "decimal":
            depth = label.count(".") + 1
            if depth == 1 and (not allow_bare_decimal or _BARE_DECIMAL_STOP.search(rest)):
                continue
            if int(label.split(".")[0]) > 20 or not _starts_like_title(rest):
                continue
            return Label(kind, label, rest, depth)
        return Label(kind, label, rest)
    return None


def _starts_like_title(rest: str) -> bool:
    first = rest[:1]
    return bool(first) and (first >= "\u4e00" or first in "IVXⅠⅡⅢⅣⅤ(（《“")
