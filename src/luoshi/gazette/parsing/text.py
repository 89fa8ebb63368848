"""Small text helpers shared by the parser: print spaces, sentence ends, dates, organ names."""

from __future__ import annotations

import datetime as dt
import re

#: Punctuation that ends a sentence or a clause introducing a list (句末标点).
TERMINAL = frozenset("。！？；：!?;:")
#: Punctuation after which a sentence obviously goes on (句中标点, open brackets).
CONTINUING = frozenset(",，、(（《〈“‘[【〔—…")
_CLOSERS = "”’」』》〉"
_CLOSE_BRACKETS = {")": "(", "）": "（", "]": "[", "〕": "〔", "】": "【"}
_ALL_PUNCT = frozenset("。！？；：!?;:,，、()（）《》〈〉“”‘’[]【】〔〕—…")

_SPACE_NEAR_WIDE = re.compile(r"(?<=[^\x00-\x7f])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=[^\x00-\x7f])")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_WHITESPACE = re.compile(r"\s+")

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CN_DATE = re.compile(
    r"^([〇○零ＯO一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)

#: Endings of the name of a government organ (机关名称).
ORGAN_SUFFIXES = (
    "人民政府办公室",
    "人民政府办公厅",
    "人民政府",
    "办公室",
    "办公厅",
    "委员会",
    "管委会",
    "政府",
    "委",
    "局",
    "厅",
    "办",
    "署",
    "院",
    "部",
)
_ORGAN_LINE = re.compile(
    r"^[\u4e00-\u9fff()（）]{1,30}(?:" + "|".join(ORGAN_SUFFIXES) + r")$",
)


def tidy(text: str) -> str:
    """Remove the spaces print put into Chinese text ("通 知" → "通知"); keep those between Latin words."""
    return _SPACE_NEAR_WIDE.sub("", _SPACES.sub(" ", text)).strip()


def nonspace(text: str) -> str:
    """``text`` without any whitespace: what must survive parsing character for character."""
    return _WHITESPACE.sub("", text)


def has_punctuation(text: str) -> bool:
    return any(ch in _ALL_PUNCT for ch in text)


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence: 。;:!? possibly followed by closing quotes, or a
    bracketed note standing after a finished sentence ("……。〔市生态环境局牵头〕")."""
    stripped = text.rstrip()
    while stripped and stripped[-1] in _CLOSERS:
        stripped = stripped[:-1].rstrip()
    if not stripped:
        return False
    last = stripped[-1]
    if last in TERMINAL:
        return True
    if last in _CLOSE_BRACKETS:
        before = _text_before_bracket(stripped)
        return before is not None and (not before or before[-1] in TERMINAL)
    return False


def ends_continuing(text: str) -> bool:
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] in CONTINUING


def _text_before_bracket(text: str) -> str | None:
    """The text before the bracket that the last character closes; None when unbalanced."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        ch = text[index]
        if ch in _CLOSE_BRACKETS:
            depth += 1
        elif ch in _CLOSE_BRACKETS.values():
            depth -= 1
            if depth == 0:
                return text[:index].rstrip()
    return ""  # the opening bracket is on an earlier line: treat the note as standing alone


def parse_date(text: str) -> dt.date | None:
    """``2020年3月20日`` or ``二〇二〇年三月二十日`` standing alone → date; anything else → None."""
    compact = nonspace(text)
    match = _DATE.match(compact)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = _CN_DATE.match(compact)
        if match:
            year = int("".join(str(_CN_DIGITS[ch]) for ch in match[1]))
            return dt.date(year, cn_number(match[2]), cn_number(match[3]))
    except (ValueError, KeyError):
        return None
    return None


def is_date_line(text: str) -> bool:
    compact = nonspace(text)
    return bool(_DATE.match(compact) or _CN_DATE.match(compact))


def cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105 (small Chinese numerals)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS.get(ch, 0)
    return total + current


def is_organ_line(text: str) -> bool:
    """A line holding only an organ's name (晋城市人民政府办公室), as in a signature."""
    compact = nonspace(text)
    return len(compact) <= 32 and bool(_ORGAN_LINE.match(compact))


def organ_prefix(text: str) -> str:
    """The longest leading organ name of ``text`` (晋城市人民政府3月大事记 → 晋城市人民政府)."""
    compact = nonspace(text)
    best = ""
    for suffix in ORGAN_SUFFIXES:
        index = compact.find(suffix)
        while 0 <= index < 30:
            candidate = compact[: index + len(suffix)]
            if len(candidate) > len(best) and len(candidate) > len(suffix):
                best = candidate
            index = compact.find(suffix, index + 1)
    return best
