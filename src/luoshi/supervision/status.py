"""The status of a supervised task at a moment (督办状态), from deadlines and reports.

One pure function, :func:`task_status`, decides it; the ledger's database
filters (``supervision.queries.status_filter``) mirror the same rules on the
denormalised ``next_due`` / ``reported`` columns, and a test checks that the two
agree.

Rules, in order:

1. marked not applicable (不涉及) → ``not_applicable``;
2. closed out (销号) → ``done``;
3. the next open deadline (the earliest reporting period without a submitted
   or accepted report, or the task's own deadline unless the unit has asked
   for close-out) has passed → ``overdue``;
   a deadline is met through the end of its day;
4. it falls within the warning window (``warn_days`` working days from today,
   counted on the working-day calendar with statutory holidays and 调休) →
   ``at_risk``;
5. some progress has been reported → ``on_track``; else ``not_started``.

Pure Python: no Django import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

DEFAULT_WARN_DAYS = 5


class Status(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.NOT_STARTED: "未启动",
    Status.ON_TRACK: "正常推进",
    Status.AT_RISK: "临期预警",
    Status.OVERDUE: "逾期",
    Status.DONE: "已销号",
    Status.NOT_APPLICABLE: "不涉及",
}


class WorkingDays(Protocol):
    """What status needs of the working-day calendar (``core.calendar.WorkingCalendar``)."""

    def add_working_days(self, start: dt.date, n: int) -> dt.date: ...


@dataclass(frozen=True)
class Checkpoint:
    """A reporting period's deadline and whether a report covers it (submitted or accepted)."""

    due: dt.date
    covered: bool = False


@dataclass(frozen=True)
class TaskFacts:
    """What the status of one task depends on."""

    not_applicable: bool = False
    closed: bool = False
    due: dt.date | None = None
    checkpoints: tuple[Checkpoint, ...] = ()
    reported: bool = False
    close_requested: bool = False  # the unit asked for close-out (申请销号) in a live report


@dataclass(frozen=True)
class Submission:
    """A lead unit's report covering a period (submitted or accepted), as a status input."""

    period: int  # the period's key
    submitted_on: dt.date
    percent: int = 0
    close_requested: bool = False


def facts_as_of(
    day: dt.date,
    *,
    not_applicable: bool,
    closed_on: dt.date | None,
    due: dt.date | None,
    periods: Mapping[int, dt.date],
    submissions: Iterable[Submission],
) -> tuple[TaskFacts, int]:
    """A task's status inputs and percent complete as they stood at the end of ``day``
    (a report on a past quarter): only reports submitted by then count, and close-out
    only if it happened by then. The latest report is the one of the latest period."""
    by_then = sorted(
        (s for s in submissions if s.submitted_on <= day),
        key=lambda s: (periods.get(s.period, day), s.submitted_on),
    )
    covered = {s.period for s in by_then}
    latest = by_then[-1] if by_then else None
    facts = TaskFacts(
        not_applicable=not_applicable,
        closed=closed_on is not None and closed_on <= day,
        due=due,
        checkpoints=tuple(Checkpoint(d, key in covered) for key, d in periods.items()),
        reported=latest is not None,
        close_requested=latest is not None and latest.close_requested,
    )
    return facts, latest.percent if latest else 0


def next_due(facts: TaskFacts) -> dt.date | None:
    """The earliest deadline still open: an uncovered period, or the task's own deadline."""
    if facts.closed or facts.not_applicable:
        return None
    own_due = None if facts.close_requested else facts.due
    return open_deadline(own_due, (c.due for c in facts.checkpoints if not c.covered))


def open_deadline(due: dt.date | None, uncovered: Iterable[dt.date]) -> dt.date | None:
    candidates = [d for d in uncovered]
    if due is not None:
        candidates.append(due)
    return min(candidates) if candidates else None


def warning_horizon(
    today: dt.date, calendar: WorkingDays, warn_days: int = DEFAULT_WARN_DAYS
) -> dt.date:
    """The last day whose deadline counts as near (临期) when seen on ``today``."""
    return calendar.add_working_days(today, warn_days)


def task_status(
    facts: TaskFacts,
    today: dt.date,
    calendar: WorkingDays,
    *,
    warn_days: int = DEFAULT_WARN_DAYS,
) -> Status:
    """The status of a task on ``today`` (see the module's rules)."""
    return status_from(
        not_applicable=facts.not_applicable,
        closed=facts.closed,
        next_deadline=next_due(facts),
        reported=facts.reported,
        today=today,
        horizon=warning_horizon(today, calendar, warn_days),
    )


def status_from(
    *,
    not_applicable: bool,
    closed: bool,
    next_deadline: dt.date | None,
    reported: bool,
    today: dt.date,
    horizon: dt.date,
) -> Status:
    """The status rules on already-computed facts (used for stored rows)."""
    if not_applicable:
        return Status.NOT_APPLICABLE
    if closed:
        return Status.DONE
    if next_deadline is not None and next_deadline < today:
        return Status.OVERDUE
    if next_deadline is not None and next_deadline <= horizon:
        return Status.AT_RISK
    return Status.ON_TRACK if reported else Status.NOT_STARTED


def days_overdue(next_deadline: dt.date | None, today: dt.date) -> int:
    """Natural days past the open deadline (0 when not overdue)."""
    if next_deadline is None or next_deadline >= today:
        return 0
    return (today - next_deadline).days
