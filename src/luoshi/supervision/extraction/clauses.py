"""A document's body as a tree of numbered clauses (条款), for extractors that read prose.

The parser gives headings (``1.`` with a short title) followed by paragraphs, but
print also leaves numbered items as paragraphs (``1. 对…``) and cuts a heading
mid-sentence. Here every heading, and every paragraph that starts with an outline
label, opens a clause; the paragraphs after it are its text. Label kinds have a
fixed rank (一、 › (一) › 1. › (1) › ①), so the tree does not depend on how the
parser numbered levels. An ``附件N`` line starts a new numbering under that name.
Pure Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from luoshi.gazette.parsing.model import Block, ParsedDocument

_LABELS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^第[一二三四五六七八九十百零〇]+章"), 1),
    (re.compile(r"^第[一二三四五六七八九十百零〇]+节"), 2),
    (re.compile(r"^第[一二三四五六七八九十百零〇]+条"), 3),
    (re.compile(r"^[一二三四五六七八九十]+、"), 3),
    (re.compile(r"^[(（][一二三四五六七八九十]+[)）]"), 4),
    (re.compile(r"^[0-9]+\.[0-9]+(?:\.[0-9]+)*(?![0-9])"), 5),
    (re.compile(r"^[0-9]+[.．、](?![0-9])"), 6),
    (re.compile(r"^[(（][0-9]+[)）]"), 7),
    (re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"), 8),
)
_ATTACHMENT = re.compile(r"^附件\s*([0-9０-９]+(?:\.[0-9]+)?)?\s*$")
_BREAK_END = "。;；:：!！?？”」)）〕]"
_CONTINUATION = set("的地得了万亿元和与及、,,。%")


@dataclass
class Clause:
    """A numbered clause: its label path (``三、(一)1.``), heading and own paragraphs."""

    ref: str
    label: str
    rank: int
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    children: list[Clause] = field(default_factory=list)
    parent: Clause | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        """Heading and own paragraphs, one per line; a heading print cut mid-sentence
        (``…缴纳税收200`` + ``万元以上…``) is rejoined with its paragraph."""
        parts = [p for p in self.paragraphs if p]
        if not self.heading:
            return "\n".join(parts)
        if parts and _cut_mid_sentence(self.heading, parts[0]):
            return "\n".join([self.heading + parts[0], *parts[1:]])
        return "\n".join([self.heading, *parts])

    @property
    def title(self) -> str:
        return self.heading

    def walk(self) -> Iterator[Clause]:
        yield self
        for child in self.children:
            yield from child.walk()


def _cut_mid_sentence(heading: str, paragraph: str) -> bool:
    heading = heading.rstrip()
    if not heading or heading.endswith(tuple(_BREAK_END)):
        return False
    return heading[-1].isdigit() or len(heading) >= 20 or paragraph[:1] in _CONTINUATION


def label_rank(text: str) -> tuple[str, int] | None:
    """The outline label at the start of ``text`` and its rank, if any."""
    for pattern, rank in _LABELS:
        match = pattern.match(text)
        if match:
            return match.group(0), rank
    return None


def build_clauses(document: ParsedDocument) -> Clause:
    """The clause tree of a document's prose (tables and signatures are skipped)."""
    root = Clause(ref="", label="", rank=0)
    stack: list[Clause] = [root]
    prefix = ""
    for block in document.blocks:
        if block.kind in ("table", "signature"):
            continue
        text = block.text.strip()
        attachment = _ATTACHMENT.match(text) if block.kind == "paragraph" else None
        if attachment:
            prefix = f"附件{attachment.group(1) or ''} "
            annex = Clause(ref=prefix, label="", rank=0, heading="", parent=root)
            root.children.append(annex)
            stack = [root, annex]
            continue
        opened = _open(block, text)
        if opened is None:
            stack[-1].paragraphs.append(text)
            continue
        label, rank, heading = opened
        while len(stack) > 1 and stack[-1].rank >= rank and stack[-1].label:
            stack.pop()
        parent = stack[-1]
        ref = (parent.ref or prefix) + label
        clause = Clause(ref=ref, label=label, rank=rank, heading=heading, parent=parent)
        parent.children.append(clause)
        stack.append(clause)
    return root


def _open(block: Block, text: str) -> tuple[str, int, str] | None:
    if block.kind == "heading":
        label = block.label.strip()
        found = label_rank(label) if label else None
        rank = found[1] if found else max(block.level, 1) + 2
        return label, rank, text
    found = label_rank(text)
    if found is None:
        return None
    label, rank = found
    return label, rank, text[len(label) :].strip()


def leaves(root: Clause) -> list[Clause]:
    """Clauses without sub-clauses, in reading order."""
    return [c for c in root.walk() if c is not root and not c.children]
