"""What every ledger action shares: errors, permission checks, snapshots and the refresh of
the denormalised task columns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied

from luoshi.core.errors import Conflict
from luoshi.core.models import User
from luoshi.core.permissions import require_role
from luoshi.core.roles import Role
from luoshi.supervision import status as rules
from luoshi.supervision.models import Report, ReportingPeriod, Task, TaskLeader, TaskUnit

REVIEW_ROLES = (Role.SUPERVISION, Role.ADMIN)


STALE = "该报告已被他人修改,请刷新后在最新版本上修改"
"""The refusal (409) of a change made on a stale version of a report (乐观锁冲突)."""


def require_reviewer(user: User) -> None:
    """Only the supervision office (督查室) and admins review, edit and close out."""
    require_role(user, *REVIEW_ROLES)


def assignment_of(user: User, task: Task) -> TaskUnit:
    """The user's unit's assignment on ``task``; PermissionDenied when it has none."""
    if not user.is_authenticated or user.unit_id is None:
        raise PermissionDenied("只有责任单位人员可以报送进展")
    if user.role not in (Role.UNIT_STAFF, Role.LIAISON) and not user.is_superuser:
        raise PermissionDenied("只有责任单位人员可以报送进展")
    assignment = TaskUnit.objects.filter(task=task, unit_id=user.unit_id).first()
    if assignment is None:
        raise PermissionDenied("本单位不是该事项的责任单位")
    return assignment


def require_live(task: Task) -> None:
    if task.state == Task.State.CLOSED:
        raise Conflict("该事项已销号,不能再报送或修改")
    if task.state != Task.State.ACTIVE:
        raise Conflict("该事项尚未确认下达,不能报送")
    if task.not_applicable:
        raise Conflict("该事项已标记为不涉及,无需报送")


def refresh_task(task: Task) -> Task:
    """Recompute ``covered``/``reported``/``percent``/``close_requested``/``next_due`` from rows."""
    lead_reports = list(
        Report.objects.filter(
            task=task, role=TaskUnit.Role.LEAD, state__in=Report.COVERING_STATES
        ).select_related("period")
    )
    covered_ids = {r.period_id for r in lead_reports}
    periods = list(task.periods.all())
    for period in periods:
        covered = period.pk in covered_ids
        if period.covered != covered:
            ReportingPeriod.objects.filter(pk=period.pk).update(covered=covered)
            period.covered = covered
    latest = max(
        lead_reports, key=lambda r: (r.period.due, r.submitted_at or r.updated_at), default=None
    )
    task.reported = bool(lead_reports)
    task.percent = latest.percent if latest else 0
    task.close_requested = bool(latest and latest.close_requested)
    task.next_due = rules.next_due(facts_of(task, periods))
    Task.objects.filter(pk=task.pk).update(
        reported=task.reported,
        percent=task.percent,
        close_requested=task.close_requested,
        next_due=task.next_due,
    )
    return task


def facts_of(task: Task, periods: list[ReportingPeriod] | None = None) -> rules.TaskFacts:
    """The pure status inputs of a task (its periods read unless given)."""
    periods = list(task.periods.all()) if periods is None else periods
    return rules.TaskFacts(
        not_applicable=task.not_applicable,
        closed=task.state == Task.State.CLOSED,
        due=task.due,
        checkpoints=tuple(rules.Checkpoint(p.due, p.covered) for p in periods),
        reported=task.reported,
        close_requested=task.close_requested,
    )


def task_snapshot(task: Task) -> dict[str, Any]:
    """The editable fields of a task, for audit before/after."""
    return {
        "title": task.title,
        "text": task.text,
        "province_task": task.province_task,
        "lead_units": sorted(u.name for u in task.lead_units()),
        "co_units": sorted(u.name for u in task.co_units()),
        "responsible_leaders": list(task.responsible_leaders),
        "leaders_in_charge": list(task.leaders_in_charge),
        "due": _iso(task.due),
        "due_text": task.due_text,
        "ongoing": task.ongoing,
        "not_applicable": task.not_applicable,
        "state": task.state,
    }


def report_snapshot(report: Report) -> dict[str, Any]:
    return {
        "state": report.state,
        "narrative": report.narrative,
        "percent": report.percent,
        "target_values": report.target_values,
        "close_requested": report.close_requested,
        "version": report.version,
    }


def leader_rows(task: Task) -> list[TaskLeader]:
    """Unsaved lookup rows of a task's leaders in charge (one per distinct name)."""
    names = dict.fromkeys(n[:32] for n in task.leaders_in_charge if n)
    return [TaskLeader(task=task, name=name) for name in names]


def sync_leaders(task: Task) -> None:
    """Rewrite a saved task's leader lookup rows from ``leaders_in_charge``."""
    TaskLeader.objects.filter(task=task).delete()
    TaskLeader.objects.bulk_create(leader_rows(task))


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
