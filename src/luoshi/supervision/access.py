"""The only route to ledger rows: every read applies the unit scope (责任单位只看本单位).

Unit staff see confirmed tasks their unit leads or co-operates on, and only their own
unit's reports; city-wide roles (督查室, leaders, admins) see everything.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from luoshi.core.models import User
from luoshi.core.permissions import scope_to_unit
from luoshi.core.roles import Role
from luoshi.supervision.models import Attachment, Report, ReportingPeriod, Task, TaskUnit
from luoshi.supervision.services.common import REVIEW_ROLES

LEDGER_STATES = (Task.State.ACTIVE, Task.State.CLOSED)


def is_reviewer(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in REVIEW_ROLES)


def visible_tasks(user: User, *, include_pending: bool = False) -> QuerySet[Task]:
    """Tasks ``user`` may see; pending and retired ones only for reviewers who ask."""
    tasks = Task.objects.all()
    if not (include_pending and is_reviewer(user)):
        tasks = tasks.filter(state__in=LEDGER_STATES)
    if user.is_authenticated and not user.sees_all_units:
        # unit staff: scope through the assignment rows, without DISTINCT
        if user.unit_id is None:
            return tasks.none()
        return tasks.filter(pk__in=TaskUnit.objects.filter(unit_id=user.unit_id).values("task_id"))
    return scope_to_unit(tasks, user, "assignments__unit")


def visible_reports(user: User) -> QuerySet[Report]:
    """Reports ``user`` may read: their own unit's, or all for city-wide roles."""
    reports = scope_to_unit(Report.objects.all(), user, "unit")
    if user.is_authenticated and not user.sees_all_units:
        reports = reports.filter(task__state__in=LEDGER_STATES)
    return reports


def get_task(user: User, pk: int, *, include_pending: bool = False) -> Task:
    task = visible_tasks(user, include_pending=include_pending).filter(pk=pk).first()
    if task is None:
        raise Http404("事项不存在或无权查看")
    return task


def get_report(user: User, pk: int) -> Report:
    report = visible_reports(user).select_related("task", "period", "unit").filter(pk=pk).first()
    if report is None:
        raise Http404("报告不存在或无权查看")
    return report


def get_period(user: User, task: Task, pk: int) -> ReportingPeriod:
    period = ReportingPeriod.objects.filter(task=task, pk=pk).first()
    if period is None:
        raise Http404("报送周期不存在")
    return period


def get_attachment(user: User, pk: int) -> Attachment:
    attachment = (
        Attachment.objects.filter(report__in=visible_reports(user))
        .select_related("report")
        .filter(pk=pk)
        .first()
    )
    if attachment is None:
        raise Http404("材料不存在或无权查看")
    return attachment


def own_role(user: User, task: Task) -> str | None:
    """``lead``/``co`` when the user's unit is assigned to ``task`` (and may report), else None."""
    if not user.is_authenticated or user.unit_id is None:
        return None
    if user.role not in (Role.UNIT_STAFF, Role.LIAISON) and not user.is_superuser:
        return None
    return (
        TaskUnit.objects.filter(task=task, unit_id=user.unit_id)
        .values_list("role", flat=True)
        .first()
    )
