"""Outline levels (relative to what a document uses) and anchors of headings and tables."""

from __future__ import annotations

from luoshi.gazette.parsing.labels import Label
from luoshi.gazette.parsing.model import Block, OutlineEntry


def assign_outline(blocks: list[Block], labels: dict[int, Label]) -> list[OutlineEntry]:
    """Set ``level`` and ``anchor`` on heading blocks (and anchors on tables); return the outline.

    A heading closes every open heading of equal or lower rank (一、 closes (一) and 1.),
    so levels follow the labels the document actually uses: its top kind is level 1.
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
        outline.append(OutlineEntry(block.label, block.text, block.level, block.anchor))
    return outline
