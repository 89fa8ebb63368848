"""Gazette parser (pure Python): bytes → text → ParsedIssue of documents, blocks and outline."""

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
