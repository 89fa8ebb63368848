"""Ledger pages. Thin: read the request, call an access helper or an action, render."""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST

from luoshi.core import clock, params
from luoshi.core.documents.download import download
from luoshi.core.errors import Conflict, Invalid
from luoshi.core.models import AuditEntry
from luoshi.directory.names import person_name_variants
from luoshi.supervision import access, exports, imports, notifications, queries, services
from luoshi.supervision.forms import (
    AccountabilityForm,
    ImportForm,
    LedgerFilterForm,
    PeriodForm,
    ReportForm,
    ReviewForm,
)
from luoshi.supervision.models import Notification, Report, ReportingPeriod, Task, TaskUnit
from luoshi.supervision.status import Status

PAGE_SIZE = 50
View = Callable[..., HttpResponse]


def _rows(tasks: list[Task], moment: queries.Moment) -> list[dict[str, Any]]:
    names = queries.unit_names([t.pk for t in tasks])
    return [
        {
            "task": t,
            "status": t.status_on(moment.today, moment.horizon),
            "lead": names[t.pk]["lead"],
            "co": names[t.pk]["co"],
        }
        for t in tasks
    ]


# -- listings --------------------------------------------------------------------------------


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    form = LedgerFilterForm(request.GET or None)
    status = 400 if form.is_bound and not form.is_valid() else 200
    filters = form.to_filter()
    moment = queries.Moment.now()
    tasks = queries.ledger_tasks(request.user, filters, moment)
    unfiltered = queries.ledger_tasks(request.user, _without_status(filters), moment)
    counts = queries.status_counts(unfiltered, moment)
    # The statuses partition the ledger, so the counts give the page count without a COUNT query.
    total = counts[filters.status] if filters.status else sum(counts.values())
    ids = tasks.values_list("pk", flat=True)
    page = KnownCountPaginator(ids, PAGE_SIZE, count=total).get_page(request.GET.get("page"))
    context = {
        "nav": "ledger",
        "form": form,
        "page": page,
        "rows": _rows(queries.in_order(list(page.object_list)), moment),
        "counts": counts,
        "statuses": list(Status),
        "query": _query_without(request, "page"),
        "status_query": _query_without(request, "page", "status"),
        "today": moment.today,
        "can_review": access.is_reviewer(request.user),
    }
    return render(request, "supervision/ledger.html", context, status=status)


class KnownCountPaginator(Paginator):
    """A paginator told how many objects there are (saves counting them again)."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def _without_status(filters: queries.LedgerFilter) -> queries.LedgerFilter:
    return queries.LedgerFilter(**{**filters.__dict__, "status": None})


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """My unit's tasks (本单位事项): what is due, drafts and returned reports, everything."""
    user = request.user
    if user.unit_id is None or user.sees_all_units:
        return redirect("ledger:ledger")
    moment = queries.Moment.now()
    tasks = list(
        access.visible_tasks(user).select_related("document").order_by(*queries.SORTS["due"])
    )
    rows = _rows(tasks, moment)
    roles = dict(
        TaskUnit.objects.filter(unit_id=user.unit_id, task__in=tasks).values_list("task_id", "role")
    )
    for row in rows:
        row["role"] = roles.get(row["task"].pk)
    open_reports = (
        access.visible_reports(user)
        .filter(unit_id=user.unit_id, state__in=(Report.State.DRAFT, Report.State.RETURNED))
        .select_related("task", "period")
    )
    context = {
        "nav": "workspace",
        "unit": user.unit,
        "due_rows": [r for r in rows if r["status"] in (Status.OVERDUE, Status.AT_RISK)],
        "rows": rows,
        "open_reports": open_reports,
        "counts": queries.status_counts(access.visible_tasks(user), moment),
        "statuses": list(Status),
    }
    return render(request, "supervision/workspace.html", context)


@login_required
def leaders(request: HttpRequest) -> HttpResponse:
    moment = queries.Moment.now()
    rows = queries.leader_view(request.user, moment)
    # 本人 only for the user's own name (the last word of "分管副市长 王强"), never a
    # different leader whose name merely overlaps it
    mine = (request.user.display_name.split() or [""])[-1]
    rows.sort(key=lambda r: (r.leader != mine, r.leader))
    context = {
        "nav": "leaders", "rows": rows, "statuses": list(Status), "mine": mine,
        "variants": person_name_variants(r.leader for r in rows),
    }  # fmt: skip
    return render(request, "supervision/leaders.html", context)


