"""The house style of every xlsx export (表格), with openpyxl.

A sheet has a title row, an optional note row, one header row, then the data: 宋体, thin
borders, wrapped text, the header frozen and repeated on every printed page, A4 landscape fitted
to the page width. Numbers are stored as numbers and dates as dates; a ``序号`` column counts the
rows 1…n (a gazette's own numbers repeat, so they go in a column of their own). Every text cell
goes through :func:`put_text`, so that text starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is shown as text by Excel, WPS and LibreOffice, never run as a formula.

Usage::

    data = house_workbook("督查台账", [Column("事项", 40), Column("完成时限", kind="date")], rows)

or, for a large export written row by row, :class:`HouseBook` and :meth:`HouseBook.sheet`.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass, replace
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from luoshi.core.documents.formats import printable

Kind = Literal["text", "integer", "decimal", "date", "datetime"]

FONT = "宋体"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32000  # Excel's limit is 32,767 characters
NUMBER_FORMATS: dict[str, str] = {
    "text": "@",
    "integer": "0",
    "decimal": "0.##",
    "date": 'yyyy"年"m"月"d"日"',
    "datetime": "yyyy-mm-dd hh:mm",
}
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Column:
    """One column: its header, its width in characters (None: fitted to the content) and the
    kind of value it holds (numbers and dates are stored as such and aligned right/centred)."""

    title: str
    width: float | None = None
    kind: Kind = "text"


SERIAL = Column("序号", 6, "integer")


def text_width(text: str) -> float:
    """Display width in Excel character units: a CJK character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fitted(columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> list[Column]:
    """Columns with a width fitted to the header and the longest value (8 to 50 characters)."""
    out = []
    for i, column in enumerate(columns):
        if column.width is not None:
            out.append(column)
            continue
        longest = max((text_width(_shown(row[i])) for row in rows if i < len(row)), default=0)
        out.append(
            replace(column, width=min(50.0, max(8.0, text_width(column.title), longest) + 2))
        )
    return out


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):
        return "0000年00月00日"
    return "" if value is None else str(value)


def put_text(cell: Any, text: str) -> None:
    """Write ``text`` into ``cell`` as text and nothing else (formula neutralisation).

    The value stays exactly what the user wrote (an import reads it back unchanged); it is
    stored as a string cell, and text that a spreadsheet would take for a formula when edited
    gets the quote prefix (what Excel itself records when one types ``'=…``)."""
    cleaned = printable(text)[:MAX_CELL_TEXT]
    cell.value = cleaned
    cell.data_type = "s"
    if cleaned.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


class HouseBook:
    """A workbook in the house style, written in openpyxl's streaming (write-only) mode."""

    def __init__(self) -> None:
        self._book = Workbook(write_only=True)
        self._sheets: list[HouseSheet] = []

    def sheet(
        self,
        name: str,
        title: str,
        columns: Sequence[Column],
        *,
        note: str = "",
        numbered: bool = True,
        freeze_columns: int = 1,
    ) -> HouseSheet:
        """A new sheet with its title row (and ``note`` row) and header written."""
        sheet = HouseSheet(self._book.create_sheet(name[:31]), title, columns, note=note,
                           numbered=numbered, freeze_columns=freeze_columns)  # fmt: skip
        self._sheets.append(sheet)
        return sheet

    def notes(self, name: str, lines: Iterable[str]) -> None:
        """A plain sheet of instructions (填报说明), one line a row."""
        sheet = self._book.create_sheet(name[:31])
        sheet.column_dimensions["A"].width = 100
        print_setup(sheet)
        for line in lines:
            cell = WriteOnlyCell(sheet)
            put_text(cell, line)
            cell.font = Font(name=FONT, size=11)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.append([cell])

    def to_bytes(self) -> bytes:
        for sheet in self._sheets:
            sheet.close()
        buffer = io.BytesIO()
        self._book.save(buffer)
        return buffer.getvalue()


