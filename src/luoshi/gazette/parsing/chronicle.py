"""Chronicles (大事记): dated events, ``※`` lines being further events of the same date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from luoshi.gazette.parsing.body import Line, standalone_title
from luoshi.gazette.parsing.model import Block, ChronicleEntry
from luoshi.gazette.parsing.text import ends_sentence, nonspace, tidy

_DATED = re.compile(r"^\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*")
_SAME_DAY = re.compile(r"^\s*※\s*")


@dataclass
class ChronicleBody:
    blocks: list[Block]
    events: list[ChronicleEntry]
    warnings: list[str]


def parse_chronicle(lines: list[Line], year: int | None) -> ChronicleBody:
    """Blocks (one paragraph per event, other lines as paragraphs) and the events."""
    blocks: list[Block] = []
    raw_events: list[tuple[dt.date | None, list[str]]] = []
    warnings: list[str] = []
    current: tuple[int, int] | None = None  # (month, day) of the last dated line
    in_event = False
    for line_no, raw in lines:
        text = raw.strip()
        if not text:
            continue
        dated = _DATED.match(text)
        same_day = _SAME_DAY.match(text)
        if dated or same_day:
            if dated:
                current = (int(dated[1]), int(dated[2]))
                body = text[dated.end() :]
            else:
                assert same_day is not None
                body = text[same_day.end() :]
                if current is None:
                    warnings.append(f"“※”条目前没有日期: {body[:20]}")
            raw_events.append((_date(year, current, warnings), [body]))
            blocks.append(Block(kind="paragraph", text=text, line=line_no))
            in_event = True
        elif in_event and _continues(blocks[-1].text, text):
            blocks[-1].text += text
            raw_events[-1][1].append(text)
        else:
            blocks.append(Block(kind="paragraph", text=text, line=line_no))
            in_event = False
    events = [ChronicleEntry(date, tidy("".join(parts))) for date, parts in raw_events]
    return ChronicleBody(blocks, events, warnings)


def _continues(event: str, text: str) -> bool:
    return not ends_sentence(event) and not (standalone_title(text) and len(nonspace(text)) <= 8)


def _date(
    year: int | None, month_day: tuple[int, int] | None, warnings: list[str]
) -> dt.date | None:
    if year is None or month_day is None:
        return None
    try:
        return dt.date(year, *month_day)
    except ValueError:
        warnings.append(f"日期无效: {year}年{month_day[0]}月{month_day[1]}日")
        return None