@login_required
def deadline_calendar(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    year = params.year_param(request.GET.get("year"), today.year)
    month = params.int_param(request.GET.get("month"), "月份", low=1, high=12, default=today.month)
    first = dt.date(year, month or today.month, 1)
    last = first.replace(day=gregorian.monthrange(first.year, first.month)[1])
    by_day = queries.calendar_deadlines(request.user, first, last)
    cal = queries.load_working_calendar()
    weeks = []
    for week in gregorian.Calendar().monthdatescalendar(first.year, first.month):
        weeks.append(
            [
                {
                    "day": d,
                    "in_month": d.month == first.month,
                    "working": cal.is_working_day(d),
                    "holiday": cal.holiday_name(d),
                    "periods": by_day.get(d, []),
                }
                for d in week
            ]
        )
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = last + dt.timedelta(days=1)
    context = {
        "nav": "calendar", "weeks": weeks, "first": first, "today": today,
        "previous": previous, "following": following,
    }  # fmt: skip
    return render(request, "supervision/calendar.html", context)


# -- one task ----------------------------------------------------------------------------------


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    task = access.get_task(user, pk, include_pending=True)
    moment = queries.Moment.now()
    reports = access.visible_reports(user).filter(task=task).select_related("unit", "period")
    reports = reports.prefetch_related("attachments", "reviews")
    by_period: dict[int, list[Report]] = {}
    for report in reports:
        by_period.setdefault(report.period_id, []).append(report)
    periods = [
        {"period": p, "reports": by_period.get(p.pk, [])}
        for p in task.periods.order_by("due", "seq")
    ]
    reviewer = access.is_reviewer(user)
    history = AuditEntry.objects.filter(
        Q(object_type="supervision.task", object_id=str(task.pk))
        | Q(object_type="supervision.report", object_id__in=[str(r.pk) for r in reports])
    ).select_related("actor")[:50]
    context = {
        "nav": "ledger",
        "task": task,
        "status": task.status_on(moment.today, moment.horizon),
        "lead": task.lead_units(),
        "co": task.co_units(),
        "periods": periods,
        "role": access.own_role(user, task),
        "can_review": reviewer,
        "review_form": ReviewForm(),
        "accountability": task.accountability.select_related("unit") if reviewer else [],
        "accountability_form": AccountabilityForm(task=task) if reviewer else None,
        "period_form": PeriodForm(),
        "history": history,
        "today": moment.today,
    }
    return render(request, "supervision/task_detail.html", context)


@login_required
def report_edit(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    """The unit's report for one period: save a draft, add evidence, submit (报送)."""
    user = request.user
    task = access.get_task(user, pk)
    period = access.get_period(user, task, period_pk)
    role = access.own_role(user, task)
    if role is None:
        raise PermissionDenied("本单位不是该事项的责任单位")
    report = access.visible_reports(user).filter(period=period, unit_id=user.unit_id).first()
    form = ReportForm(
        request.POST or None, request.FILES or None, targets=task.targets, initial=_initial(report)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                report = _save_report(request, form, period, report)
                if request.POST.get("action") == "submit":
                    services.submit_report(user, report, version=report.version)
                    messages.success(request, "报告已报送,等待督查室审核")
                    return redirect("ledger:task", pk=task.pk)
                messages.success(request, "草稿已保存")
                return redirect("ledger:report", pk=task.pk, period_pk=period.pk)
            except (Invalid, Conflict) as exc:
                form.add_error(None, exc.message)
                status = exc.status
    context = {
        "nav": "ledger", "task": task, "period": period, "report": report, "form": form,
        "role": role,
    }  # fmt: skip
    return render(request, "supervision/report_form.html", context, status=status)


def _initial(report: Report | None) -> dict[str, Any]:
    if report is None:
        return {"version": 0}
    initial: dict[str, Any] = {
        "narrative": report.narrative, "percent": report.percent,
        "close_requested": report.close_requested, "version": report.version,
    }  # fmt: skip
    targets = {v["metric"]: v["value"] for v in report.target_values}
    for i, target in enumerate(report.task.targets):
        if target.get("metric") in targets:
            initial[f"target_{i}"] = targets[target["metric"]]
    return initial


def _save_report(
    request: HttpRequest, form: ReportForm, period: ReportingPeriod, report: Report | None
) -> Report:
    data = form.cleaned_data
    version = data.get("version") or None
    if report is not None and not report.editable and request.POST.get("action") == "submit":
        raise Conflict(f"报告{report.get_state_display()},不能重复报送")
    report = services.save_report(
        request.user, period, narrative=data["narrative"], percent=data["percent"],
        target_values=form.target_values(), close_requested=data["close_requested"],
        version=version,
    )  # fmt: skip
    if data.get("evidence"):
        services.add_attachment(request.user, report, data["evidence"])
        report.refresh_from_db()
    return report


@require_POST
@login_required
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = access.get_attachment(request.user, pk)
    report = attachment.report
    services.remove_attachment(request.user, attachment)
    messages.success(request, "材料已删除")
    return redirect("ledger:report", pk=report.task_id, period_pk=report.period_id)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = access.get_attachment(request.user, pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@require_POST
@login_required
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        raise Invalid("请选择审核结论")
    comment = form.cleaned_data["comment"]
    if form.cleaned_data["decision"] == "accept":
        services.accept_report(request.user, report, comment=comment)
        messages.success(request, "报告已审核通过")
    else:
        services.return_report(request.user, report, comment=comment)
        messages.success(request, "报告已退回")
    return redirect("ledger:task", pk=report.task_id)


@require_POST
@login_required
def task_close(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_task(request.user, pk)
    services.close_out(
        request.user, task, comment=request.POST.get("comment", ""),
        override=request.POST.get("override") == "1",
    )  # fmt: skip
    messages.success(request, "事项已销号")
    return redirect("ledger:task", pk=task.pk)


@require_POST
@login_required
def task_accountability(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_task(request.user, pk)
    form = AccountabilityForm(request.POST, task=task)
    if not form.is_valid():
        raise Invalid("问责记录填写不完整")
    data = form.cleaned_data
    services.record_accountability(
        request.user, task, unit=data["unit"], kind=data["kind"], measure=data["measure"],
        description=data["description"],
    )  # fmt: skip
    messages.success(request, "问责记录已保存")
    return redirect("ledger:task", pk=task.pk)


@require_POST
@login_required
def task_periods(request: HttpRequest, pk: int) -> HttpResponse:
    """Add, change, delete or regenerate the reporting periods (督查室)."""
    task = access.get_task(request.user, pk)
    action = request.POST.get("action")
    if action == "replan":
        services.replan_periods(request.user, task)
    elif action == "delete":
        period = access.get_period(request.user, task, _period_id(request))
        services.delete_period(request.user, period)
    else:
        form = PeriodForm(request.POST)
        if not form.is_valid():
            raise Invalid("请填写周期名称和报送截止日期")
        period = None
        if request.POST.get("period"):
            period = access.get_period(request.user, task, _period_id(request))
        services.save_period(
            request.user, task, label=form.cleaned_data["label"], due=form.cleaned_data["due"],
            period=period,
        )  # fmt: skip
    messages.success(request, "报送周期已更新")
    return redirect("ledger:task", pk=task.pk)


def _period_id(request: HttpRequest) -> int:
    return params.id_param(request.POST.get("period"), "报送周期") or 0


# -- exports, imports, notifications -----------------------------------------------------------


@login_required
def export_tasks(request: HttpRequest) -> HttpResponse:
    form = LedgerFilterForm(request.GET or None)
    moment = queries.Moment.now()
    tasks = queries.ledger_tasks(request.user, form.to_filter(), moment)
    return download(exports.tasks_workbook(request.user, tasks, moment), "督查台账.xlsx")


@login_required
def export_summary(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    year = params.year_param(request.GET.get("year"), today.year)
    this_quarter = (today.month - 1) // 3 + 1
    quarter = params.int_param(request.GET.get("quarter"), "季度", low=1, high=4) or this_quarter
    data = exports.quarterly_summary(request.user, year, quarter)
    return download(data, f"{year}年第{quarter}季度督查通报.docx")


@login_required
def progress_sheet(request: HttpRequest) -> HttpResponse:
    """The unit's offline progress sheet (进展填报表) for the current periods."""
    if request.user.unit_id is None:
        raise PermissionDenied("只有责任单位可以下载本单位填报表")
    data = imports.progress_sheet(request.user, clock.today())
    return download(data, f"{request.user.unit}进展填报表.xlsx")


@login_required
def import_sheet(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        result = imports.import_progress_sheet(request.user, form.cleaned_data["sheet"])
        if result.errors:
            status = 400
        else:
            messages.success(
                request,
                f"已导入 {result.saved} 条进展(草稿 {result.drafts},报送 {result.submitted})",
            )
            return redirect("ledger:workspace")
    return render(
        request, "supervision/import.html", {"nav": "workspace", "form": form, "result": result},
        status=status,
    )  # fmt: skip


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        notifications.mark_read(request.user)
        return redirect("ledger:notifications")
    items = Notification.objects.filter(recipient=request.user).select_related("task")[:100]
    return render(
        request, "supervision/notifications.html", {"nav": "notifications", "items": items}
    )