class HouseSheet:
    """One sheet of a :class:`HouseBook`: ``append`` data rows, ``choices`` for drop-downs."""

    def __init__(
        self,
        sheet: Any,
        title: str,
        columns: Sequence[Column],
        *,
        note: str,
        numbered: bool,
        freeze_columns: int,
    ) -> None:
        self._sheet = sheet
        self.columns = [SERIAL, *columns] if numbered else list(columns)
        self.numbered = numbered
        self.rows = 0
        self._choices: list[tuple[int, list[str]]] = []
        self._written = 0  # rows written so far, title and header included
        self._templates = [self._template(c) for c in self.columns]
        self.header_row = 3 if note else 2
        self._layout(freeze_columns)
        self._banner(title, size=16, bold=True, height=32, align="center")
        if note:
            self._banner(note, size=11, bold=False, height=20, align="right")
        self._header()

    def _template(self, column: Column) -> WriteOnlyCell:
        cell = WriteOnlyCell(self._sheet)
        cell.font = Font(name=FONT, size=11)
        cell.border = _BORDER
        cell.number_format = NUMBER_FORMATS[column.kind]
        horizontal = {"text": "left", "date": "center", "datetime": "center"}.get(
            column.kind, "right"
        )
        cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        return cell

    def _layout(self, freeze_columns: int) -> None:
        sheet = self._sheet
        for i, column in enumerate(self.columns, start=1):
            width = column.width or text_width(column.title) + 4
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = f"{get_column_letter(freeze_columns + 1)}{self.header_row + 1}"
        print_setup(sheet)
        sheet.print_title_rows = f"{self.header_row}:{self.header_row}"

    def _banner(self, text: str, *, size: int, bold: bool, height: int, align: str) -> None:
        row = self._written + 1
        last = get_column_letter(len(self.columns))
        self._sheet.merged_cells.add(f"A{row}:{last}{row}")
        self._sheet.row_dimensions[row].height = height
        cell = WriteOnlyCell(self._sheet)
        put_text(cell, text)
        cell.font = Font(name=FONT, size=size, bold=bold)
        cell.alignment = Alignment(horizontal=align, vertical="center")
        self._write([cell])

    def _header(self) -> None:
        cells = []
        for column in self.columns:
            cell = WriteOnlyCell(self._sheet)
            put_text(cell, column.title)
            cell.font = Font(name=FONT, size=11, bold=True)
            cell.fill = PatternFill("solid", fgColor="D9D9D9")
            cell.border = _BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cells.append(cell)
        self._fit_height([column.title for column in self.columns])
        self._write(cells)

    def _fit_height(self, values: Sequence[Any]) -> None:
        """Row height for the wrapped text of the next row: spreadsheets do not grow rows to
        their wrapped text when they open a file, so the height is set. The width of a text is
        estimated as two units a character (most of it is Chinese) to stay cheap on big sheets."""
        lines = 1
        for column, value in zip(self.columns, values, strict=True):
            if isinstance(value, str) and value:
                per_line = max(1.0, (column.width or 10) - 1)
                wrapped = sum(-(-len(part) * 2 // per_line) or 1 for part in value.split("\n"))
                lines = max(lines, int(wrapped))
        if lines > 1:
            self._sheet.row_dimensions[self._written + 1].height = min(409, 15 * lines + 3)

    def _write(self, cells: list[WriteOnlyCell]) -> None:
        self._sheet.append(cells)
        self._written += 1

    def append(self, values: Sequence[Any]) -> None:
        """One data row (without the 序号, which the sheet numbers itself)."""
        self.rows += 1
        if self.numbered:
            values = [self.rows, *values]
        if len(values) != len(self.columns):
            raise ValueError(f"row has {len(values)} values for {len(self.columns)} columns")
        self._fit_height(values)
        self._write([self._cell(t, v) for t, v in zip(self._templates, values, strict=True)])

    def _cell(self, template: WriteOnlyCell, value: Any) -> WriteOnlyCell:
        cell = WriteOnlyCell(self._sheet)
        # The column's style object is shared (styling each cell through the style API costs
        # more than the rest of the export); put_text may add a quote prefix, so text gets a copy
        # when it needs one.
        cell._style = template._style
        if isinstance(value, str):
            if value.startswith(FORMULA_STARTS):
                cell._style = copy(template._style)
            put_text(cell, value)
        elif isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                raise TypeError("convert aware datetimes to local time before writing them")
            cell.value = value
        elif value is None or isinstance(value, bool):
            cell.value = "" if value is None else ("是" if value else "否")
        else:
            cell.value = value
        return cell

    def choices(self, title: str, options: Sequence[str]) -> None:
        """A drop-down list of ``options`` on the data cells of column ``title``."""
        index = [c.title for c in self.columns].index(title) + 1
        self._choices.append((index, list(options)))

    def close(self) -> None:
        first, last = self.header_row + 1, self.header_row + max(self.rows, 1)
        for index, options in self._choices:
            rule = DataValidation(type="list", formula1=f'"{",".join(options)}"', allow_blank=False)
            letter = get_column_letter(index)
            rule.add(f"{letter}{first}:{letter}{last}")
            self._sheet.data_validations.append(rule)
        self._choices = []


def print_setup(sheet: Any) -> None:
    """A4 landscape, fitted to the page width, centred, page numbers in the footer."""
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "第 &P 页,共 &N 页"


def house_workbook(
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_name: str | None = None,
    note: str = "",
    numbered: bool = True,
) -> bytes:
    """A one-sheet workbook in the house style; columns without a width are fitted."""
    rows = list(rows)
    width = len(columns) + (1 if numbered else 0)
    if any(len(row) + (1 if numbered else 0) != width for row in rows):
        raise ValueError(f"every row must have {len(columns)} values")
    book = HouseBook()
    sheet = book.sheet(
        sheet_name or title, title, fitted(columns, rows), note=note, numbered=numbered
    )
    for row in rows:
        sheet.append(row)
    return book.to_bytes()
