"""Small text helpers for extraction (文本处理): whitespace, stray HTML, similarity.

Pure Python, no Django.
"""

from __future__ import annotations

import re

from luoshi.directory.names import width

_HTML_TAG = re.compile(r"</?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_SPACE = re.compile(r"\s+")
_DASHES = re.compile(r"^[\s—\-–－―_/／]*$")
_SENTENCE_END = "。;；!！?？"
_TRIM = " ,、:：，"


def has_html(text: str) -> bool:
    """Does the cell carry stray markup such as ``<p>…</p>``?"""
    return bool(_HTML_TAG.search(text))


def strip_html(text: str) -> str:
    """The text without markup tags (the tags only; their content stays)."""
    return _HTML_TAG.sub("", text)


def clean(text: str) -> str:
    """Text for matching: no tags, no whitespace at the ends, inner runs of whitespace as one space."""
    return _SPACE.sub(" ", strip_html(text)).strip()


def squeeze(text: str) -> str:
    """Text without any whitespace (Chinese text never needs it between characters)."""
    return _SPACE.sub("", strip_html(text))


def is_blank(cell: str) -> bool:
    """An empty cell or one holding only dashes (—, ——, -) that print uses for "none"."""
    return bool(_DASHES.match(strip_html(cell)))


def first_sentence(text: str, limit: int = 60) -> str:
    """The first sentence (up to 。; or the limit), for a task's title."""
    flat = clean(text)
    for index, char in enumerate(flat):
        if char in _SENTENCE_END:
            flat = flat[:index]
            break
    flat = flat.strip(_TRIM)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def bigrams(text: str) -> set[str]:
    """Overlapping character pairs of the text's letters (punctuation and spaces dropped)."""
    chars = [c for c in squeeze(width(text)) if c.isalnum()]
    return {a + b for a, b in zip(chars, chars[1:], strict=False)}


def similarity(a: str, b: str) -> float:
    """How much two texts share, 0..1: overlap of character bigrams over the smaller set."""
    left, right = bigrams(a), bigrams(b)
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))
