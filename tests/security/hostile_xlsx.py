"""Hostile xlsx files built byte by byte (no spreadsheet library would write them)."""

from __future__ import annotations

import io
import zipfile

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="进展填报" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _book(sheet_chunks, strings_chunks) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for name, chunks in (
            ("xl/worksheets/sheet1.xml", sheet_chunks),
            ("xl/sharedStrings.xml", strings_chunks),
        ):
            with book.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk.encode())
    return buffer.getvalue()


def _strings(*texts):
    yield '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    for text in texts:
        yield "<si><t>"
        yield from text
        yield "</t></si>"
    yield "</sst>"


def far_column(rows: int = 5000, *, declared: bool = True) -> bytes:
    """One cell at column XFD (the 16,384th) in each of ``rows`` rows; the dimension says so
    (or, ``declared=False``, the sheet has no dimension and the reader must not pad rows)."""

    def sheet():
        dimension = f'<dimension ref="A1:XFD{rows}"/>' if declared else ""
        yield SHEET_HEAD + dimension + "<sheetData>"
        for r in range(1, rows + 1):
            yield f'<row r="{r}"><c r="XFD{r}" t="s"><v>0</v></c></row>'
        yield "</sheetData></worksheet>"

    return _book(sheet(), _strings("x"))


def huge_shared_string(megabytes: int = 120) -> bytes:
    """One shared string of ``megabytes`` MB referenced from A1 (compresses to a few hundred KB)."""

    def sheet():
        yield (
            SHEET_HEAD
            + '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
        )

    return _book(sheet(), _strings("x" * (1 << 20) for _ in range(megabytes)))


def zip_bomb(megabytes: int = 300) -> bytes:
    """A worksheet that inflates to ``megabytes`` MB of blank rows."""

    def sheet():
        yield SHEET_HEAD + "<sheetData>"
        for _ in range(megabytes):
            yield " " * (1 << 20)
        yield "</sheetData></worksheet>"

    return _book(sheet(), _strings("x"))
