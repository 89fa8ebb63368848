"""Where each document of an issue starts and ends (文件分界)."""

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


@dataclass(frozen=True)
class Region:
    """Lines ``start`` (first header line) to ``end`` (exclusive), 0-based indexes into
    the issue's lines; ``anchor`` is the number line of a notice or the title of a chronicle;
    the body starts at ``body`` (after the number, or after a title printed below it)."""

    kind: Literal["notice", "chronicle"]
    start: int
    anchor: int
    end: int
    body: int = 0


def find_regions(lines: list[str]) -> list[Region]:
    """Every document of the issue in order: notices found by their number line under a
    title, chronicles (大事记) by a title followed by dated entries."""
    starts: list[tuple[int, int, int, Literal["notice", "chronicle"]]] = []
    floor = 0
    for index, line in enumerate(lines):
        if index < floor:
            continue
        if is_number_line(line):
            start = _header_start(lines, index, floor)
            if start is not None:
                starts.append((start, index, index + 1, "notice"))
                floor = index + 1
                continue
            below = _title_below(lines, index)
            if below is not None:
                start = index
                previous = _previous_nonblank(lines, index, floor)
                if previous is not None and nonspace(lines[previous]).endswith("文件"):
                    start = previous
                starts.append((start, index, below, "notice"))
                floor = below
        elif _is_chronicle_title(lines, index):
            starts.append((index, index, index + 1, "chronicle"))
            floor = index + 1
    regions: list[Region] = []
    for position, (start, anchor, body, kind) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else _content_end(lines)
        regions.append(Region(kind, start, anchor, max(end, body), body))
    return regions


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
