"""Working-day calendar (工作日历) with statutory holidays and 调休.

A day is a working day (工作日) when

1. an override entered by an admin says so (overrides always win), else
2. the year's announced arrangement (国务院办公厅放假安排) lists it as a day off
   (法定节假日, including weekdays given off in exchange) or as a 调休 working
   day (a Saturday or Sunday worked in exchange), else
3. it is Monday to Friday.

The arrangement of a year comes from a :class:`HolidaySource`. The default,
:class:`ChineseCalendarSource`, wraps the ``chinese-calendar`` package, which
knows only the years the State Council has announced. For any other year the
calendar never fails: it falls back to plain weekends and records the year in
:attr:`WorkingCalendar.unannounced_years` so that a caller can warn.

Pure Python: no Django import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class YearArrangement:
    """One year's announced holiday arrangement (放假安排)."""

    days_off: frozenset[dt.date]
    """Statutory holidays (法定节假日) and the weekdays given off with them."""
    working_weekends: frozenset[dt.date]
    """Saturdays and Sundays that are working days (调休上班)."""
    names: Mapping[dt.date, str] = field(default_factory=dict)
    """The holiday each listed day belongs to (春节, 国庆节 …), where known."""


class HolidaySource(Protocol):
    """Where a calendar learns each year's arrangement."""

    def arrangement(self, year: int) -> YearArrangement | None:
        """The arrangement of ``year``, or None when it has not been announced."""
        ...


@dataclass(frozen=True)
class Override:
    """An admin's ruling on one day (节假日调整): it wins over every source."""

    day: dt.date
    is_working_day: bool
    note: str = ""


class StaticHolidaySource:
    """A source built from explicit dates (for tests, fixtures and imports).

    ``years`` lists the announced years; by default every year that has at
    least one listed date.
    """

    def __init__(
        self,
        days_off: Iterable[dt.date] = (),
        working_weekends: Iterable[dt.date] = (),
        *,
        years: Iterable[int] | None = None,
        names: Mapping[dt.date, str] | None = None,
    ) -> None:
        self._days_off = frozenset(days_off)
        self._working = frozenset(working_weekends)
        self._names = dict(names or {})
        listed = {d.year for d in self._days_off | self._working}
        self._years = frozenset(years) if years is not None else frozenset(listed)

    def arrangement(self, year: int) -> YearArrangement | None:
        if year not in self._years:
            return None
        return YearArrangement(
            days_off=frozenset(d for d in self._days_off if d.year == year),
            working_weekends=frozenset(d for d in self._working if d.year == year),
            names={d: n for d, n in self._names.items() if d.year == year},
        )


class ChineseCalendarSource:
    """The State Council's arrangements as shipped in the ``chinese-calendar`` package."""

    def __init__(self) -> None:
        self._by_year: dict[int, YearArrangement] | None = None

    def arrangement(self, year: int) -> YearArrangement | None:
        return self._arrangements().get(year)

    def announced_years(self) -> tuple[int, ...]:
        """The years whose arrangement the installed package knows."""
        return tuple(sorted(self._arrangements()))

    def _arrangements(self) -> dict[int, YearArrangement]:
        if self._by_year is None:
            self._by_year = _load_chinese_calendar()
        return self._by_year


def _load_chinese_calendar() -> dict[int, YearArrangement]:
    import chinese_calendar

    holidays: dict[dt.date, object] = dict(chinese_calendar.holidays)
    workdays: dict[dt.date, object] = dict(chinese_calendar.workdays)
    years = {d.year for d in holidays}
    arrangements: dict[int, YearArrangement] = {}
    for year in sorted(years):
        try:  # the package's own test of support; raises for unannounced years
            chinese_calendar.is_workday(dt.date(year, 1, 1))
        except NotImplementedError:
            continue
        arrangements[year] = YearArrangement(
            days_off=frozenset(d for d in holidays if d.year == year),
            working_weekends=frozenset(d for d in workdays if d.year == year),
            names={
                **{d: _chinese_name(n) for d, n in holidays.items() if d.year == year and n},
                **{
                    d: f"{_chinese_name(n)}调休上班"
                    for d, n in workdays.items()
                    if d.year == year and n
                },
            },
        )
    return arrangements


