"""Documents and spreadsheets in the official form, shared by every export.

- :class:`OfficialDocument` (``official.py``): Word documents per GB/T 9704-2012.
- :func:`house_workbook`, :class:`HouseBook` (``workbook.py``): xlsx in the house style, with
  :func:`put_text` neutralising formulas in every text cell.
- ``formats.py``: MIME types, ``Content-Disposition``, Chinese dates (2020年3月31日).
- ``download.py`` (the one Django module): :func:`download` answers every export view.

Everything but ``download.py`` is plain Python without Django.
"""

from luoshi.core.documents.formats import (
    DOCX,
    XLSX,
    chinese_date,
    chinese_datetime,
    content_disposition,
)
from luoshi.core.documents.official import OfficialDocument
from luoshi.core.documents.workbook import Column, HouseBook, house_workbook, put_text

__all__ = [
    "DOCX",
    "XLSX",
    "Column",
    "HouseBook",
    "OfficialDocument",
    "chinese_date",
    "chinese_datetime",
    "content_disposition",
    "house_workbook",
    "put_text",
]
