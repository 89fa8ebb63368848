"""The bulletin as a Word document in the official form (GB/T 9704, the shared builder)."""

from __future__ import annotations

import datetime as dt

from luoshi.cockpit.bulletin import Bulletin, Table
from luoshi.core.documents import OfficialDocument


def render(bulletin: Bulletin, day: dt.date) -> bytes:
    """版头 with the issuing office, the title, 主送, the sections (一、…), 落款 and date."""
    doc = OfficialDocument(bulletin.title, issuer=bulletin.issuer, addressees=bulletin.addressees)
    for section in bulletin.sections:
        doc.heading1(section.heading)
        for text in section.paragraphs:
            doc.paragraph(text)
        if section.table is not None:
            doc.table(section.table.columns, _cells(section.table), caption=section.table.caption)
    doc.signature(bulletin.issuer, day)
    return doc.to_bytes()


def _cells(table: Table) -> list[list[object]]:
    """Numeric columns as numbers (the builder aligns them), the rest as text."""
    return [
        [int(v) if i in table.numeric and v.isdigit() else v for i, v in enumerate(row)]
        for row in table.rows
    ]
