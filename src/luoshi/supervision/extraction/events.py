"""Deadlines counted from an event or a season (以事件起算的时限).

``汛期前完成河道清障``, ``汛期结束后15日内组织复查``, ``自收到通知之日起10日内``:
the text fixes no calendar date, only a time relative to something the office will
know later (when the flood season starts, when the notice arrived). Such a deadline
is kept as an :class:`EventDue` — the event and the offset — and becomes a date when
the office anchors the event to a day (:func:`anchor_event_due`).

- ``X前`` / ``X之前``: due the day before the event's day;
  ``X前N天``: N natural days before it (``N个工作日`` counts working days back).
- ``X后N日内`` / ``X之日起N个工作日内``: the time limit counted from the event's day as
  :func:`luoshi.core.deadlines.resolve_deadline` counts it (the day itself does not count).
- ``X后`` / ``X结束后`` with no time limit: due on the anchored day itself (the office
  anchors the day it expects the work done after the event).

Pure Python, no Django.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from luoshi.core.calendar import WorkingCalendar
from luoshi.core.clock import local_zone
from luoshi.core.deadlines import LimitKind, TimeLimitError, parse_time_limit, resolve_deadline

#: Seasons and recurring periods a deadline is counted from (季节、时段).
SEASONS: tuple[str, ...] = (
    "主汛期", "汛期", "雨季", "防汛期", "冬季", "冬春季", "秋冬季", "春季", "夏季", "秋季",
    "供暖期", "采暖期", "供暖季", "采暖季", "森林防火期", "防火期", "春节", "国庆节", "两节",
    "夏收", "秋收", "三夏", "三秋", "麦收", "春耕", "开学", "寒假", "暑假", "中考", "高考",
)  # fmt: skip
_SEASON = "|".join(sorted(SEASONS, key=len, reverse=True))
_NUMBER = "[0-9一二两三四五六七八九十百]{1,4}"
_SPAN = rf"{_NUMBER}\s*(?:个工作日|个自然日|个月|工作日|日|天|周|小时)"
#: ``汛期前``, ``汛期到来之前``, ``汛期结束后15日内``, ``主汛期前10天``.
_SEASONAL = re.compile(
    rf"(?P<event>(?:{_SEASON})(?:到来|来临|开始|结束|过后)?)"
    rf"(?P<rel>之前|以前|前|之后|以后|后)(?P<span>{_SPAN})?(?P<within>内|以内|之内)?"
)
#: ``(自)收到通知之日起10日内``, ``事件发生后2小时内``, ``项目竣工验收后30个工作日内``.
_FROM_DAY = re.compile(
    rf"(?:自|从|于)?(?P<event>[\u4e00-\u9fff“”《》]{{2,24}}?)(?:之日|当日|之时)(?:起|后)"
    rf"(?P<span>{_SPAN})(?P<within>内|以内|之内)?"
)
_AFTER_EVENT = re.compile(
    rf"(?P<event>[\u4e00-\u9fff]{{0,4}}?(?:收到|接到|印发|发布|发生|竣工|验收|完工|签订|批准|立案|受理)[\u4e00-\u9fff“”《》]{{0,10}}?)"
    rf"后(?P<span>{_SPAN})(?P<within>内|以内|之内)"
)
# Words before the event that belong to the sentence: ``各县要在``收到通知 …
_EVENT_NOISE = re.compile(r"^(?:.*[在于自从])?(?:应当|应|要|须|必须|并|均)*")


@dataclass(frozen=True)
class EventDue:
    """A deadline relative to an event: ``event`` (汛期, 汛期结束, 收到通知), ``before`` it or
    after it, and ``offset`` the time limit counted from it (``10日``; "" for none)."""

    text: str
    event: str
    before: bool
    offset: str = ""


def find_event_dues(text: str) -> list[EventDue]:
    """Event-relative deadlines in running text, in reading order (each stretch once)."""
    flat = re.sub(r"\s+", "", text)
    found: list[tuple[int, int, EventDue]] = []
    for pattern in (_SEASONAL, _FROM_DAY, _AFTER_EVENT):
        for match in pattern.finditer(flat):
            if any(start <= match.start() < end for start, end, _ in found):
                continue
            due = _event_due(match)
            if due is not None:
                found.append((match.start(), match.end(), due))
    return [due for _, _, due in sorted(found, key=lambda item: item[0])]


def _event_due(match: re.Match[str]) -> EventDue | None:
    event = _EVENT_NOISE.sub("", match["event"], count=1)
    if len(event) < 2:
        event = match["event"]
    rel = match.groupdict().get("rel") or "后"
    offset = match["span"] or ""
    if offset:
        try:
            parse_time_limit(offset)
        except TimeLimitError:
            return None
    printed = match.group(0)
    return EventDue(printed[printed.find(event) :], event, before=rel.endswith("前"), offset=offset)


def anchor_event_due(
    due: EventDue, event_day: dt.date, calendar: WorkingCalendar | None = None
) -> dt.date:
    """The date ``due`` falls on once its event is anchored to ``event_day``."""
    if not due.offset:
        return event_day - dt.timedelta(days=1) if due.before else event_day
    limit = parse_time_limit(due.offset)
    if not due.before:
        start = dt.datetime.combine(event_day, dt.time(0, 0), tzinfo=local_zone())
        return resolve_deadline(limit, start, calendar).due.date()
    if limit.kind is LimitKind.WORKING_DAYS:
        cal = calendar if calendar is not None else WorkingCalendar()
        day, left = event_day, limit.amount
        while left:
            day -= dt.timedelta(days=1)
            left -= cal.is_working_day(day)
        return day
    if limit.kind is LimitKind.MONTHS:
        month = event_day.month - 1 - limit.amount
        year, month = event_day.year + month // 12, month % 12 + 1
        return _same_day(year, month, event_day.day)
    hours = limit.amount if limit.kind is LimitKind.HOURS else limit.amount * 24
    return (dt.datetime.combine(event_day, dt.time(0, 0)) - dt.timedelta(hours=hours)).date()


def _same_day(year: int, month: int, day: int) -> dt.date:
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1
