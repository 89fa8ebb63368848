"""Read-side queries of the ledger: status filters in SQL (mirroring ``status.status_from``),
filters and sorting, and the aggregates of the leader view, calendar and summaries."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.db.models.expressions import OrderBy

from luoshi.core import clock
from luoshi.core.calendar import WorkingCalendar
from luoshi.core.models import User
from luoshi.supervision.access import LEDGER_STATES, visible_tasks
from luoshi.supervision.models import ReportingPeriod, Task, TaskLeader, TaskUnit
from luoshi.supervision.status import DEFAULT_WARN_DAYS, Status, warning_horizon

# A task without an open deadline (standing work, closed, not applicable) sorts as if its
# deadline were infinitely far: last by deadline, first by deadline descending (PostgreSQL's
# order for NULL, which SQLite has to be told).
SORTS: dict[str, tuple[str | OrderBy, ...]] = {
    "due": (F("next_due").asc(nulls_last=True), "id"),
    "-due": (F("next_due").desc(nulls_first=True), "-id"),
    "no": ("document_id", "id"),
    "document": ("document__number", "id"),
    "percent": ("percent", "id"),
    "-percent": ("-percent", "-id"),
    "updated": ("-updated_at", "-id"),
}


def load_working_calendar() -> WorkingCalendar:
    """The calendar in force (package arrangements plus admin overrides)."""
    from luoshi.core.holidays import load_calendar

    return load_calendar()


@dataclass(frozen=True)
class Moment:
    """``today`` and the last day of its warning window (临期) on the working-day calendar."""

    today: dt.date
    horizon: dt.date

    @classmethod
    def now(cls, calendar: WorkingCalendar | None = None) -> Moment:
        today = clock.today()
        cal = calendar or load_working_calendar()
        return cls(today, warning_horizon(today, cal, DEFAULT_WARN_DAYS))


def status_filter(status: Status, moment: Moment) -> Q:
    """Rows whose stored columns give ``status`` (the SQL mirror of ``status_from``)."""
    live = Q(not_applicable=False, state=Task.State.ACTIVE)
    far = Q(next_due__isnull=True) | Q(next_due__gt=moment.horizon)
    return {
        Status.NOT_APPLICABLE: Q(not_applicable=True),
        Status.DONE: Q(not_applicable=False, state=Task.State.CLOSED),
        Status.OVERDUE: live & Q(next_due__lt=moment.today),
        Status.AT_RISK: live & Q(next_due__gte=moment.today, next_due__lte=moment.horizon),
        Status.ON_TRACK: live & far & Q(reported=True),
        Status.NOT_STARTED: live & far & Q(reported=False),
    }[status]


@dataclass
class LedgerFilter:
    """The ledger's filters (all optional)."""

    unit: int | None = None
    leader: str = ""
    document: int | None = None
    status: Status | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    q: str = ""
    role: str = ""  # lead / co: only with unit
    sort: str = "due"
    extra: dict[str, str] = field(default_factory=dict)


def ledger_tasks(user: User, filters: LedgerFilter, moment: Moment) -> QuerySet[Task]:
    """The visible tasks matching ``filters``, sorted."""
    tasks = visible_tasks(user)
    if filters.unit:
        assigned = TaskUnit.objects.filter(unit_id=filters.unit)
        if filters.role in TaskUnit.Role.values:
            assigned = assigned.filter(role=filters.role)
        tasks = tasks.filter(pk__in=assigned.values("task_id"))
    if filters.leader:
        led = TaskLeader.objects.filter(name=filters.leader).values("task_id")
        tasks = tasks.filter(pk__in=led)
    if filters.document:
        tasks = tasks.filter(document_id=filters.document)
    if filters.status:
        tasks = tasks.filter(status_filter(filters.status, moment))
    if filters.due_from:
        tasks = tasks.filter(next_due__gte=filters.due_from)
    if filters.due_to:
        tasks = tasks.filter(next_due__lte=filters.due_to)
    if filters.q:
        tasks = tasks.filter(Q(title__contains=filters.q) | Q(text__contains=filters.q))
    order = SORTS.get(filters.sort, SORTS["due"])
    return tasks.select_related("document").order_by(*order)


