"""Tables (表格): tab-separated rows from print, page headers merged, short rows padded."""

from __future__ import annotations

from dataclasses import dataclass, field

from luoshi.gazette.parsing.model import Block
from luoshi.gazette.parsing.text import has_punctuation, nonspace

_HEADER_CELL_MAX = 24


@dataclass
class TableResult:
    block: Block
    warnings: list[str] = field(default_factory=list)


def split_row(line: str) -> list[str]:
    cells = [cell.strip() for cell in line.split("\t")]
    while len(cells) > 1 and not cells[-1]:
        cells.pop()
    return cells


def build_table(lines: list[str], *, line_no: int = 0) -> TableResult:
    """One table from its rows as printed (a row per line, cells separated by tabs).

    The first row is the header when it looks like one (short labels, no punctuation).
    A later row equal to the header is the header repeated on a new page: it is merged
    away, kept in ``merged_rows`` so no character is lost; a near-equal repeat is merged
    too, with a warning for a person to check.
    """
    rows = [split_row(line) for line in lines]
    warnings: list[str] = []
    header = rows[0] if _looks_like_header(rows[0]) else None
    kept: list[list[str]] = [rows[0]]
    merged: list[tuple[int, list[str]]] = []
    for row in rows[1:]:
        if header is not None and _repeats(header, row):
            if _key(row) != _key(header):
                warnings.append(f"表格重复表头与首行不一致(已合并): {'/'.join(row)}")
            merged.append((len(kept), row))
            continue
        kept.append(row)
    width = max(len(header) if header else 0, max(len(row) for row in kept))
    padded = [row + [""] * (width - len(row)) for row in kept]
    block = Block(
        kind="table",
        rows=padded,
        header_rows=1 if header is not None else 0,
        merged_rows=merged,
        line=line_no,
    )
    return TableResult(block, warnings)


def _key(row: list[str]) -> list[str]:
    return [nonspace(cell) for cell in row]


def _looks_like_header(row: list[str]) -> bool:
    if len(row) < 2:
        return False
    for cell in row:
        compact = nonspace(cell)
        if not compact or len(compact) > _HEADER_CELL_MAX or has_punctuation(compact):
            return False
        if compact.isdigit():
            return False
    return True


def _repeats(header: list[str], row: list[str]) -> bool:
    head, candidate = _key(header), _key(row)
    if head == candidate:
        return True
    if len(head) != len(candidate) or head[0] != candidate[0]:
        return False
    same = sum(1 for a, b in zip(head, candidate, strict=True) if a == b)
    return same * 4 >= len(head) * 3
