"""A plan's body as a tree of sections (章节), read from the library's stored blocks.

The library stores a document's body as blocks (``heading`` / ``paragraph`` /
``table``, see ``gazette.parsing.model.Block``). Drafting needs the plan's own
clause references: ``4.2.1`` for a decimal heading, ``4.2.1(1)`` for a ``(1)``
heading under it, ``4.2.1(1)②`` for the ``②`` item of a paragraph inside it.
Everything here is plain Python over plain data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

_DECIMAL: Final = re.compile(r"^\d+(?:\.\d+)*$")
#: An item label at the start of a paragraph: (1) / （1） / ① / 1. / 1、
_ITEM: Final = re.compile(
    r"^\s*(?:-\s*)?(?P<label>[（(][一二三四五六七八九十\d]{1,3}[)）]|[①-⑳]|\d{1,2}[.、](?!\d))"
)


@dataclass(frozen=True)
class Clause:
    """One paragraph of a section: its full reference and its text as printed."""

    ref: str
    text: str


@dataclass
class Section:
    """A heading with its paragraphs and tables; ``ref`` is the plan's own clause reference."""

    ref: str
    title: str
    level: int
    clauses: list[Clause] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def all_clauses(self) -> Iterator[Clause]:
        """Every clause of this section and of its subsections, in reading order."""
        for section in self.walk():
            yield from section.clauses

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.all_clauses())


def _norm_label(label: str) -> str:
    return label.strip().replace("（", "(").replace("）", ")").rstrip("、.")


def clean(text: str) -> str:
    """Paragraph text without the list marker the parser keeps (``- ``)."""
    return re.sub(r"^\s*-\s+", "", text).strip()


def item_label(text: str) -> str:
    """The item label a paragraph starts with (``(2)``, ``②``), or ``""``."""
    match = _ITEM.match(text)
    return _norm_label(match.group("label")) if match else ""


def build_sections(blocks: Sequence[Mapping[str, Any]]) -> Section:
    """The section tree of a document's body; the root holds what precedes the first heading."""
    root = Section(ref="", title="", level=0)
    stack: list[Section] = [root]
    for block in blocks:
        kind = block.get("kind")
        if kind == "heading":
            level = int(block.get("level") or 1)
            while len(stack) > 1 and stack[-1].level >= level:
                stack.pop()
            parent = stack[-1]
            label = _norm_label(str(block.get("label", "")))
            ref = label if _DECIMAL.match(label) or not parent.ref else parent.ref + label
            section = Section(ref=ref, title=str(block.get("text", "")).strip(), level=level)
            parent.children.append(section)
            stack.append(section)
        elif kind == "paragraph":
            section = stack[-1]
            text = clean(str(block.get("text", "")))
            if text:
                label = item_label(text)
                section.clauses.append(Clause(section.ref + label if label else section.ref, text))
        elif kind == "table":
            stack[-1].tables.append([[str(c) for c in row] for row in block.get("rows", [])])
    return root


def find(root: Section, *keywords: str, within: Section | None = None) -> Section | None:
    """The first section whose title holds every keyword."""
    for section in (within or root).walk():
        if section.title and all(k in section.title for k in keywords):
            return section
    return None


def find_any(root: Section, titles: Sequence[tuple[str, ...]]) -> Section | None:
    """The first section matching any of ``titles`` (each a tuple of keywords), tried in order."""
    for keywords in titles:
        found = find(root, *keywords)
        if found is not None:
            return found
    return None


def all_tables(root: Section) -> Iterator[tuple[Section, list[list[str]]]]:
    for section in root.walk():
        for table in section.tables:
            yield section, table
