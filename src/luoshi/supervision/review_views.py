"""Ledger pages of the supervision office's review of extracted tasks (审核确认下达): the
queue, editing, deciding, splitting and confirming in batches. Thin, as every ledger page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from luoshi.core import params
from luoshi.core.errors import Conflict, Invalid
from luoshi.core.models import User
from luoshi.core.refusals import safe_next
from luoshi.supervision import access, queries, services
from luoshi.supervision.forms import (
    ReasonForm,
    SplitForm,
    TaskEditForm,
)
from luoshi.supervision.models import Report, Task, TaskUnit
from luoshi.supervision.views import PAGE_SIZE


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    services.require_reviewer(request.user)
    document = request.GET.get("document", "")
    pending = _pending(request.user, document)
    page = Paginator(pending.select_related("document"), 100).get_page(request.GET.get("page"))
    names = queries.unit_names([t.pk for t in page.object_list])
    rows = [{"task": t, "lead": names[t.pk]["lead"], "co": names[t.pk]["co"]} for t in page]
    documents = (
        _pending(request.user, "")
        .values("document_id", "document__number", "document__title")
        .annotate(n=Count("pk"))
        .order_by("document_id")
    )
    context = {
        "nav": "review", "page": page, "rows": rows, "documents": documents,
        "document": document, "ready": _ready(pending).count(),
    }  # fmt: skip
    return render(request, "supervision/review_queue.html", context)


@login_required
def report_queue(request: HttpRequest) -> HttpResponse:
    """Submitted reports awaiting the office's review (待审报告), oldest first."""
    services.require_reviewer(request.user)
    submitted = (
        access.visible_reports(request.user)
        .filter(state=Report.State.SUBMITTED)
        .select_related("task", "period", "unit")
        .order_by("submitted_at", "id")
    )
    page = Paginator(submitted, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"nav": "reports", "page": page}
    return render(request, "supervision/report_queue.html", context)


def _pending(user: User, document: str | None) -> QuerySet[Task]:
    """Tasks awaiting review, of one document when ``document`` is its id."""
    pending = access.visible_tasks(user, include_pending=True).filter(state=Task.State.PENDING)
    document_id = params.id_param(document, "文件")
    if document_id is not None:
        pending = pending.filter(document_id=document_id)
    return pending.order_by("document_id", "id")


def _ready(pending: QuerySet[Task]) -> QuerySet[Task]:
    """Pending tasks nobody needs to look at before confirming: no flag, a known lead unit."""
    lead = TaskUnit.objects.filter(role=TaskUnit.Role.LEAD).values("task_id")
    return pending.filter(flags=[]).filter(Q(not_applicable=True) | Q(pk__in=lead))


@login_required
def task_review(request: HttpRequest, pk: int) -> HttpResponse:
    services.require_reviewer(request.user)
    task = access.get_task(request.user, pk, include_pending=True)
    form = TaskEditForm.for_task(task, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_task(
                request.user, task, changes=form.changes(),
                lead_units=list(form.cleaned_data["lead_units"]),
                co_units=list(form.cleaned_data["co_units"]), reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except (Invalid, Conflict) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "修改已保存(抽取原值保留)")
            return redirect("ledger:task", pk=task.pk)
    context = {"nav": "review", "task": task, "form": form, "split_form": SplitForm()}
    return render(
        request, "supervision/task_review.html", context, status=400 if form.errors else 200
    )


@require_POST
@login_required
def task_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm (确认下达) or mark not applicable (不涉及)."""
    task = access.get_task(request.user, pk, include_pending=True)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if request.POST.get("action") == "not_applicable":
        services.mark_not_applicable(request.user, task, reason=reason)
        messages.success(request, "已标记为不涉及")
    else:
        services.confirm_task(request.user, task, reason=reason)
        messages.success(request, "已确认下达")
    return redirect(safe_next(request, reverse("ledger:task", kwargs={"pk": task.pk})))


@require_POST
@login_required
def task_split(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_task(request.user, pk, include_pending=True)
    form = SplitForm(request.POST)
    if not form.is_valid():
        raise Invalid("请填写拆分后的任务,每行一项")
    parts = [services.Part(line[:60], line) for line in form.lines()]
    children = services.split_task(request.user, task, parts, reason=form.cleaned_data["reason"])
    messages.success(request, f"已拆分为 {len(children)} 项")
    return redirect("ledger:review")


@require_POST
@login_required
def review_batch(request: HttpRequest) -> HttpResponse:
    """Confirm the ticked tasks or every ready one of the queue (``_ready``); or merge the ticked."""
    action = request.POST.get("action")
    document = request.POST.get("document", "")
    if action == "confirm_ready":
        tasks = list(_ready(_pending(request.user, document)))
    else:
        ids = params.ids_param(request.POST.getlist("task"), "事项")
        tasks = list(access.visible_tasks(request.user, include_pending=True).filter(pk__in=ids))
    if action in ("confirm", "confirm_ready"):
        confirmed, refused = services.confirm_tasks(request.user, tasks)
        if confirmed:
            messages.success(request, f"已确认下达 {len(confirmed)} 项")
        elif not refused:
            messages.warning(request, "没有选中可确认的事项")
        by_reason: dict[str, list[str]] = {}
        for task, why in refused:
            by_reason.setdefault(why, []).append(f"{task.document.number or ''} {task.ref}")
        for why, refs in by_reason.items():
            more = f"等 {len(refs)} 项" if len(refs) > 10 else ""
            messages.warning(request, f"{len(refs)} 项未确认({why}):{'、'.join(refs[:10])}{more}")
        query = f"?document={document}" if document.isdigit() else ""
        return redirect(reverse("ledger:review") + query)
    keeper = services.merge_tasks(request.user, tasks, title=request.POST.get("title", ""))
    messages.success(request, f"已合并为: {keeper}")
    return redirect("ledger:task", pk=keeper.pk)