def status_counts(tasks: QuerySet[Task], moment: Moment) -> dict[Status, int]:
    """How many of ``tasks`` are in each status.

    One query grouped by the stored status columns, classified here: a handful of groups
    (one per distinct deadline) instead of a conditional count per status over every row.
    """
    counts = dict.fromkeys(Status, 0)
    groups = (
        tasks.order_by()
        # grouped in the column order of the ``task_status_columns`` index and counting rows,
        # not ids: PostgreSQL then aggregates the index alone, in order
        .values_list("state", "not_applicable", "next_due", "reported")
        .annotate(n=Count("*"))
    )
    for state, not_applicable, next_due, reported, n in groups:
        # pending, merged and retired tasks have no status, as in ``status_filter``
        if not_applicable or state in LEDGER_STATES:
            status = Task.status_of(
                not_applicable, state, next_due, reported, moment.today, moment.horizon
            )
            counts[status] += n
    return counts


def in_order(ids: list[int]) -> list[Task]:
    """The tasks of ``ids`` in that order, with their documents.

    Listing pages sort and page the narrow id column first and fetch the rows of one page
    afterwards: sorting whole rows made deep pages cost PostgreSQL ~100 ms.
    """
    by_id = Task.objects.select_related("document").in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def unit_names(task_ids: list[int]) -> dict[int, dict[str, list[str]]]:
    """Lead and co-operating unit names of tasks, for listing pages (one query)."""
    names: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"lead": [], "co": []})
    rows = TaskUnit.objects.filter(task_id__in=task_ids).values_list(
        "task_id", "role", "unit__name"
    )
    for task_id, role, name in rows.order_by("role", "unit__name"):
        names[task_id][role].append(name)
    return names


@dataclass
class LeaderRow:
    """One leader in charge: per unit, task counts in ``Status`` order; then the totals."""

    leader: str
    units: list[tuple[str, list[int]]]
    total: list[int]


def leader_view(user: User, moment: Moment) -> list[LeaderRow]:
    """Per leader in charge (分管领导): the units under them and their tasks by status."""
    led = visible_tasks(user).filter(
        state__in=LEDGER_STATES, pk__in=TaskLeader.objects.values("task_id")
    )
    tasks = list(led.values("id", "not_applicable", "state", "next_due", "reported"))
    leaders = defaultdict(list)
    for task_id, name in TaskLeader.objects.filter(task__in=led).values_list("task_id", "name"):
        leaders[task_id].append(name)
    units = defaultdict(list)
    lead_units = TaskUnit.objects.filter(task__in=led, role=TaskUnit.Role.LEAD)
    for task_id, name in lead_units.values_list("task_id", "unit__name"):
        units[task_id].append(name)
    grid: dict[str, dict[str, Counter[Status]]] = defaultdict(lambda: defaultdict(Counter))
    for row in tasks:
        status = Task.status_of(
            row["not_applicable"], row["state"], row["next_due"], row["reported"],
            moment.today, moment.horizon,
        )  # fmt: skip
        for leader in leaders[row["id"]]:
            for unit in units.get(row["id"], ["(未指定单位)"]):
                grid[leader][unit][status] += 1
    out = []
    for leader, by_unit in sorted(grid.items()):
        total: Counter[Status] = Counter()
        for counts in by_unit.values():
            total.update(counts)
        cells = [(unit, [c[s] for s in Status]) for unit, c in sorted(by_unit.items())]
        out.append(LeaderRow(leader, cells, [total[s] for s in Status]))
    return out


def calendar_deadlines(
    user: User, first: dt.date, last: dt.date
) -> dict[dt.date, list[ReportingPeriod]]:
    """Reporting deadlines of visible live tasks between ``first`` and ``last``, by day."""
    periods = (
        ReportingPeriod.objects.filter(
            task__in=visible_tasks(user).filter(state=Task.State.ACTIVE, not_applicable=False),
            due__gte=first,
            due__lte=last,
        )
        .select_related("task")
        .order_by("due", "task_id")
    )
    by_day: dict[dt.date, list[ReportingPeriod]] = defaultdict(list)
    for period in periods:
        by_day[period.due].append(period)
    return by_day