def _chinese_name(english: object) -> str:
    """The Chinese name of one of the package's holidays (``"National Day"`` → 国庆节)."""
    from chinese_calendar.constants import Holiday

    try:
        return str(Holiday(english).chinese)
    except ValueError:
        return str(english)


_DEFAULT_SOURCE = ChineseCalendarSource()


class WorkingCalendar:
    """Answers which days are working days and counts them (工作日计算)."""

    def __init__(
        self, source: HolidaySource | None = None, overrides: Iterable[Override] = ()
    ) -> None:
        self.source: HolidaySource = source if source is not None else _DEFAULT_SOURCE
        self.overrides: dict[dt.date, Override] = {o.day: o for o in overrides}
        self._years: dict[int, YearArrangement | None] = {}
        self._unannounced: set[int] = set()
        self._working: dict[dt.date, bool] = {}  # answers so far: counting asks the same days

    @classmethod
    def from_dates(
        cls,
        days_off: Iterable[dt.date] = (),
        working_weekends: Iterable[dt.date] = (),
        *,
        years: Iterable[int] | None = None,
        overrides: Iterable[Override] = (),
    ) -> WorkingCalendar:
        """A calendar from explicit holidays (放假) and 调休 working days."""
        source = StaticHolidaySource(days_off, working_weekends, years=years)
        return cls(source, overrides)

    # -- the year's arrangement ------------------------------------------------

    def arrangement(self, year: int) -> YearArrangement | None:
        if year not in self._years:
            found = self.source.arrangement(year)
            self._years[year] = found
            if found is None:
                self._unannounced.add(year)
        return self._years[year]

    def is_announced(self, year: int) -> bool:
        """Whether the arrangement of ``year`` is known (已公布放假安排)."""
        return self.arrangement(year) is not None

    @property
    def unannounced_years(self) -> frozenset[int]:
        """Years consulted so far whose arrangement is unknown (weekends only were used)."""
        return frozenset(self._unannounced)

    def unannounced_between(self, a: dt.date, b: dt.date) -> tuple[int, ...]:
        """Unannounced years among the years from ``a`` to ``b`` (either order)."""
        low, high = sorted((a.year, b.year))
        return tuple(y for y in range(low, high + 1) if not self.is_announced(y))

    # -- single days -----------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day (工作日)."""
        known = self._working.get(day)
        if known is None:
            known = self._working[day] = self._is_working_day(day)
        return known

    def _is_working_day(self, day: dt.date) -> bool:
        override = self.overrides.get(day)
        if override is not None:
            return override.is_working_day
        arrangement = self.arrangement(day.year)
        if arrangement is not None:
            if day in arrangement.working_weekends:
                return True
            if day in arrangement.days_off:
                return False
        return day.weekday() < 5

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday or 调休 a day belongs to, or an override's note."""
        override = self.overrides.get(day)
        if override is not None and override.note:
            return override.note
        arrangement = self.arrangement(day.year)
        return arrangement.names.get(day) if arrangement is not None else None

    # -- counting --------------------------------------------------------------

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``start`` (N个工作日).

        The start day itself never counts, whatever it is. ``n == 0`` gives
        ``start``; a negative ``n`` counts backwards (the ``-n``-th working
        day before ``start``).
        """
        step = ONE_DAY if n >= 0 else -ONE_DAY
        day = start
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days ``d`` with ``a < d <= b``; negative when ``b`` is before ``a``.

        So ``working_days_between(d, add_working_days(d, n)) == n``.
        """
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        day = a + ONE_DAY
        while day <= b:
            if self.is_working_day(day):
                count += 1
            day += ONE_DAY
        return count

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first working day after it."""
        return day if self.is_working_day(day) else self.add_working_days(day, 1)
