"""The cockpit's figures (驾驶舱数据): a handful of aggregate queries over the three apps.

Every figure starts from the apps' own access helpers (``visible_tasks``,
``visible_cards``, ``visible_incidents``, ``visible_warnings``), so city-wide roles
see the whole city and unit staff only what those helpers give them. Status rules
come from the apps too (``supervision.queries.status_filter``, the express cards'
``is_open``/``step_due_at`` running clocks); nothing here re-decides them.

Each figure carries the address of the filtered list page it summarises.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.urls import reverse

from luoshi.cockpit.fold import fold_leaders, month_start
from luoshi.core import clock
from luoshi.core.models import User
from luoshi.core.timeleft import span_text
from luoshi.emergency import access as emergency_access
from luoshi.emergency.levels import COLOUR_NAMES, LEVELS, WARNING_COLOURS, chinese_level
from luoshi.emergency.models import EarlyWarning, Incident
from luoshi.express import access as express_access
from luoshi.express import workflow as wf
from luoshi.express.queries import CardList
from luoshi.supervision import access as ledger_access
from luoshi.supervision.models import TaskUnit
from luoshi.supervision.queries import Moment, status_counts, status_filter
from luoshi.supervision.status import Status

TOP_UNITS = 10


@dataclass
class Figure:
    """One number on the cockpit and the list page behind it."""

    key: str
    label: str
    count: int
    url: str


@dataclass
class LeaderFigure:
    """Tasks of one leader in charge (分管领导), by status key."""

    leader: str
    counts: dict[str, int]
    total: int
    url: str

    def status_urls(self) -> dict[str, str]:
        """The ledger filtered to this leader and each status."""
        return {key: f"{self.url}&{urlencode({'status': key})}" for key in self.counts}


@dataclass
class StepFigure:
    """Open express cards waiting at one step (环节), and how many of them are past its limit."""

    key: str
    label: str
    count: int
    overdue: int
    url: str
    overdue_url: str


@dataclass
class LedgerFigures:
    today: dt.date
    horizon: dt.date
    statuses: list[Figure]
    overdue_by_unit: list[Figure]
    by_leader: list[LeaderFigure]

    @property
    def total(self) -> int:
        return sum(f.count for f in self.statuses)


@dataclass
class ExpressFigures:
    open: Figure
    overdue: Figure
    closed_this_month: Figure
    average_handling_seconds: float | None
    average_handling_text: str
    by_step: list[StepFigure]


@dataclass
class EmergencyFigures:
    proposed: Figure
    responding: Figure
    by_level: list[Figure]
    monitoring: Figure
    warnings: list[Figure]

    @property
    def active_warnings(self) -> int:
        return sum(f.count for f in self.warnings)


@dataclass
class Cockpit:
    """Everything the cockpit shows, as of one moment."""

    as_of: dt.datetime
    scope: str  # "city" or "unit"
    unit: str | None
    ledger: LedgerFigures
    express: ExpressFigures
    emergency: EmergencyFigures
    statuses: list[tuple[str, str]] = field(
        default_factory=lambda: [(s.value, s.label) for s in Status]
    )


def build(user: User) -> Cockpit:
    """The cockpit for ``user`` as of the clock's now."""
    moment_now = clock.now().astimezone(clock.local_zone())
    sees_all = bool(user.sees_all_units)
    return Cockpit(
        as_of=moment_now,
        scope="city" if sees_all else "unit",
        unit=None if sees_all or user.unit is None else user.unit.name,
        ledger=ledger_figures(user, Moment.now()),
        express=express_figures(user, moment_now),
        emergency=emergency_figures(user),
    )


# -- the supervision ledger (督查台账) ------------------------------------------------------------


def _url(name: str, **params: object) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return str(reverse(name)) + (f"?{query}" if query else "")


def ledger_figures(user: User, moment: Moment) -> LedgerFigures:
    """Tasks by status, overdue tasks by lead unit (top 10) and tasks by leader in charge."""
    tasks = ledger_access.visible_tasks(user)
    counts = status_counts(tasks, moment)
    statuses = [
        Figure(s.value, s.label, counts[s], _url("ledger:ledger", status=s.value)) for s in Status
    ]
    return LedgerFigures(
        today=moment.today,
        horizon=moment.horizon,
        statuses=statuses,
        overdue_by_unit=overdue_by_lead_unit(user, moment),
        by_leader=tasks_by_leader(user, moment),
    )


def overdue_by_lead_unit(user: User, moment: Moment, limit: int = TOP_UNITS) -> list[Figure]:
    """Lead units (牵头单位) with the most overdue visible tasks, most first (one query)."""
    overdue = ledger_access.visible_tasks(user).filter(status_filter(Status.OVERDUE, moment))
    rows = (
        TaskUnit.objects.filter(role=TaskUnit.Role.LEAD, task__in=overdue.values("pk"))
        .values("unit_id", "unit__name")
        .annotate(n=Count("id"))
        .order_by("-n", "unit__name")[:limit]
    )
    return [
        Figure(
            str(r["unit_id"]),
            r["unit__name"],
            r["n"],
            _url("ledger:ledger", unit=r["unit_id"], role="lead", status=Status.OVERDUE.value),
        )
        for r in rows
    ]


