"""What the parser produces: plain data, no Django.

The ingest service maps these onto rows; the views render ``blocks``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "table", "signature"]
DocumentKind = Literal["notice", "chronicle"]
ReferenceKind = Literal["cites", "repeals", "approves"]


class GazetteError(ValueError):
    """The input cannot be read as a gazette issue. The message is one line for a person."""


@dataclass(frozen=True)
class Reference:
    """Another document named by its number (引用 or 废止), or by its title alone when a
    consent notice approves it (关于同意《X》的通知 approves X; ``number`` is then "")."""

    kind: ReferenceKind
    number: str  # normalised: 晋市政办〔2018〕40号
    title: str = ""  # the 《…》 title quoted next to the number, when there is one


@dataclass(frozen=True)
class IssuedDocument:
    """A document a notice issues (印发), with its own kind: 《X办法(试行)》 → 办法."""

    title: str
    doc_type: str


@dataclass
class Block:
    """A piece of a document's body, in reading order.

    heading: ``label`` (一、 / (一) / 1. / (1) / ① / 第一章 / 第一条 / 1.1.1) plus ``text``,
    at outline ``level`` (1 = top). paragraph: re-joined text. table: ``rows`` of
    cells, the first ``header_rows`` rows being the header (repeated page headers
    merged away). signature: the issuer-and-date lines at the end of a notice.

    ``merged_rows`` keeps each repeated header row merged away as (index in ``rows``
    before which it stood, cells), so nothing printed is lost; ``line`` is the 1-based
    line of the source text where the block starts.
    """

    kind: BlockKind
    text: str = ""
    label: str = ""
    level: int = 0
    anchor: str = ""
    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 0
    merged_rows: list[tuple[int, list[str]]] = field(default_factory=list)
    line: int = 0


@dataclass(frozen=True)
class Move:
    """Text put back in reading order: printed at the end of block ``from_block`` (two-column
    print placed it there), it ends block ``to_block``."""

    text: str
    from_block: int
    to_block: int


@dataclass(frozen=True)
class OutlineEntry:
    """One line of a document's table of contents; ``anchor`` points at its heading block."""

    label: str
    title: str
    level: int
    anchor: str


@dataclass(frozen=True)
class ChronicleEntry:
    """A dated event of a chronicle (大事记)."""

    date: dt.date | None
    text: str


@dataclass
class ParsedDocument:
    seq: int
    kind: DocumentKind
    number: str | None
    title: str
    issuer: str
    signed_on: dt.date | None
    doc_type: str
    issued: list[IssuedDocument] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    outline: list[OutlineEntry] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    events: list[ChronicleEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)  # reading-order repairs of two-column print
    # Where the document came from: its header lines (issuer, title, number) as printed,
    # the exact text of its region of the issue and that region's 1-based line span.
    header_lines: list[str] = field(default_factory=list)
    source_text: str = ""
    start_line: int = 0
    end_line: int = 0

    @property
    def cites(self) -> list[str]:
        return [r.number for r in self.references if r.kind == "cites"]

    @property
    def repeals(self) -> list[str]:
        return [r.number for r in self.references if r.kind == "repeals"]

    @property
    def body_text(self) -> str:
        """All text of the body, blocks separated by newlines, table cells by tabs."""
        parts: list[str] = []
        for block in self.blocks:
            if block.kind == "table":
                parts.extend("\t".join(row) for row in block.rows)
            else:
                parts.append(f"{block.label}{block.text}")
        return "\n".join(parts)


@dataclass
class ParsedIssue:
    city: str
    title: str
    year: int | None
    number: int | None
    total_number: int | None
    documents: list[ParsedDocument] = field(default_factory=list)
    contents: list[str] = field(default_factory=list)  # titles listed in the issue's 目录
    warnings: list[str] = field(default_factory=list)
