"""Outline levels (relative to what a document uses) and anchors of headings and tables."""

from __future__ import annotations

import re

from luoshi.gazette.parsing.labels import Label
from luoshi.gazette.parsing.model import Block, OutlineEntry

_EXCERPT_MAX = 20
_CLAUSE_END = re.compile(r"[,，;；。:：!?！？]")


def assign_outline(blocks: list[Block], labels: dict[int, Label]) -> list[OutlineEntry]:
    """Set ``level`` and ``anchor`` on heading blocks (and anchors on tables); return the outline.

    A heading closes every open heading of equal or lower rank (一、 closes (一) and 1.),
    so levels follow the labels the document actually uses: its top kind is level 1.
    A heading printed without words of its own (an article: ``第一条 为加快…,制定本办法。``)
    is titled in the outline by the opening words of its text.
    """
    open_ranks: list[int] = []
    outline: list[OutlineEntry] = []
    headings = tables = 0
    for index, block in enumerate(blocks):
        if block.kind == "table":
            tables += 1
            block.anchor = f"t-{tables}"
            continue
        label = labels.get(index)
        if block.kind != "heading" or label is None:
            continue
        while open_ranks and open_ranks[-1] >= label.rank:
            open_ranks.pop()
        open_ranks.append(label.rank)
        headings += 1
        block.level = len(open_ranks)
        block.anchor = f"h-{headings}"
        title = block.text or _opening_words(blocks, index)
        outline.append(OutlineEntry(block.label, title, block.level, block.anchor))
    return outline


def _opening_words(blocks: list[Block], index: int) -> str:
    """The first clause of the paragraph under a heading without words (cut to 20 characters)."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if following is None or following.kind != "paragraph" or following.label:
        return ""
    end = _CLAUSE_END.search(following.text)
    clause = following.text[: end.start()] if end else following.text
    return clause if len(clause) <= _EXCERPT_MAX else clause[: _EXCERPT_MAX - 1] + "…"
