"""The bulletin as a Word document (plain python-docx until the shared official-format builder
lands; then it renders through that builder)."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from luoshi.cockpit.bulletin import Bulletin, Table

BODY_FONT = "仿宋_GB2312"


def _run(paragraph: Any, text: str, font: str, size: float, bold: bool = False) -> None:
    """Add ``text`` in ``font`` (also as the East-Asian font, which Word uses for Chinese)."""
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.font.bold = font, Pt(size), bold
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def render(bulletin: Bulletin) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, bulletin.title, "方正小标宋简体", 22)
    _run(doc.add_paragraph(), bulletin.addressees, BODY_FONT, 16)
    for part in bulletin.sections:
        _run(doc.add_paragraph(), part.heading, "黑体", 16)
        for text in part.paragraphs:
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(32)
            _run(paragraph, text, BODY_FONT, 16)
        if part.table is not None:
            _table(doc, part.table)
    for text in (bulletin.issuer, bulletin.date_text):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(paragraph, text, BODY_FONT, 16)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _table(doc: Any, table: Table) -> None:
    caption = doc.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(caption, table.caption, "黑体", 14)
    grid = doc.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(grid.rows[0].cells, table.columns, strict=True):
        _run(cell.paragraphs[0], text, "黑体", 12)
    for row in table.rows:
        for i, (cell, text) in enumerate(zip(grid.add_row().cells, row, strict=True)):
            paragraph = cell.paragraphs[0]
            if i in table.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(paragraph, text, BODY_FONT, 12)
