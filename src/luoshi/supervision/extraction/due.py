"""Deadlines of assigned tasks (完成时限), as calendar dates.

A task table's 完成时限 cell (``2020年6月底``, ``2020年5月-9月``, ``长期坚持``) or a
deadline written in prose (``6月底前完成…登记``, ``每年5月31日前``) becomes a
:class:`Due`. The reading of one expression (``9月底前``, ``年底前``,
``每年5月31日前``) is :func:`luoshi.core.deadlines.parse_time_limit`'s; this module
adds what only task lists have: ranges (due at the end of the range), standing
work (``长期坚持``/``持续推进`` → ongoing), and finding expressions in running text.
Dates without a year are in the year of the document's signing date; a recurring
deadline falls due at its first occurrence on or after that date.
Pure Python, no Django.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from luoshi.core.clock import local_zone
from luoshi.core.deadlines import (
    LimitKind,
    TimeLimit,
    TimeLimitError,
    parse_time_limit,
    resolve_deadline,
)

ONGOING_WORDS: tuple[str, ...] = ("长期坚持", "持续推进", "长期", "持续", "常态化", "常年")

if TYPE_CHECKING:
    from luoshi.supervision.extraction.model import ExtractedTask

_NUM = "[0-9０-９]{1,4}"
_CN_NUM = "[0-9一二三四五六七八九十]{1,3}"
_MONTH_EXPR = rf"(?:每年)?(?:{_NUM}年)?{_CN_NUM}月份?(?:{_CN_NUM}[日号]|底|末|上旬|中旬|下旬)?"
_RANGE = re.compile(rf"^(?P<start>{_MONTH_EXPR})\s*[-—–~～至到]+\s*(?P<end>{_MONTH_EXPR})$")
# A deadline inside prose: a month or year end followed by 前 (之前/以前).
_IN_PROSE = re.compile(
    rf"(?P<expr>(?:每年)?(?:{_NUM}年)?{_CN_NUM}月份?(?:{_CN_NUM}[日号]|底|末|上旬|中旬|下旬)?"
    rf"|(?:{_NUM}|今|本)?年(?:底|末))(?:之前|以前|前)"
)
# Within the year: ``年内``, ``今年内``, ``2020年内`` (not ``三年内``, a duration), and ``今年``
# before a verb of completion (``今年要完成…``).
_WITHIN_YEAR = re.compile(
    "(?:[0-9０-９]{4}年度?|今年|本年度?|(?<![0-9０-９一二三四五六七八九十两几多个近数半])年)内"
    r"|今年(?=(?:要|将|力争|须|必须|需)?(?:全面|基本)?(?:完成|建成|实现|开工|竣工))"
)
# A date stated as a goal: ``实现12月底通车的目标``, ``确保6月底建成``, ``力争年底竣工``.
_GOAL = re.compile(
    rf"(?:实现|确保|力争|争取|达到)(?P<expr>(?:{_NUM}年)?{_CN_NUM}月(?:{_CN_NUM}[日号]|底|末)?"
    rf"|(?:{_NUM}|今|本)?年(?:底|末))"
    r"(?=[\u4e00-\u9fff]{1,10}的?目标|(?:全面|基本|全部)?"
    r"(?:通车|完工|竣工|建成|投用|投运|投产|完成|开业|运营|开工|上线|到位|交付|达标))"
)
# A date the text counts up to: ``到2020年底,…达到100万头``, ``到6月底全面完成``.
_BY_DATE = re.compile(
    rf"(?<![截直])到(?P<expr>(?:{_NUM}年)?{_CN_NUM}月(?:{_CN_NUM}[日号]|底|末)|(?:{_NUM}|今|本)?年(?:底|末))"
    r"(?=[,，]|(?:全面|基本)?(?:完成|实现|建成|达到))"
)
# Dates listed before one 前: ``3月22日、6月22日、9月22日和12月22日前``.
_DATE = rf"(?:每年)?(?:{_NUM}年)?{_CN_NUM}月(?:{_CN_NUM}[日号]|底|末)"
_LISTED = re.compile(rf"(?P<list>(?:{_DATE}[、,和及与])+)(?={_DATE}(?:之前|以前|前))")
_ONE_DATE = re.compile(_DATE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Due:
    """When a task falls due: ``due`` (None for standing work), the text as printed."""

    due: dt.date | None
    text: str
    ongoing: bool = False
    recurring: str = ""  # the recurring expression (每年5月31日前); due is its first occurrence


def parse_due(text: str, signed_on: dt.date | None) -> Due | None:
    """A 完成时限 expression as a :class:`Due`; None when it is no deadline at all."""
    printed = text.strip()
    flat = _SPACES.sub("", printed)
    if not flat:
        return None
    if any(flat.startswith(word) for word in ONGOING_WORDS):
        return Due(None, printed, ongoing=True)
    range_match = _RANGE.match(flat)
    if range_match:
        return _range_due(printed, range_match, signed_on)
    day = _resolve(flat, signed_on)
    if day is None:
        return None
    recurring = flat if flat.startswith("每") else ""
    return Due(day, printed, recurring=recurring)


def find_dues(text: str, signed_on: dt.date | None) -> list[Due]:
    """Deadlines written in running text (``在2020年6月底前完成``), in reading order."""
    found: list[tuple[int, Due]] = []
    flat = _SPACES.sub("", text)
    for listed in _LISTED.finditer(flat):
        for date in _ONE_DATE.finditer(listed["list"]):
            due = parse_due(date.group(0) + "前", signed_on)
            if due is not None and due.due is not None:
                found.append((listed.start() + date.start(), due))
    for match in _IN_PROSE.finditer(flat):
        due = parse_due(match.group(0), signed_on)
        if due is not None and due.due is not None:
            found.append((match.start(), due))
    for match in _BY_DATE.finditer(flat):
        due = parse_due(match["expr"] + "前", signed_on)
        if due is not None and due.due is not None:
            found.append((match.start("expr"), Due(due.due, match.group(0))))
    for match in _GOAL.finditer(flat):
        due = parse_due(match["expr"] + "前", signed_on)
        if due is not None and due.due is not None:
            found.append((match.start("expr"), Due(due.due, match.group(0))))
    for match in _WITHIN_YEAR.finditer(flat):
        expr = match.group(0)
        due = parse_due(expr if expr.endswith("内") else expr + "内", signed_on)
        if due is not None and due.due is not None:
            found.append((match.start(), Due(due.due, expr)))
    return [due for _, due in sorted(found, key=lambda pair: pair[0])]


def _range_due(printed: str, match: re.Match[str], signed_on: dt.date | None) -> Due | None:
    start = _limit(match["start"])
    end = _limit(match["end"])
    if end is None:
        return None
    year = end.year or (start.year if start else None)
    if year is not None and end.year is None:
        end = TimeLimit(end.text, end.kind, year=year, month=end.month, day=end.day)
    day = _date_of(end, signed_on)
    return Due(day, printed) if day else None


def _limit(expr: str) -> TimeLimit | None:
    try:
        limit = parse_time_limit(expr)
    except TimeLimitError:
        return None
    return limit if limit.kind is LimitKind.DATE else None


def _resolve(expr: str, signed_on: dt.date | None) -> dt.date | None:
    limit = _limit(expr)
    return _date_of(limit, signed_on) if limit else None


def _date_of(limit: TimeLimit, signed_on: dt.date | None) -> dt.date | None:
    """The calendar day of a date limit, counted from the signing date."""
    if signed_on is None:
        if limit.year is None or limit.recurring:
            return None
        signed_on = dt.date(limit.year, 1, 1)
    start = dt.datetime.combine(signed_on, dt.time(0, 0), tzinfo=local_zone())
    try:
        deadline = resolve_deadline(limit, start, document_year=signed_on.year)
    except TimeLimitError:
        return None
    return deadline.due.date()


def apply_dues(task: ExtractedTask, dues: list[Due]) -> None:
    """The latest deadline of the text becomes the task's; several are flagged."""
    dated = [(d.due, d) for d in dues if d.due is not None]
    if not dated:
        return
    last = max(dated, key=lambda pair: pair[0])[1]
    task.due, task.due_text, task.recurring = last.due, last.text, last.recurring
    if len({day for day, _ in dated}) > 1 and "multiple_deadlines" not in task.flags:
        task.flags.append("multiple_deadlines")
