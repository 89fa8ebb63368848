"""The 直通车 pages: role lists, filing, the card with its clock and actions, projects,
units, the periodic report, the printable card and notices. Thin: services do the work."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from luoshi.core import clock, params
from luoshi.core.documents.download import download
from luoshi.core.errors import Conflict, DomainError, Forbidden, Invalid
from luoshi.express import access, clocks, parties, printing, queries, reports, services
from luoshi.express import workflow as wf
from luoshi.express.actions import MoveCard
from luoshi.express.forms import (
    AttachmentForm,
    FilingForm,
    action_form_class,
    command_from,
    initial_for,
)
from luoshi.express.models import Attachment, Notification

PAGE_SIZE = 50


def _ctx(request: HttpRequest, **extra: object) -> dict[str, object]:
    return {"nav": "express", "unread": _unread(request), **extra}


def _unread(request: HttpRequest) -> int:
    from luoshi.express.notifications import unread_count

    return unread_count(request.user)  # type: ignore[arg-type]


@login_required
def card_list(request: HttpRequest) -> HttpResponse:
    try:
        which = queries.CardList(request.GET.get("list", "waiting"))
    except ValueError:
        which = queries.CardList.WAITING
    state = request.GET.get("state") or None
    if state and state not in {s.value for s in wf.State}:
        state = None
    project = params.id_param(request.GET.get("project"), "项目")
    unit = params.id_param(request.GET.get("unit"), "单位")
    now = clock.now()
    rows = queries.cards(request.user, which, state=state, project=project, unit=unit, at=now)  # type: ignore[arg-type]
    page = Paginator(rows.select_related("responsible_unit"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for card in page:
        card.left = clocks.time_left(card.step_due_at, now)  # type: ignore[attr-defined]
    return render(
        request,
        "express/list.html",
        _ctx(
            request,
            page=page,
            which=which,
            lists=list(queries.CardList),
            counts=queries.counts(request.user, now),  # type: ignore[arg-type]
            states=list(wf.State),
            state=state,
            section="lists",
            can_file=wf.Actor.LIAISON in parties.standing_actors(request.user),  # type: ignore[arg-type]
        ),
    )


@login_required
def file_card(request: HttpRequest) -> HttpResponse:
    if wf.Actor.LIAISON not in parties.standing_actors(request.user):  # type: ignore[arg-type]
        raise PermissionDenied("只有联络员可以填报处置卡")
    form = FilingForm(request.POST or None, request.FILES or None)
    status = 400
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        filing = services.Filing(
            data["project_name"], data["builder"], data["contact"], data["situation"]
        )
        files = [data["attachment"]] if data.get("attachment") else []
        try:
            card = services.file_card(request.user, filing, files)  # type: ignore[arg-type]
        except DomainError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(request, f"已报送市重点办:{card.number}")
            return redirect("express:card", pk=card.pk)
    status = status if request.method == "POST" else 200
    return render(
        request, "express/file.html", _ctx(request, form=form, section="lists"), status=status
    )


@login_required
def card_detail(request: HttpRequest, pk: int) -> HttpResponse:
    card = access.get_card(request.user, pk)  # type: ignore[arg-type]
    return render(request, "express/card.html", _card_context(request, card))


def _card_context(request: HttpRequest, card, failed=None) -> dict[str, object]:  # type: ignore[no-untyped-def]
    user = request.user
    the_clock = clocks.current()
    snapshot = card.snapshot()
    forms = []
    for transition in services.allowed_actions(user, card):  # type: ignore[arg-type]
        if failed is not None and failed[0] == transition.action:
            form = failed[1]
        else:
            form = action_form_class(transition)(
                initial=initial_for(transition, card), prefix=transition.action.value
            )
        forms.append((transition, form))
    return _ctx(
        request,
        section="lists",
        card=card,
        rows=printing.card_rows(card),
        left=clocks.time_left(card.step_due_at),
        limit=the_clock.step_limit(snapshot),
        steps=services.history(card),
        attachments=card.attachments.all(),
        forms=forms,
        parties=[a.label for a in parties.actors_for(user, card)],  # type: ignore[arg-type]
        attach_form=AttachmentForm() if parties.actors_for(user, card) else None,  # type: ignore[arg-type]
        escalations=card.escalations.all(),
    )


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        transition = wf.TRANSITIONS[wf.Action(action)]
    except ValueError as error:
        raise Http404("未知操作") from error
    card = access.get_card(request.user, pk)  # type: ignore[arg-type]
    if transition.action is wf.Action.FILE or not (
        transition.actors & parties.actors_for(request.user, card)  # type: ignore[arg-type]
    ):
        raise Forbidden(f"无权“{transition.label}”")
    form = action_form_class(transition)(request.POST, request.FILES, prefix=action)
    status = 400
    if form.is_valid():
        files = [form.cleaned_data["attachment"]] if form.cleaned_data.get("attachment") else []
        command = command_from(transition, form.cleaned_data)
        try:
            MoveCard(request.user, card, command, files).run()  # type: ignore[arg-type]
        except (Invalid, Conflict) as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(request, f"已{transition.label}")
            return redirect("express:card", pk=pk)
    card = access.get_card(request.user, pk)  # type: ignore[arg-type]
    context = _card_context(request, card, failed=(transition.action, form))
    return render(request, "express/card.html", context, status=status)


@login_required
@require_POST
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(request.user, pk, form.cleaned_data["file"])  # type: ignore[arg-type]
        except Invalid as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "附件已上传")
    else:
        messages.error(request, "请选择文件")
    return redirect("express:card", pk=pk)


@login_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    found = get_object_or_404(Attachment, pk=pk)
    access.get_card(request.user, found.card_id)  # type: ignore[arg-type]
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


@login_required
def card_print(request: HttpRequest, pk: int) -> HttpResponse:
    card = access.get_card(request.user, pk)  # type: ignore[arg-type]
    return render(request, "express/print.html", {"card": card, "rows": printing.card_rows(card)})


@login_required
def card_docx(request: HttpRequest, pk: int) -> HttpResponse:
    card = access.get_card(request.user, pk)  # type: ignore[arg-type]
    return download(printing.as_docx(card), f"重点项目事项处置卡-{card.number}.docx")


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    rows = queries.by_project(request.user)  # type: ignore[arg-type]
    return render(request, "express/projects.html", _ctx(request, rows=rows, section="projects"))


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(access.visible_projects(request.user), pk=pk)  # type: ignore[arg-type]
    now = clock.now()
    cards = list(
        access.visible_cards(request.user)  # type: ignore[arg-type]
        .filter(project=project)
        .select_related("responsible_unit")
        .order_by("-filed_at")
    )
    for card in cards:
        card.left = clocks.time_left(card.step_due_at, now)  # type: ignore[attr-defined]
    return render(
        request,
        "express/project.html",
        _ctx(request, project=project, cards=cards, section="projects"),
    )


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    rows = queries.by_unit(request.user)  # type: ignore[arg-type]
    return render(request, "express/units.html", _ctx(request, rows=rows, section="units"))


def _period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    start, end = reports.default_period()
    try:
        if request.GET.get("start"):
            start = dt.date.fromisoformat(request.GET["start"])
        if request.GET.get("end"):
            end = dt.date.fromisoformat(request.GET["end"])
        return reports.checked_period(start, end)
    except ValueError:
        return reports.default_period()


def _require_report_reader(request: HttpRequest) -> None:
    if not request.user.sees_all_units:  # type: ignore[union-attr]
        raise PermissionDenied("通报仅供市重点办、督查室和市领导查看")


@login_required
def report(request: HttpRequest) -> HttpResponse:
    _require_report_reader(request)
    start, end = _period(request)
    built = reports.build(request.user, start, end)  # type: ignore[arg-type]
    return render(request, "express/report.html", _ctx(request, report=built, section="report"))


@login_required
def report_docx(request: HttpRequest) -> HttpResponse:
    _require_report_reader(request)
    start, end = _period(request)
    built = reports.build(request.user, start, end)  # type: ignore[arg-type]
    issuer = f"{settings.LUOSHI_CITY}重点工程领导小组办公室"
    data = reports.as_docx(built, issuer=issuer, issued=clock.today())
    return download(data, f"直通车通报-{start:%Y%m%d}-{end:%Y%m%d}.docx")


@login_required
def notices(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(recipient=request.user).select_related("card")
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=clock.now())
        return redirect("express:notices")
    return render(
        request, "express/notices.html", _ctx(request, notices=mine[:100], section="notices")
    )
