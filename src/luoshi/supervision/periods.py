"""Reporting periods (报送周期) of a supervised task, from the rules its document lays down.

A document says how often progress is reported: ``按季度……分别于3月22日、6月22日、
9月22日和12月22日前报送`` (quarterly, on the 22nd of each quarter's last month),
``每月5日前报送`` (monthly) or nothing, in which case a task is reported once, by
its own deadline (按节点报送); a long-running task (长期坚持) without a rule is
reported at the end of every quarter.

:func:`detect_rule` reads the rule from a document's text; :func:`plan_periods`
turns it into dated periods for one task. Pure Python: no Django import.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

QUARTER_NAMES = ("一", "二", "三", "四")
QUARTER_END_MONTHS = (3, 6, 9, 12)


class Cadence(StrEnum):
    QUARTERLY = "quarterly"  # 按季度
    MONTHLY = "monthly"  # 按月
    DEADLINE = "deadline"  # 按节点(完成时限)


CADENCE_LABELS = {
    Cadence.QUARTERLY: "按季度报送",
    Cadence.MONTHLY: "按月报送",
    Cadence.DEADLINE: "按完成时限报送",
}


@dataclass(frozen=True)
class ReportingRule:
    """How often progress is reported (报送要求).

    ``days`` are the (month, day) report dates of a quarterly rule, one per
    quarter; ``names`` what the document calls each of these reports when it
    says (``一季度、半年、三季度、全年``), else empty; ``day`` the day of the month
    of a monthly rule (0: month end). ``source`` quotes the sentence the rule was
    read from.
    """

    cadence: Cadence
    days: tuple[tuple[int, int], ...] = ()
    day: int = 0
    source: str = ""
    names: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.cadence is Cadence.QUARTERLY and self.days:
            dates = "、".join(f"{m}月{d}日" for m, d in self.days)
            return f"按季度报送({dates}前)"
        if self.cadence is Cadence.MONTHLY:
            return f"按月报送(每月{self.day}日前)" if self.day else "按月报送(月底前)"
        return CADENCE_LABELS[self.cadence]


QUARTER_ENDS = ReportingRule(
    Cadence.QUARTERLY, days=((3, 31), (6, 30), (9, 30), (12, 31)), source="默认:季末报送"
)


@dataclass(frozen=True)
class PeriodSpec:
    """One reporting period: what is reported (``label``), from ``starts`` to ``due`` inclusive."""

    seq: int
    label: str
    starts: dt.date
    due: dt.date
    cadence: Cadence = field(default=Cadence.DEADLINE)


_SENTENCE = re.compile(r"[^。;;\n]*(?:报送|上报|报告|反馈)[^。;;\n]*")
_MONTH_DAY = re.compile(r"(1[0-2]|[1-9])月([1-3]?[0-9])日")
_QUARTERLY = re.compile(r"按季度|每季度|每个季度|季度末")
_MONTHLY = re.compile(r"每月(?:([1-3]?[0-9])日|底|末)?(?:前|以前)?")
_REPORT_VERB = re.compile(r"报送|上报|报告")
#: What a document calls a quarter's report, in the order they come in a year.
_PERIOD_WORD = re.compile(r"前三季度|[一二三四]季度|第[一二三四]季度|上半年|下半年|半年|全年|年度")


def detect_rule(text: str) -> ReportingRule | None:
    """The reporting rule a document's text states, or None when it states none.

    Only sentences about reporting (报送/上报/报告/反馈) count, so ``每月召开一次
    安全会议`` is not mistaken for a monthly report.
    """
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0)
        if not _REPORT_VERB.search(sentence):
            continue
        rule = _quarterly(sentence) or _monthly(sentence)
        if rule is not None:
            return rule
    return None


def _quarterly(sentence: str) -> ReportingRule | None:
    if not _QUARTERLY.search(sentence):
        return None
    dates = [(int(m), int(d)) for m, d in _MONTH_DAY.findall(sentence)]
    by_quarter: dict[int, tuple[int, int]] = {}
    for month, day in dates:
        if _valid(month, day):
            by_quarter.setdefault((month - 1) // 3, (month, day))
    if len(by_quarter) >= 2:
        days = tuple(by_quarter[q] for q in sorted(by_quarter))
        names = _period_names(sentence, len(days))
        return ReportingRule(Cadence.QUARTERLY, days=days, source=sentence.strip(), names=names)
    return ReportingRule(Cadence.QUARTERLY, days=QUARTER_ENDS.days, source=sentence.strip())


def _period_names(sentence: str, count: int) -> tuple[str, ...]:
    """The document's own name of each report (一季度、半年、三季度、全年), when it gives one each.

    Only words after the last report date count (``分别于3月22日……前报送一季度、半年……``),
    and only when there are exactly as many as dates: otherwise the pairing is a guess.
    """
    dates = list(_MONTH_DAY.finditer(sentence))
    after = sentence[dates[-1].end() :] if dates else sentence
    names = tuple(_PERIOD_WORD.findall(after))
    return names if len(names) == count else ()


def _monthly(sentence: str) -> ReportingRule | None:
    match = _MONTHLY.search(sentence)
    if match is None:
        return None
    day = int(match.group(1)) if match.group(1) else 0
    if not 0 <= day <= 31:
        return None
    return ReportingRule(Cadence.MONTHLY, day=day, source=sentence.strip())


def _valid(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _gregorian.monthrange(2020, month)[1]


def plan_periods(
    rule: ReportingRule | None,
    *,
    start: dt.date,
    due: dt.date | None,
    ongoing: bool = False,
) -> list[PeriodSpec]:
    """The reporting periods of a task that starts on ``start`` and is due on ``due``.

    Periods run until the task's deadline; a task without one (长期坚持, or no
    deadline found) is planned to the end of the start year. When the rule's
    last report date falls before the deadline, a final period ends on the
    deadline itself. A task with no rule is reported once, at its deadline, or
    quarterly when it has none.
    """
    end = due if due is not None else dt.date(start.year, 12, 31)
    if end < start:
        end = start
    if rule is None:
        rule = QUARTER_ENDS if due is None or ongoing else ReportingRule(Cadence.DEADLINE)
    if rule.cadence is Cadence.DEADLINE:
        return [PeriodSpec(1, f"截至{chinese_date(end)}", start, end, Cadence.DEADLINE)]
    dues = _quarterly_dues(rule, start, end) if rule.cadence is Cadence.QUARTERLY else []
    if rule.cadence is Cadence.MONTHLY:
        dues = _monthly_dues(rule, start, end)
    if not dues or (due is not None and dues[-1][0] < end):
        dues.append((end, f"截至{chinese_date(end)}"))
    return _chain(dues, start, rule.cadence)


def _quarterly_dues(rule: ReportingRule, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    out: list[tuple[dt.date, str]] = []
    names = rule.names if len(rule.names) == len(rule.days) else ()
    for year in range(start.year, end.year + 1):
        for index, (month, day) in enumerate(rule.days):
            when = _safe_date(year, month, day)
            if start <= when <= end:
                name = names[index] if names else f"第{QUARTER_NAMES[(month - 1) // 3]}季度"
                out.append((when, f"{year}年{name}"))
    return out


def _monthly_dues(rule: ReportingRule, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    out: list[tuple[dt.date, str]] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        last = _gregorian.monthrange(year, month)[1]
        when = dt.date(year, month, min(rule.day, last) if rule.day else last)
        if start <= when <= end:
            out.append((when, f"{year}年{month}月"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _chain(dues: list[tuple[dt.date, str]], start: dt.date, cadence: Cadence) -> list[PeriodSpec]:
    periods: list[PeriodSpec] = []
    begins = start
    for seq, (when, label) in enumerate(dues, start=1):
        periods.append(PeriodSpec(seq, label, begins, when, cadence))
        begins = when + dt.timedelta(days=1)
    return periods


def _safe_date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, _gregorian.monthrange(year, month)[1]))


def chinese_date(day: dt.date) -> str:
    """2020年3月22日: the year always, no leading zeros (the form of official text)."""
    return f"{day.year}年{day.month}月{day.day}日"
