"""Search tokens (检索词元) for Chinese text: one tokenisation for every backend.

CJK runs become overlapping character bigrams, as Lucene's ``CJKBigramFilter``
does (``智慧停车`` → ``智慧 慧停 停车``); a lone CJK character between non-CJK
characters becomes a unigram. Runs of letters and digits become one lower-cased
word (``24小时`` → ``24 小时``; ``GB/T35965`` → ``gb t35965``). Everything else
(punctuation, whitespace, symbols) separates tokens and is dropped.

Characters are compared after NFKC normalisation, one source character at a
time, so full-width ``２４`` matches ``24``; every token keeps the span of the
source characters it came from, which is what highlighting needs.

No Django here: the index, the query and the highlighter all call these functions.
"""

from __future__ import annotations

import unicodedata
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

MAX_WORD_CHARS = 64
"""Longer letter/digit runs are cut: keeps every token well under index limits."""

MAX_QUERY_TERMS = 32
"""A query uses at most this many distinct tokens; the rest is ignored."""

MAX_QUERY_CHARS = 1000
"""Only this much of a search query is read."""

# Han (incl. extensions and compatibility ideographs), 〇, kana and hangul: the
# scripts Lucene's CJKBigramFilter pairs up.
_CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3007, 0x3007),  # 〇 ideographic number zero
    (0x3041, 0x309F),  # Hiragana
    (0x30A0, 0x30FF),  # Katakana
    (0x3131, 0x318F),  # Hangul compatibility Jamo
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9D),  # half-width katakana
    (0x20000, 0x323AF),  # CJK extensions B-H
)


class TokenSpan(NamedTuple):
    """A token and the half-open span ``[start, end)`` of source text it came from."""

    token: str
    start: int
    end: int


def is_cjk(char: str) -> bool:
    """True for a CJK character (汉字, kana, hangul) that is paired into bigrams."""
    code = ord(char)
    if 0x4E00 <= code <= 0x9FFF:
        return True
    if code < 0x1100 or not any(low <= code <= high for low, high in _CJK_RANGES):
        return False
    # Leave out the blocks' punctuation (・), marks and unassigned code points.
    return unicodedata.category(char)[0] in "LN"


def _normalised(char: str) -> str:
    if char.isascii() or "\u4e00" <= char <= "\u9fff":
        return char
    return unicodedata.normalize("NFKC", char)


_CJK, _WORD, _GAP = 0, 1, 2
_CHAR_INFO: dict[str, tuple[tuple[str, int], ...]] = {}


def _char_info(source: str) -> tuple[tuple[str, int], ...]:
    """The normalised chars of one source char, each with its class (memoised)."""
    info = _CHAR_INFO.get(source)
    if info is None:
        info = tuple(
            (char, _CJK if is_cjk(char) else _WORD if char.isalnum() else _GAP)
            for char in _normalised(source)
        )
        if len(_CHAR_INFO) < 200_000:
            _CHAR_INFO[source] = info
    return info


def _units(text: str) -> list[tuple[str, int, int]]:
    """(normalised char, class, source index) for every char of ``text``."""
    return [
        (char, kind, index)
        for index, source in enumerate(text)
        for char, kind in _char_info(source)
    ]


def _word(chars: str) -> str:
    lowered = "".join(c for c in chars.lower() if c.isalnum() and not c.isspace())
    return lowered[:MAX_WORD_CHARS]


def _run_spans(run: list[tuple[str, int, int]], kind: int) -> list[TokenSpan]:
    first, last = run[0][2], run[-1][2] + 1
    if kind == _WORD:
        word = _word("".join(u[0] for u in run))
        return [TokenSpan(word, first, last)] if word else []
    if len(run) == 1:
        return [TokenSpan(run[0][0], first, last)]
    return [TokenSpan(a[0] + b[0], a[2], b[2] + 1) for a, b in zip(run, run[1:], strict=False)]


def token_spans(text: str) -> list[TokenSpan]:
    """All tokens of ``text`` in reading order, each with its source span."""
    spans: list[TokenSpan] = []
    for kind, group in groupby(_units(text), key=itemgetter(1)):
        if kind != _GAP:
            spans.extend(_run_spans(list(group), kind))
    return spans


def tokenize(text: str) -> list[str]:
    """The tokens of ``text`` in reading order (with repeats): ``token_spans`` without spans."""
    tokens: list[str] = []
    units = [unit for source in text for unit in _char_info(source)]
    for kind, group in groupby(units, key=itemgetter(1)):
        if kind == _CJK:
            chars = [unit[0] for unit in group]
            if len(chars) == 1:
                tokens.append(chars[0])
            else:
                tokens.extend(map(str.__add__, chars, chars[1:]))
        elif kind == _WORD:
            word = _word("".join(unit[0] for unit in group))
            if word:
                tokens.append(word)
    return tokens


def index_tokens(text: str) -> str:
    """The space-joined tokens stored with a passage (``Passage.tokens``)."""
    return " ".join(tokenize(text))


def query_terms(query: str, limit: int = MAX_QUERY_TERMS) -> list[str]:
    """The distinct tokens of a search query, in order, at most ``limit`` of them."""
    terms: list[str] = []
    seen: set[str] = set()
    for token in tokenize(query[:MAX_QUERY_CHARS]):
        if token not in seen:
            seen.add(token)
            terms.append(token)
            if len(terms) == limit:
                break
    return terms


MIN_PHRASE_CHARS = 3
"""A CJK run of a query this long is also looked for whole (直通车, not just 直通 + 通车)."""


def query_phrases(query: str) -> list[str]:
    """The distinct CJK runs of at least ``MIN_PHRASE_CHARS`` characters in a query, in order.

    Bigrams alone cannot tell ``直通车`` from a text holding ``直通`` and ``通车`` apart;
    the search ranks documents holding these runs whole above the others.
    """
    phrases: list[str] = []
    units = _units(query[:MAX_QUERY_CHARS])
    for kind, group in groupby(units, key=itemgetter(1)):
        run = "".join(unit[0] for unit in group)
        if kind == _CJK and len(run) >= MIN_PHRASE_CHARS and run not in phrases:
            phrases.append(run)
    return phrases
