"""Where each document of an issue starts and ends (文件分界).

A notice is found by its number line (发文字号) under or above its title, or, when no
number is printed (a single document downloaded from a government website), by its shape:
a title (issuer + 关于…的通知/意见/批复/函…, or an organ's 令/公告/通告) followed by the
addressee line ending in a colon (主送机关), or, for 令/公告/通告, by the body itself.
Chronicles (大事记) are found by their title followed by dated entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from luoshi.gazette.parsing.numbers import is_number_line
from luoshi.gazette.parsing.text import (
    ends_sentence,
    has_punctuation,
    is_date_line,
    is_organ_line,
    nonspace,
    organ_prefix,
)

_HEADER_MAX_LINES = 5
_HEADER_LINE_MAX = 90
_CHRONICLE_TITLE = re.compile(r"^\S{0,30}大事记$")
_EVENT_START = re.compile(r"^\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_BACK_MATTER_MAX = 8
_TITLE_END = re.compile(r"(?:通知|意见|决定|通告|公告|通报|批复|办法|规定|方案|预案|报告|函)$")
_PROCLAMATION = re.compile(r"(?:令|公告|通告)$")  # kinds printed without addressees
_SERIAL_LINE = re.compile(r"^(?:[(（〔\[]?\d{4}[)）〕\]]?年?)?第\d{1,5}号$")
_ADDRESSEE_MAX = 120
_SENTENCE_PUNCT = re.compile(r"[。,，;；:：!?！？]")


@dataclass(frozen=True)
class Region:
    """Lines ``start`` (first header line) to ``end`` (exclusive), 0-based indexes into
    the issue's lines; ``anchor`` is the number line of a notice or the title of a chronicle
    (for a notice found by its shape, the last header line); the body starts at ``body``
    (after the number, or after a title printed below it); ``numbered``: the anchor is
    a number line."""

    kind: Literal["notice", "chronicle"]
    start: int
    anchor: int
    end: int
    body: int = 0
    numbered: bool = True


_Start = tuple[int, int, int, Literal["notice", "chronicle"], bool]


def find_regions(lines: list[str]) -> list[Region]:
    """Every document of the issue in order: notices found by their number line under a
    title or by their shape, chronicles (大事记) by a title followed by dated entries."""
    starts = _numbered_starts(lines)
    taken = [(start, body) for start, _, body, _, _ in starts]
    starts = sorted(starts + _shaped_starts(lines, taken))
    regions: list[Region] = []
    for position, (start, anchor, body, kind, numbered) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else _content_end(lines)
        regions.append(Region(kind, start, anchor, max(end, body), body, numbered))
    return regions


def _numbered_starts(lines: list[str]) -> list[_Start]:
    starts: list[_Start] = []
    floor = 0
    for index, line in enumerate(lines):
        if index < floor:
            continue
        if is_number_line(line):
            start = _header_start(lines, index, floor)
            if start is not None:
                starts.append((start, index, index + 1, "notice", True))
                floor = index + 1
                continue
            below = _title_below(lines, index)
            if below is not None:
                start = index
                previous = _previous_nonblank(lines, index, floor)
                if previous is not None and nonspace(lines[previous]).endswith("文件"):
                    start = previous
                starts.append((start, index, below, "notice", True))
                floor = below
        elif _is_chronicle_title(lines, index):
            starts.append((index, index, index + 1, "chronicle", True))
            floor = index + 1
    return starts


def _shaped_starts(lines: list[str], taken: list[tuple[int, int]]) -> list[_Start]:
    """Notices without a number line, recognised by title and addressee (or, for 令/公告,
    by a title of their own); never inside the header of a numbered notice."""
    starts: list[_Start] = []
    floor = 0
    for index, line in enumerate(lines):
        if index < floor or not line.strip() or any(a <= index < b for a, b in taken):
            continue
        title_end = _shaped_title(lines, index)
        if title_end is None:
            continue
        body = _after_title(lines, index, title_end)
        if body is not None and not any(index < a < body for a, _ in taken):
            starts.append((index, body - 1, body, "notice", False))
            floor = body
    return starts


def _shaped_title(lines: list[str], index: int) -> int | None:
    """The line after a title starting at ``index`` (issuer and title on up to four lines),
    or None when no title starts there."""
    first = nonspace(lines[index])
    # cheap test first: a title line holds 关于, or is an organ's name, or its 令/公告/通告
    if "关于" not in first and not _PROCLAMATION.search(first) and not is_organ_line(first):
        return None
    compact, seen, cursor = "", 0, index
    while cursor < len(lines) and seen < 4:
        text = lines[cursor]
        if not text.strip():
            cursor += 1
            continue
        if _ends_header_walk(text) or _SERIAL_LINE.match(nonspace(text)):
            return None
        compact += nonspace(text)
        seen += 1
        cursor += 1
        if _is_shaped_title(compact):
            return cursor
    return None


def _is_shaped_title(compact: str) -> bool:
    if _SENTENCE_PUNCT.search(compact):
        return False
    about = compact.find("关于")
    if about >= 0:
        issuer = compact[:about]
        return (not issuer or organ_prefix(issuer) == issuer) and bool(_TITLE_END.search(compact))
    prefix = organ_prefix(compact)
    return bool(prefix) and _PROCLAMATION.fullmatch(compact[len(prefix) :]) is not None


def _after_title(lines: list[str], start: int, title_end: int) -> int | None:
    """Where the body starts after a shaped title (after a 第N号 line, if one follows), or
    None when what follows is not the start of a document's body."""
    title = "".join(nonspace(line) for line in lines[start:title_end])
    following = [i for i in range(title_end, min(len(lines), title_end + 8)) if lines[i].strip()]
    if not following:
        return None
    body = title_end
    if _SERIAL_LINE.match(nonspace(lines[following[0]])):
        body = following[0] + 1
        following = following[1:]
    if not following or is_number_line(lines[following[0]]):
        return None
    for position in following[:2]:
        text = nonspace(lines[position])
        colon = max(text.find(":"), text.find("："))
        if 0 < colon <= _ADDRESSEE_MAX and "。" not in text[:colon]:
            return body
        if ends_sentence(text):
            break
    return body if _PROCLAMATION.search(title) else None