def tasks_by_leader(user: User, moment: Moment) -> list[LeaderFigure]:
    """Visible tasks per leader in charge (分管领导), by status (one query, folded in Python)."""
    aggregates = {s.value: Count("id", filter=status_filter(s, moment)) for s in Status}
    rows = (
        ledger_access.visible_tasks(user)
        .filter(leader_rows__isnull=False)
        .order_by()
        .values("leader_rows__name")
        .annotate(**aggregates)
    )  # one row per leader: a task of two leaders is counted in each leader's row
    keys = [s.value for s in Status]
    tallies = fold_leaders(((r["leader_rows__name"], r) for r in rows), keys)
    return [
        LeaderFigure(t.leader, t.counts, t.total, _url("ledger:ledger", leader=t.leader))
        for t in tallies
    ]


# -- the 直通车 express cards -------------------------------------------------------------------


def express_figures(user: User, now: dt.datetime) -> ExpressFigures:
    """Open cards, cards whose running step is past its limit, closed this month, by step."""
    cards = express_access.visible_cards(user)
    closed_now = Q(state=wf.State.CLOSED.value, closed_at__gte=month_start(now), closed_at__lte=now)
    handling = ExpressionWrapper(F("closed_at") - F("filed_at"), output_field=DurationField())
    row = cards.order_by().aggregate(
        open=Count("id", filter=Q(is_open=True)),
        overdue=Count("id", filter=Q(is_open=True, step_due_at__lt=now)),
        closed=Count("id", filter=closed_now),
        average=Avg(handling, filter=closed_now),
    )
    average: dt.timedelta | None = row["average"]
    seconds = average.total_seconds() if average is not None else None
    return ExpressFigures(
        open=Figure("open", "未办结", row["open"], _url("express:list", list=CardList.OPEN.value)),
        overdue=Figure(
            "overdue", "环节超时", row["overdue"], _url("express:list", list=CardList.OVERDUE.value)
        ),
        closed_this_month=Figure(
            "closed_this_month",
            "本月完结",
            row["closed"],
            _url("express:list", list=CardList.ALL.value, state=wf.State.CLOSED.value),
        ),
        average_handling_seconds=seconds,
        average_handling_text=span_text(int(seconds)) if seconds is not None else "—",
        by_step=cards_by_step(user, now),
    )


def cards_by_step(user: User, now: dt.datetime) -> list[StepFigure]:
    """Open cards per workflow step, in the workflow's order (one query)."""
    rows = {
        r["state"]: r
        for r in express_access.visible_cards(user)
        .filter(is_open=True)
        .order_by()
        .values("state")
        .annotate(n=Count("id"), late=Count("id", filter=Q(step_due_at__lt=now)))
    }
    return [
        StepFigure(
            state.value,
            state.label,
            rows[state.value]["n"],
            rows[state.value]["late"],
            _url("express:list", list=CardList.OPEN.value, state=state.value),
            _url("express:list", list=CardList.OVERDUE.value, state=state.value),
        )
        for state in wf.State
        if state.value in rows
    ]


# -- emergencies (应急) -------------------------------------------------------------------------


def emergency_figures(user: User) -> EmergencyFigures:
    """Open incidents by state and response level; active warnings by colour (two queries)."""
    board = reverse("emergency:board")
    by_state: dict[tuple[str, str], int] = {
        (r["state"], r["level"]): r["n"]
        for r in emergency_access.visible_incidents(user)
        .exclude(state=Incident.State.STOOD_DOWN)
        .order_by()
        .values("state", "level")
        .annotate(n=Count("id"))
    }

    def in_state(state: str) -> int:
        return sum(n for (s, _), n in by_state.items() if s == state)

    active = str(Incident.State.ACTIVE)
    by_level = [
        Figure(level, chinese_level(level) + "响应", by_state.get((active, level), 0), board)
        for level in LEVELS
    ]
    colours = {
        r["colour"]: r["n"]
        for r in emergency_access.visible_warnings(user)
        .filter(state=EarlyWarning.State.ACTIVE)
        .order_by()
        .values("colour")
        .annotate(n=Count("id"))
    }
    warnings_url = reverse("emergency:warnings")
    warnings = [
        Figure(c, COLOUR_NAMES[c] + "预警", colours.get(c, 0), warnings_url)
        for c in WARNING_COLOURS.values()
    ]
    return EmergencyFigures(
        proposed=Figure("proposed", "待决定响应", in_state(str(Incident.State.PROPOSED)), board),
        responding=Figure("active", "响应中", in_state(active), board),
        by_level=by_level,
        monitoring=Figure(
            "monitoring", "未启动响应", in_state(str(Incident.State.MONITORING)), board
        ),
        warnings=warnings,
    )
