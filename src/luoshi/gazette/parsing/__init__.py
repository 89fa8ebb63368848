"""Gazette parser (pure Python, no Django): bytes → text → ParsedIssue.

- ``decode_gazette(data)``: UTF-8 (BOM or not), GBK/GB18030, UTF-16 → text with ``\\n``
  newlines; GazetteError for empty or binary data.
- ``parse_issue(text)``: cover data, 目录 titles and every document (notices found by
  their number line, chronicles 大事记 by their title) with blocks, outline, tables,
  attachments, references and warnings; GazetteError when no document is found.
- ``normalise_number(text)``: 晋市政办[2020]15号 / 【2020】 / 〔2020〕 → 晋市政办〔2020〕15号.
- ``is_lossless(doc)`` / ``parsed_text(doc)``: check that a document's header lines and
  blocks hold every non-whitespace character of ``doc.source_text``, in order.
"""

from luoshi.gazette.parsing.audit import is_lossless, parsed_text
from luoshi.gazette.parsing.decode import decode_gazette
from luoshi.gazette.parsing.issue import parse_issue
from luoshi.gazette.parsing.model import GazetteError, ParsedDocument, ParsedIssue
from luoshi.gazette.parsing.numbers import normalise_number

__all__ = [
    "GazetteError",
    "ParsedDocument",
    "ParsedIssue",
    "decode_gazette",
    "is_lossless",
    "normalise_number",
    "parse_issue",
    "parsed_text",
]
