"""JSON API of the ledger: tasks, reports and status (session auth, unit-scoped).

Reads go through the access helpers; changes through the named actions. A change made on
a stale report version or a state that forbids it answers 409, bad input 400, a user who may
not 403, another unit's rows 404 (the one mapping of :mod:`luoshi.core.refusals`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from luoshi.core.refusals import refusals
from luoshi.supervision import access, queries, services
from luoshi.supervision.models import Report, Task
from luoshi.supervision.status import Status

router = Router(tags=["督查督办"], auth=django_auth)


class TargetOut(Schema):
    metric: str
    value: float
    unit: str
    qualifier: str = ""


class PeriodOut(Schema):
    id: int
    label: str
    starts: dt.date
    due: dt.date
    covered: bool


class TaskOut(Schema):
    id: int
    document: str | None
    ref: str
    no: str
    title: str
    state: str
    status: Status
    status_label: str
    lead_units: list[str]
    co_units: list[str]
    leaders_in_charge: list[str]
    due: dt.date | None
    due_text: str
    ongoing: bool
    not_applicable: bool
    next_due: dt.date | None
    percent: int


class TaskDetailOut(TaskOut):
    text: str
    province_task: str
    responsible_leaders: list[str]
    sections: list[str]
    persons: list[str]
    targets: list[TargetOut]
    flags: list[str]
    reporting_rule: str
    periods: list[PeriodOut]
    original: dict[str, Any]


class TaskPageOut(Schema):
    total: int
    items: list[TaskOut]


class TaskQuery(Schema):
    unit: int | None = Field(None, ge=1, le=2**62)
    leader: str | None = Field(None, max_length=32)
    document: int | None = Field(None, ge=1, le=2**62)
    status: Status | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    q: str | None = Field(None, max_length=100)
    sort: str = Field("due", pattern="^-?(due|no|document|percent|updated)$")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


class StatusSummaryOut(Schema):
    today: dt.date
    horizon: dt.date
    counts: dict[str, int]


class TargetValue(Schema):
    metric: str = Field(..., max_length=64)
    value: float = Field(..., allow_inf_nan=False, ge=-1e15, le=1e15)
    unit: str = Field("", max_length=16)


class ReportOut(Schema):
    id: int
    task: int
    period: int
    period_label: str
    unit: str
    role: str
    state: str
    narrative: str
    percent: int
    target_values: list[TargetValue]
    close_requested: bool
    version: int
    submitted_at: dt.datetime | None
    review_comment: str
    attachments: list[str]


class ReportIn(Schema):
    narrative: str = Field("", max_length=20000)
    percent: int = Field(0, ge=0, le=100)
    target_values: list[TargetValue] = Field(default_factory=list, max_length=50)
    close_requested: bool = False
    version: int | None = Field(None, ge=0, le=2**31, description="修改已有报告时必填:读取时的版本")


class VersionIn(Schema):
    version: int = Field(..., ge=0, le=2**31)


class ReviewIn(Schema):
    decision: str = Field(..., pattern="^(accept|return)$")
    comment: str = Field("", max_length=2000)


def _task_out(task: Task, names: dict[str, list[str]], moment: queries.Moment) -> dict[str, Any]:
    status = task.status_on(moment.today, moment.horizon)
    return {
        "id": task.pk, "document": task.document.number if task.document else None,
        "ref": task.ref, "no": task.no, "title": task.title, "state": task.state,
        "status": status, "status_label": status.label, "lead_units": names["lead"],
        "co_units": names["co"], "leaders_in_charge": task.leaders_in_charge, "due": task.due,
        "due_text": task.due_text, "ongoing": task.ongoing, "not_applicable": task.not_applicable,
        "next_due": task.next_due, "percent": task.percent,
    }  # fmt: skip


def _report_out(report: Report) -> dict[str, Any]:
    return {
        "id": report.pk, "task": report.task_id, "period": report.period_id,
        "period_label": report.period.label, "unit": report.unit.name, "role": report.role,
        "state": report.state, "narrative": report.narrative, "percent": report.percent,
        "target_values": report.target_values, "close_requested": report.close_requested,
        "version": report.version, "submitted_at": report.submitted_at,
        "review_comment": report.review_comment,
        "attachments": [a.name for a in report.attachments.all()],
    }  # fmt: skip


@router.get("/ledger/tasks", response=TaskPageOut, summary="督办事项列表")
def list_tasks(request: HttpRequest, params: Query[TaskQuery]) -> dict[str, Any]:
    moment = queries.Moment.now()
    filters = queries.LedgerFilter(
        unit=params.unit, leader=params.leader or "", document=params.document,
        status=params.status, due_from=params.due_from, due_to=params.due_to,
        q=params.q or "", sort=params.sort,
    )  # fmt: skip
    tasks = queries.ledger_tasks(request.user, filters, moment)
    ids = tasks.values_list("pk", flat=True)[params.offset : params.offset + params.limit]
    page = queries.in_order(list(ids))
    names = queries.unit_names([t.pk for t in page])
    return {"total": tasks.count(), "items": [_task_out(t, names[t.pk], moment) for t in page]}


@router.get(
    "/ledger/tasks/{int:task_id}",
    response={200: TaskDetailOut, **refusals(404)},
    summary="督办事项详情",
)
def get_task(request: HttpRequest, task_id: int) -> dict[str, Any]:
    task = access.get_task(request.user, task_id)
    moment = queries.Moment.now()
    names = queries.unit_names([task.pk])[task.pk]
    return _task_out(task, names, moment) | {
        "text": task.text, "province_task": task.province_task,
        "responsible_leaders": task.responsible_leaders, "sections": task.sections,
        "persons": task.persons, "targets": task.targets, "flags": task.flags,
        "reporting_rule": task.reporting_rule, "original": task.original,
        "periods": list(task.periods.order_by("due", "seq").values("id", "label", "starts", "due", "covered")),
    }  # fmt: skip


@router.get("/ledger/status", response=StatusSummaryOut, summary="督办状态统计")
def status_summary(request: HttpRequest) -> dict[str, Any]:
    moment = queries.Moment.now()
    counts = queries.status_counts(access.visible_tasks(request.user), moment)
    return {
        "today": moment.today,
        "horizon": moment.horizon,
        "counts": {s.value: n for s, n in counts.items()},
    }


@router.get(
    "/ledger/tasks/{int:task_id}/reports",
    response={200: list[ReportOut], **refusals(404)},
    summary="事项的进展报告",
)
def task_reports(request: HttpRequest, task_id: int) -> list[dict[str, Any]]:
    task = access.get_task(request.user, task_id)
    reports = access.visible_reports(request.user).filter(task=task)
    reports = reports.select_related("period", "unit").prefetch_related("attachments")
    return [_report_out(r) for r in reports.order_by("period__due", "id")]


@router.get(
    "/ledger/reports/{int:report_id}",
    response={200: ReportOut, **refusals(404)},
    summary="进展报告",
)
def get_report(request: HttpRequest, report_id: int) -> dict[str, Any]:
    return _report_out(access.get_report(request.user, report_id))


@router.put(
    "/ledger/tasks/{int:task_id}/periods/{int:period_id}/report",
    response={200: ReportOut, **refusals(400, 403, 404, 409)}, summary="保存本单位本期报告(草稿)",
)  # fmt: skip
def save_report(
    request: HttpRequest, task_id: int, period_id: int, payload: ReportIn
) -> dict[str, Any]:
    task = access.get_task(request.user, task_id)
    period = access.get_period(request.user, task, period_id)
    report = services.save_report(
        request.user, period, narrative=payload.narrative,
        percent=payload.percent, target_values=[t.dict() for t in payload.target_values],
        close_requested=payload.close_requested, version=payload.version,
    )  # fmt: skip
    return _report_out(report)


@router.post(
    "/ledger/reports/{int:report_id}/submit",
    response={200: ReportOut, **refusals(400, 403, 404, 409)},
    summary="报送",
)
def submit_report(request: HttpRequest, report_id: int, payload: VersionIn) -> dict[str, Any]:
    report = access.get_report(request.user, report_id)
    return _report_out(services.submit_report(request.user, report, version=payload.version))


@router.post(
    "/ledger/reports/{int:report_id}/review",
    response={200: ReportOut, **refusals(400, 403, 404, 409)},
    summary="审核(通过/退回)",
)
def review_report(request: HttpRequest, report_id: int, payload: ReviewIn) -> dict[str, Any]:
    report = access.get_report(request.user, report_id)
    action = services.accept_report if payload.decision == "accept" else services.return_report
    return _report_out(action(request.user, report, comment=payload.comment))
