"""Anchoring an event-relative deadline (事件起算时限) to a date.

A task whose text counts its deadline from an event (``汛期前``, ``收到通知之日起10日内``)
has no due date until the supervision office says when the event happens; then the due
date follows from the rule in :mod:`luoshi.supervision.extraction.events`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from luoshi.core import audit, clock
from luoshi.core.errors import Conflict
from luoshi.core.holidays import load_calendar
from luoshi.core.models import User
from luoshi.supervision.extraction.events import EventDue, anchor_event_due
from luoshi.supervision.models import Task
from luoshi.supervision.services.common import refresh_task, require_reviewer


def event_due_of(task: Task) -> EventDue | None:
    """The stored event-relative deadline of ``task``, if it has one."""
    data = task.due_event or {}
    if not data.get("event"):
        return None
    return EventDue(
        text=str(data.get("text", "")),
        event=str(data["event"]),
        before=bool(data.get("before")),
        offset=str(data.get("offset", "")),
    )


@transaction.atomic
def anchor_due_event(user: User, task: Task, event_day: dt.date, *, reason: str = "") -> Task:
    """The office anchors the task's event to ``event_day``: the due date is recomputed."""
    require_reviewer(user)
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.state in (Task.State.CLOSED, Task.State.RETIRED):
        raise Conflict("已销号或已拆分合并的事项不能修改时限")
    event_due = event_due_of(task)
    if event_due is None:
        raise Conflict("该事项的时限不是以事件起算的,无需确定事件日期")
    before = {"due": _iso(task.due), "due_event": dict(task.due_event)}
    task.due = anchor_event_due(event_due, event_day, load_calendar())
    task.due_event = {**task.due_event, "anchored_on": event_day.isoformat()}
    task.updated_at = clock.now()
    task.save(update_fields=["due", "due_event", "updated_at"])
    refresh_task(task)
    audit.record(
        "supervision.due_event_anchored", task, actor=user,
        summary=f"确定“{event_due.event}”日期为 {event_day:%Y-%m-%d},完成时限 {task.due:%Y-%m-%d}",
        reason=reason, before=before, after={"due": _iso(task.due), "due_event": task.due_event},
    )  # fmt: skip
    return task


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
