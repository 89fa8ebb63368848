"""Chinese time-limit expressions (时限表述) and the deadlines they set.

:func:`parse_time_limit` reads an expression such as ``5个工作日``,
``二十四小时``, ``9月底前`` or ``每年5月31日前`` into a :class:`TimeLimit`;
:func:`resolve_deadline` turns it into a :class:`Deadline` from a start moment.

Conventions (docs/contract.md, "Conventions for Chinese government text"; periods are
counted as in 民法典 第二百零一条 — the start day does not count):

- ``N个工作日(内)``: the N-th working day after the start day, skipping
  statutory holidays and counting 调休 weekend working days; due at the end of
  that day (23:59:59 local time).
- ``N小时(内)``: N natural hours from the start moment, to the second.
- ``N日`` / ``N天`` / ``N周``: natural days after the start day; due at the end
  of the last day. ``当日`` is the start day, ``次日`` the day after.
- ``N个月``: the same day number N months later (the month's last day when
  that month is shorter); due at the end of that day.
- ``X月底(前)`` / ``X月(份)`` / ``X月下旬``: the last day of month X;
  ``X月上旬`` the 10th, ``X月中旬`` the 20th; ``X月Y日(前)`` that day. The year
  is the one written, else the document's year, else the start's year. A
  deadline "before" a day (``前``) includes that day, as officials read it.
- ``X月前`` (no day, no 底): before month X begins, i.e. the last day of
  month X-1 (a note says so).
- ``年底前`` / ``年底`` / ``年内``: 31 December of that year.
- ``每年…`` / ``每月…``: recurring; the deadline is the next occurrence on
  or after the start day.

All deadlines are aware datetimes in the local zone (Asia/Shanghai by default).
Pure Python: no Django import.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from luoshi.core.calendar import WorkingCalendar
from luoshi.core.clock import local_zone

END_OF_DAY = dt.time(23, 59, 59)

# Longest limits accepted (anything longer is a misreading, not a time limit).
MAX_DAYS = 3660
MAX_HOURS = MAX_DAYS * 24
MAX_MONTHS = 120


class TimeLimitError(ValueError):
    """An expression that is not a time limit Luoshi understands (无法识别的时限)."""


class LimitKind(StrEnum):
    WORKING_DAYS = "working_days"  # 工作日
    DAYS = "days"  # 自然日
    HOURS = "hours"  # 小时
    MONTHS = "months"  # 个月
    DATE = "date"  # 截止日期: 月底、年底、某月某日


class Recurrence(StrEnum):
    YEARLY = "yearly"  # 每年
    MONTHLY = "monthly"  # 每月


@dataclass(frozen=True)
class TimeLimit:
    """A parsed time limit (时限).

    Durations (``kind`` other than ``DATE``) use ``amount``. Dates use
    ``year`` (None: the document's year), ``month`` (None only for monthly
    recurrences) and ``day`` (None: the last day of the month).
    ``exclusive`` means "before that day" (``X月前`` = before X月1日).
    """

    text: str
    kind: LimitKind
    amount: int = 0
    year: int | None = None
    month: int | None = None
    day: int | None = None
    recurrence: Recurrence | None = None
    exclusive: bool = False

    @property
    def recurring(self) -> bool:
        return self.recurrence is not None

    @property
    def is_duration(self) -> bool:
        return self.kind is not LimitKind.DATE


@dataclass(frozen=True)
class Deadline:
    """When a time limit falls due (截止时间), counted from ``start``."""

    expr: str
    limit: TimeLimit
    start: dt.datetime
    due: dt.datetime
    recurring: bool
    note: str = ""
    unannounced_years: tuple[int, ...] = ()


# -- numbers -------------------------------------------------------------------

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_D = "[一二两三四五六七八九]"
_CHINESE_NUMBER = re.compile(
    rf"(?:(?P<k>{_D})千)?(?:零?(?P<h>{_D})百)?(?:零?(?P<t>{_D})?(?P<ten>十))?(?:零?(?P<u>[一二两三四五六七八九]))?"
)
_CHINESE_DIGITWISE = re.compile("[〇零一二三四五六七八九]+")


def parse_number(text: str) -> int:
    """An Arabic or Chinese numeral: ``24``, ``二十四``, ``一百零五``, ``两``; ``二〇二〇`` digit by digit."""
    text = unicodedata.normalize("NFKC", text).strip()
    if text.isascii() and text.isdigit():
        if len(text) > 9:
            raise TimeLimitError(f"数字过大: {_quote(text)}")
        return int(text)
    if text in {"零", "〇"}:
        return 0
    match = _CHINESE_NUMBER.fullmatch(text)
    if text and match:
        value = sum(
            _DIGITS[match[name]] * scale
            for name, scale in (("k", 1000), ("h", 100), ("t", 10), ("u", 1))
            if match[name]
        )
        if match["ten"] and not match["t"]:
            value += 10
        return value
    if len(text) >= 2 and _CHINESE_DIGITWISE.fullmatch(text):
        return int("".join(str(_DIGITS[c]) for c in text))
    raise TimeLimitError(f"无法识别的数字: {_quote(text)}")


# -- parsing -------------------------------------------------------------------

_NUM = "(?:[0-9]+|[零〇一二两三四五六七八九十百千]+)"
_WITHIN = "(?:以内|之内|内)?"
_BEFORE = "(?P<before>之前|以前|前)?"
_YEAR = r"(?:(?P<year>[0-9]{4}|[〇零一二三四五六七八九]{4})|(?P<this>今|本|当))"
_PART = "(?P<part>底|末|上旬|中旬|下旬)"

_DURATION = re.compile(
    rf"(?P<n>{_NUM})(?P<unit>个?工作日|个?自然日|个?日历日|个?小时|日|天|个月|周|个?星期){_WITHIN}"
)
_MONTH_DATE = re.compile(
    rf"(?P<every>每年)?(?:{_YEAR}年)?(?P<month>{_NUM})月份?(?:(?P<day>{_NUM})[日号]|{_PART})?{_BEFORE}"
)
_YEAR_END = re.compile(rf"(?P<every>每)?{_YEAR}?年年?(?P<part>底|末|内|度内){_BEFORE}")
_MONTHLY = re.compile(rf"每月(?:(?P<day>{_NUM})[日号]|{_PART}){_BEFORE}")
_RELATIVE_DAYS = {"当日": 0, "当天": 0, "即日": 0, "次日": 1, "翌日": 1}

_UNITS = {
    "工作日": (LimitKind.WORKING_DAYS, 1, MAX_DAYS),
    "自然日": (LimitKind.DAYS, 1, MAX_DAYS),
    "日历日": (LimitKind.DAYS, 1, MAX_DAYS),
    "日": (LimitKind.DAYS, 1, MAX_DAYS),
    "天": (LimitKind.DAYS, 1, MAX_DAYS),
    "周": (LimitKind.DAYS, 7, MAX_DAYS),
    "星期": (LimitKind.DAYS, 7, MAX_DAYS),
    "小时": (LimitKind.HOURS, 1, MAX_HOURS),
    "月": (LimitKind.MONTHS, 1, MAX_MONTHS),
}
_PART_DAYS = {"上旬": 10, "中旬": 20}


def parse_time_limit(expr: str) -> TimeLimit:
    """Read a time-limit expression; raise :class:`TimeLimitError` when it is not one."""
    text = _normalise(expr)
    if not text:
        raise TimeLimitError("时限表述为空")
    if text in _RELATIVE_DAYS:
        return TimeLimit(text, LimitKind.DAYS, amount=_RELATIVE_DAYS[text])
    for pattern, build in (
        (_DURATION, _duration),
        (_MONTH_DATE, _month_date),
        (_YEAR_END, _year_end),
        (_MONTHLY, _monthly),
    ):
        match = pattern.fullmatch(text)
        if match:
            return build(text, match)
    raise TimeLimitError(f"无法识别的时限表述: {_quote(expr)}")


def _normalise(expr: str) -> str:
    text = unicodedata.normalize("NFKC", expr)
    return "".join(text.split())


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return f"“{flat[:40]}…”" if len(flat) > 40 else f"“{flat}”"


def _duration(text: str, match: re.Match[str]) -> TimeLimit:
    unit = match["unit"].removeprefix("个")
    kind, factor, maximum = _UNITS[unit]
    amount = parse_number(match["n"]) * factor
    if amount <= 0:
        raise TimeLimitError(f"时限必须大于零: {_quote(text)}")
    if amount > maximum:
        raise TimeLimitError(f"时限过长: {_quote(text)}")
    return TimeLimit(text, kind, amount=amount)


def _year_of(match: re.Match[str]) -> int | None:
    if not match["year"]:
        return None
    year = parse_number(match["year"])
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise TimeLimitError(f"年份无效: {match['year']}")
    return year


def _check_day(text: str, year: int | None, month: int, day: int) -> None:
    longest = _gregorian.monthrange(year if year is not None else 2000, month)[1]
    if not 1 <= day <= longest:
        raise TimeLimitError(f"日期无效: {_quote(text)}")


def _month_date(text: str, match: re.Match[str]) -> TimeLimit:
    year = _year_of(match)
    every = bool(match["every"])
    if every and (year is not None or match["this"]):
        raise TimeLimitError(f"“每年”不能同时指定年份: {_quote(text)}")
    month = parse_number(match["month"])
    if not 1 <= month <= 12:
        raise TimeLimitError(f"月份无效: {_quote(text)}")
    day: int | None = None
    exclusive = False
    if match["day"]:
        day = parse_number(match["day"])
        _check_day(text, year, month, day)
    elif match["part"] in _PART_DAYS:
        day = _PART_DAYS[match["part"]]
    elif not match["part"] and match["before"]:
        day, exclusive = 1, True  # "X月前": before X月1日
    recurrence = Recurrence.YEARLY if every else None
    return TimeLimit(
        text, LimitKind.DATE, year=year, month=month, day=day,
        recurrence=recurrence, exclusive=exclusive,
    )  # fmt: skip


def _year_end(text: str, match: re.Match[str]) -> TimeLimit:
    year = _year_of(match)
    every = bool(match["every"])
    if every and (year is not None or match["this"]):
        raise TimeLimitError(f"“每年”不能同时指定年份: {_quote(text)}")
    if match["part"] in {"内", "度内"} and match["before"]:
        raise TimeLimitError(f"无法识别的时限表述: {_quote(text)}")
    recurrence = Recurrence.YEARLY if every else None
    return TimeLimit(text, LimitKind.DATE, year=year, month=12, day=31, recurrence=recurrence)


def _monthly(text: str, match: re.Match[str]) -> TimeLimit:
    day: int | None = None
    if match["day"]:
        day = parse_number(match["day"])
        if not 1 <= day <= 31:
            raise TimeLimitError(f"日期无效: {_quote(text)}")
    elif match["part"] in _PART_DAYS:
        day = _PART_DAYS[match["part"]]
    return TimeLimit(text, LimitKind.DATE, day=day, recurrence=Recurrence.MONTHLY)


# -- resolving -----------------------------------------------------------------


def resolve_deadline(
    expr: str | TimeLimit,
    start: dt.datetime,
    calendar: WorkingCalendar | None = None,
    *,
    document_year: int | None = None,
) -> Deadline:
    """The deadline ``expr`` sets when counted from ``start`` (起算时间).

    ``calendar`` decides working days (default: the State Council's
    arrangements only); ``document_year`` is the year of the document the
    expression comes from, used for dates written without a year.
    """
    limit = expr if isinstance(expr, TimeLimit) else parse_time_limit(expr)
    try:
        zone = local_zone()
        start = start.replace(tzinfo=zone) if start.tzinfo is None else start.astimezone(zone)
        due, unannounced = _due(limit, start, calendar, document_year)
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, TimeLimitError):
            raise
        raise TimeLimitError(f"时限超出可计算的日期范围: {_quote(limit.text)}") from exc
    return Deadline(
        expr=limit.text, limit=limit, start=start, due=due, recurring=limit.recurring,
        note=_note(limit, start, due, unannounced), unannounced_years=unannounced,
    )  # fmt: skip


def _due(
    limit: TimeLimit,
    start: dt.datetime,
    calendar: WorkingCalendar | None,
    document_year: int | None,
) -> tuple[dt.datetime, tuple[int, ...]]:
    """The due moment and the unannounced holiday years the count crossed."""
    zone = start.tzinfo
    assert zone is not None
    if limit.kind is LimitKind.WORKING_DAYS:
        cal = calendar if calendar is not None else WorkingCalendar()
        day = cal.add_working_days(start.date(), limit.amount)
        return _end_of(day, zone), cal.unannounced_between(start.date(), day)
    if limit.kind is LimitKind.HOURS:
        elapsed = dt.timedelta(hours=limit.amount)  # natural hours: add in UTC
        return (start.astimezone(dt.UTC) + elapsed).astimezone(zone), ()
    if limit.kind is LimitKind.DAYS:
        return _end_of(start.date() + dt.timedelta(days=limit.amount), zone), ()
    if limit.kind is LimitKind.MONTHS:
        return _end_of(_add_months(start.date(), limit.amount), zone), ()
    return _end_of(_date_due(limit, start.date(), document_year), zone), ()


def _note(
    limit: TimeLimit, start: dt.datetime, due: dt.datetime, unannounced: tuple[int, ...]
) -> str:
    """Warnings for a person to read beside the deadline."""
    notes: list[str] = []
    if unannounced:
        years = "、".join(f"{y}年" for y in unannounced)
        notes.append(f"{years}放假安排尚未公布,按双休日推算,请核对")
    if limit.exclusive:
        notes.append(f"“{limit.text}”按{limit.month}月1日之前理解")
    if not limit.recurring and due < start:
        notes.append("截止时间早于起算时间")
    return ";".join(notes)


def _end_of(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, END_OF_DAY, tzinfo=zone)


def end_of_day(day: dt.date) -> dt.datetime:
    """23:59:59 local time of ``day``: when a limit that falls on that day is due."""
    return _end_of(day, local_zone())


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _gregorian.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day number ``months`` later (the month's last day when shorter)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month0 + 1, min(day.day, _gregorian.monthrange(year, month0 + 1)[1]))


def _anchor(limit: TimeLimit, year: int, month: int) -> dt.date | None:
    """The day the limit names in ``year``/``month``; None when that month lacks it (2月29日)."""
    if limit.day is None:
        day = _month_end(year, month)
    elif limit.recurrence is Recurrence.MONTHLY:
        day = dt.date(year, month, min(limit.day, _gregorian.monthrange(year, month)[1]))
    elif limit.day > _gregorian.monthrange(year, month)[1]:
        return None
    else:
        day = dt.date(year, month, limit.day)
    return day - dt.timedelta(days=1) if limit.exclusive else day


def _date_due(limit: TimeLimit, start: dt.date, document_year: int | None) -> dt.date:
    if limit.recurrence is Recurrence.MONTHLY:
        for offset in range(2):
            first = _add_months(start.replace(day=1), offset)
            found = _anchor(limit, first.year, first.month)
            if found is not None and found >= start:
                return found
        raise TimeLimitError(f"无法推算下一次截止日期: {_quote(limit.text)}")
    assert limit.month is not None
    if limit.recurrence is Recurrence.YEARLY:
        for year in range(start.year, start.year + 9):  # 2月29日 recurs within 8 years
            found = _anchor(limit, year, limit.month)
            if found is not None and found >= start:
                return found
        raise TimeLimitError(f"无法推算下一次截止日期: {_quote(limit.text)}")
    year = limit.year or document_year or start.year
    found = _anchor(limit, year, limit.month)
    if found is None:
        raise TimeLimitError(f"{year}年没有这一天: {_quote(limit.text)}")
    return found
