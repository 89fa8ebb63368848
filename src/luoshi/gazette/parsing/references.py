"""Other documents a document names by number: cited (引用) or repealed (废止)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from luoshi.gazette.parsing.model import Reference
from luoshi.gazette.parsing.numbers import NUMBER_IN_TEXT, clean_code, normalise_number

_REPEAL = re.compile(r"废止")
_SENTENCE_END = re.compile(r"[。；;!?！？]")
_QUOTED_TITLE = re.compile(r"《((?:[^《》]|《[^《》]*》)+)》")
_CUT_AFTER = re.compile(r"^\s*[)）]?\s*同时\s*$")
_BEFORE_NUMBER = " \t(（"


@dataclass
class _Found:
    number: str
    title: str
    repealed: bool


def find_references(
    passages: list[str], own_number: str | None
) -> tuple[list[Reference], list[str]]:
    """References in ``passages`` (the texts of a document's blocks, in order), one per number.

    A number is repealed when the rest of its sentence says 废止 (…(晋市政办〔2018〕40号)同时废止),
    or when the sentence breaks off at 同时 (two-column print moved 废止 elsewhere; warned).
    A sentence that repeals documents by 《title》 only repeals the numbers cited with a
    title it contains (《…关于印发X的通知》 → the number quoted with 《X》).
    """
    found: dict[str, _Found] = {}
    warnings: list[str] = []
    titled_repeals: list[str] = []
    for text in passages:
        for match in NUMBER_IN_TEXT.finditer(text):
            number = normalise_number(
                f"{clean_code(match['code'])}〔{match['year']}〕{match['serial']}号"
            )
            if number == own_number:
                continue
            sentence_rest = _rest_of_sentence(text, match.end())
            repealed = bool(_REPEAL.search(sentence_rest))
            if not repealed and _CUT_AFTER.match(text[match.end() :]):
                repealed = True
                warnings.append(f"{number} 后的句子在“同时”处断开,按“同时废止”处理,请核对")
            entry = found.setdefault(number, _Found(number, "", False))
            entry.title = entry.title or _title_before(text, match.start())
            entry.repealed = entry.repealed or repealed
        titled_repeals.extend(_titles_repealed(text))
    for repealed_title in titled_repeals:
        target = _cited_with_title_in(repealed_title, found.values())
        if target is not None:
            target.repealed = True
    references = [
        Reference(kind="repeals" if f.repealed else "cites", number=f.number, title=f.title)
        for f in found.values()
    ]
    return references, warnings


def _rest_of_sentence(text: str, start: int) -> str:
    end = _SENTENCE_END.search(text, start)
    return text[start : end.start() if end else len(text)]


def _title_before(text: str, start: int) -> str:
    """The 《title》 printed right before a number (《X》(晋市政办〔2018〕40号))."""
    index = start
    while index > 0 and text[index - 1] in _BEFORE_NUMBER:
        index -= 1
    if index == 0 or text[index - 1] != "》":
        return ""
    depth = 0
    for position in range(index - 1, -1, -1):
        ch = text[position]
        if ch == "》":
            depth += 1
        elif ch == "《":
            depth -= 1
            if depth == 0:
                return text[position + 1 : index - 1]
    return ""


def _titles_repealed(text: str) -> list[str]:
    """《titles》 of the sentences of ``text`` that say 废止."""
    titles: list[str] = []
    start = 0
    for end_match in [*_SENTENCE_END.finditer(text), None]:
        end = end_match.end() if end_match else len(text)
        sentence = text[start:end]
        if _REPEAL.search(sentence):
            titles.extend(m.group(1) for m in _QUOTED_TITLE.finditer(sentence))
        start = end
    return titles


def _cited_with_title_in(repealed_title: str, candidates: Iterable[_Found]) -> _Found | None:
    best: _Found | None = None
    for found in candidates:
        if found.title and found.title in repealed_title:
            if best is None or len(found.title) > len(best.title):
                best = found
    return best
