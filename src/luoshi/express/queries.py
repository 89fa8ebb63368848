"""The lists of cards each role works from: waiting for me, overdue, by project, by unit.

All of them start from :func:`luoshi.express.access.visible_cards`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.db.models import Count, Q, QuerySet

from luoshi.core import clock
from luoshi.core.models import User
from luoshi.express import access, parties
from luoshi.express.models import Card

LIST_COLUMNS = (
    "id",
    "number",
    "project_name",
    "builder",
    "filed_at",
    "state",
    "track",
    "category",
    "step_started_at",
    "step_due_at",
    "responsible_unit__name",
    "project_id",
)


class CardList(StrEnum):
    WAITING = "waiting"  # 待我办理
    OVERDUE = "overdue"  # 已超时
    OPEN = "open"  # 办理中
    ALL = "all"  # 全部

    @property
    def label(self) -> str:
        return {"waiting": "待我办理", "overdue": "已超时", "open": "未办结", "all": "全部"}[
            self.value
        ]


def cards(
    user: User,
    which: CardList = CardList.ALL,
    *,
    state: str | None = None,
    project: int | None = None,
    unit: int | None = None,
    at: dt.datetime | None = None,
) -> QuerySet[Card]:
    """Cards ``user`` may see, narrowed to one list and optional filters, most urgent first."""
    found = access.visible_cards(user)
    if which is CardList.WAITING:
        condition = parties.waiting_filter(user)
        if condition is None:
            if user.is_authenticated and user.role == "supervision":
                return cards(user, CardList.OVERDUE, state=state, project=project, unit=unit, at=at)
            return found.none()
        found = found.filter(condition)
    elif which is CardList.OVERDUE:
        found = found.filter(is_open=True, step_due_at__lt=at or clock.now())
    elif which is CardList.OPEN:
        found = found.filter(is_open=True)
    if state:
        found = found.filter(state=state)
    if project:
        found = found.filter(project_id=project)
    if unit:
        found = found.filter(responsible_unit_id=unit)
    if which is CardList.ALL:
        return found.order_by("-filed_at", "-id")
    return found.order_by("step_due_at", "id")


def by_unit(user: User, at: dt.datetime | None = None) -> list[dict[str, object]]:
    """Per responsible unit: open, overdue and closed cards (按责任单位)."""
    moment = at or clock.now()
    rows = (
        access.visible_cards(user)
        .exclude(responsible_unit=None)
        .values("responsible_unit_id", "responsible_unit__name")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=Q(is_open=True)),
            overdue=Count("id", filter=Q(is_open=True, step_due_at__lt=moment)),
            closed=Count("id", filter=Q(state="closed")),
        )
        .order_by("-overdue", "-open", "responsible_unit__name")
    )
    return list(rows)


def by_project(user: User, at: dt.datetime | None = None) -> list[dict[str, object]]:
    """Per project: open, overdue and closed cards (按项目)."""
    moment = at or clock.now()
    rows = (
        access.visible_cards(user)
        .values("project_id", "project__name", "project__builder")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=Q(is_open=True)),
            overdue=Count("id", filter=Q(is_open=True, step_due_at__lt=moment)),
            closed=Count("id", filter=Q(state="closed")),
        )
        .order_by("-open", "project__name")
    )
    return list(rows)


def counts(user: User, at: dt.datetime | None = None) -> dict[str, int]:
    """How many cards are in each list, for the tabs."""
    moment = at or clock.now()
    return {
        CardList.WAITING.value: cards(user, CardList.WAITING, at=moment).count(),
        CardList.OVERDUE.value: cards(user, CardList.OVERDUE, at=moment).count(),
        CardList.OPEN.value: cards(user, CardList.OPEN).count(),
    }