def _title_below(lines: list[str], number_at: int) -> int | None:
    """Where the body starts when issuer and title are printed below the number line
    (版头 "XX文件", number, then title); None when no title follows."""
    index, seen, title_lines, end = number_at + 1, 0, 0, None
    while index < len(lines) and seen < _HEADER_MAX_LINES:
        text = lines[index]
        if not text.strip():
            index += 1
            continue
        seen += 1
        compact = nonspace(text)
        if _ends_header_walk(text) or title_lines >= 3:
            break
        if title_lines == 0 and is_organ_line(text):
            index += 1
            continue
        if title_lines == 0 and "关于" not in compact:
            break
        title_lines += 1
        end = index + 1
        if _TITLE_END.search(compact):
            break
        index += 1
    return end if end is not None and _TITLE_END.search(nonspace(lines[end - 1])) else None


def _header_start(lines: list[str], number_at: int, floor: int) -> int | None:
    """The first line of the header above a number line (issuer and title), or None when
    what stands above it is not a header."""
    collected: list[int] = []
    index = number_at - 1
    while index >= floor and len(collected) < _HEADER_MAX_LINES:
        text = lines[index]
        if not text.strip():
            index -= 1
            continue
        if _ends_header_walk(text):
            break
        collected.append(index)
        compact = nonspace(text)
        if is_organ_line(text) or (organ_prefix(compact) and "关于" in compact):
            break
        if compact.startswith("关于"):
            previous = _previous_nonblank(lines, index, floor)
            if previous is not None and is_organ_line(lines[previous]):
                collected.append(previous)
            break
        index -= 1
    if not collected:
        return None
    header = "".join(nonspace(lines[i]) for i in collected)
    if "关于" not in header and not any(is_organ_line(lines[i]) for i in collected):
        return None
    return collected[-1]


def _ends_header_walk(text: str) -> bool:
    return (
        "\t" in text
        or is_number_line(text)
        or is_date_line(text)
        or ends_sentence(text)
        or len(nonspace(text)) > _HEADER_LINE_MAX
    )


def _previous_nonblank(lines: list[str], index: int, floor: int) -> int | None:
    index -= 1
    while index >= floor and not lines[index].strip():
        index -= 1
    return index if index >= floor else None


def _is_chronicle_title(lines: list[str], index: int) -> bool:
    compact = nonspace(lines[index])
    if not _CHRONICLE_TITLE.match(compact) or has_punctuation(compact):
        return False
    nxt = index + 1
    while nxt < len(lines) and not lines[nxt].strip():
        nxt += 1
    return nxt < len(lines) and bool(_EVENT_START.match(lines[nxt]))


def _content_end(lines: list[str]) -> int:
    """End of the last document: before a back cover of short slogans (传达政令 …)."""
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    cut = end
    while cut > 0:
        text = lines[cut - 1]
        compact = nonspace(text)
        if not compact:
            cut -= 1
            continue
        if (
            len(compact) > _BACK_MATTER_MAX
            or has_punctuation(compact)
            or "\t" in text
            or is_organ_line(text)
            or is_date_line(text)
        ):
            break
        cut -= 1
    if cut == end:
        return end
    before = cut
    while before > 0 and not lines[before - 1].strip():
        before -= 1
    if before > 0 and (ends_sentence(lines[before - 1]) or "\t" in lines[before - 1]):
        return cut
    return end
