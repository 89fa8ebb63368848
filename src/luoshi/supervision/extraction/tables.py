"""Finding a kind of table in a document by its header, and reading its rows.

A table is recognised by the words of its header cells, never by its position
or document: each wanted column is a test on the squeezed header text. Header
rows repeated on later pages are skipped; a table the parser split into several
blocks continues while the blocks have no header of their own.
Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from luoshi.directory.names import width
from luoshi.gazette.parsing.model import ParsedDocument
from luoshi.supervision.extraction.text import squeeze

ColumnTest = Callable[[str], bool]


@dataclass(frozen=True)
class TableRow:
    """One body row of a recognised table, with its columns by name."""

    table: int  # 1-based index of the recognised table in the document
    cells: list[str]
    columns: dict[str, int]

    def get(self, name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]


def header_key(cell: str) -> str:
    return squeeze(width(cell))


def match_columns(header: list[str], spec: dict[str, ColumnTest]) -> dict[str, int]:
    """Column index for each name of ``spec`` whose test some unused header cell passes."""
    keys = [header_key(cell) for cell in header]
    columns: dict[str, int] = {}
    used: set[int] = set()
    for name, test in spec.items():
        for index, key in enumerate(keys):
            if index not in used and key and test(key):
                columns[name] = index
                used.add(index)
                break
    return columns


def table_rows(
    document: ParsedDocument, spec: dict[str, ColumnTest], required: set[str]
) -> Iterator[TableRow]:
    """Body rows of every table in ``document`` whose header has the ``required`` columns."""
    columns: dict[str, int] | None = None
    header: list[str] = []
    count = 0
    for block in document.blocks:
        if block.kind != "table":
            if block.kind == "heading":
                columns = None
            continue
        rows = block.rows
        start = 0
        candidate = match_columns(rows[0], spec) if rows else {}
        if rows and required <= candidate.keys():
            columns, header, start = candidate, rows[0], max(block.header_rows, 1)
            count += 1
        elif block.header_rows:
            columns = None
        if columns is None:
            continue
        header_keys = [header_key(c) for c in header]
        for cells in rows[start:]:
            if [header_key(c) for c in cells[: len(header_keys)]] == header_keys:
                continue  # a header repeated on a new page
            if not any(c.strip() for c in cells):
                continue
            yield TableRow(count, list(cells), columns)
