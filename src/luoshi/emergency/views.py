"""Pages of the emergency plans: plan navigator, incident board and page, briefing, warnings.

Thin views: read the request, call an action, render. Login is required everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from luoshi.core import clock, params
from luoshi.core.documents.download import download
from luoshi.core.errors import Invalid
from luoshi.core.models import User
from luoshi.directory.models import Unit
from luoshi.emergency import access, actions, reports
from luoshi.emergency.forms import (
    AdjustWarningForm,
    DecisionForm,
    FactsForm,
    IncidentForm,
    LiftWarningForm,
    NoteForm,
    StandDownForm,
    WarningForm,
)
from luoshi.emergency.levels import COLOUR_NAMES, EVENT_CLASS_NAMES, chinese_level
from luoshi.emergency.library import ClauseLinks, plan_document
from luoshi.emergency.models import EarlyWarning, Incident, ReportClock
from luoshi.emergency.playbook import Playbook, UnknownPlan, load_playbook, plan_ids
from luoshi.emergency.roster import roster as build_roster
from luoshi.emergency.wording import condition_text, facts_rows, raise_text


def _playbook_or_404(plan_id: str) -> Playbook:
    try:
        return load_playbook(plan_id)
    except UnknownPlan:
        raise Http404("预案不存在") from None


def _ctx(**extra: Any) -> dict[str, Any]:
    return {"nav": "emergency", **extra}


# --- plans ----------------------------------------------------------------------------------


@login_required
@require_GET
def plans(request: HttpRequest) -> HttpResponse:
    books = [load_playbook(p) for p in plan_ids()]
    rows = [(pb, plan_document(pb)) for pb in books]
    return render(request, "emergency/plans.html", _ctx(section="plans", rows=rows))


@login_required
@require_GET
def plan_detail(request: HttpRequest, plan_id: str) -> HttpResponse:
    playbook = _playbook_or_404(plan_id)
    links = ClauseLinks(plan_document(playbook))
    levels = [
        {
            "level": playbook.levels[lv],
            "label": chinese_level(lv),  # type: ignore[arg-type]
            "rules": [
                (r, links.url(r.ref, r.text), condition_text(r.when))
                for r in playbook.levels[lv].rules
            ],
            "decider_url": links.url(
                playbook.levels[lv].decided_by.ref, playbook.levels[lv].decided_by.text
            ),
            "measures": [(m, links.url(m.ref, m.text)) for m in playbook.levels[lv].measures],
            "roster": build_roster(playbook, lv),
        }
        for lv in playbook.level_order()
    ]
    context = _ctx(
        section="plans",
        playbook=playbook,
        links=links,
        levels=levels,
        classification=[(c, links.url(c.rule.ref, c.rule.text)) for c in playbook.classification],
        reports=[(r, links.url(r.ref, r.text)) for r in playbook.reports],
        termination=[(q, links.url(q.ref, q.text)) for q in playbook.termination.conditions],
        roster=build_roster(playbook, playbook.level_order()[0]),
        assessment_url=links.url(playbook.assessment.ref, playbook.assessment.text),
        warning_levels=[
            (wl, COLOUR_NAMES.get(wl.colour, wl.colour))
            for wl in (playbook.warnings.levels if playbook.warnings else ())
        ],
    )
    return render(request, "emergency/plan.html", context)


# --- incidents ------------------------------------------------------------------------------


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    now = clock.now()
    late = Count("clocks", filter=Q(clocks__filed_at__isnull=True, clocks__due_at__lt=now))
    incidents = access.visible_incidents(request.user).annotate(late=late)  # type: ignore[arg-type]
    open_ = list(incidents.exclude(state=Incident.State.STOOD_DOWN).order_by("-occurred_at"))
    closed = list(incidents.filter(state=Incident.State.STOOD_DOWN).order_by("-stood_down_at")[:20])
    titles = {p: load_playbook(p).title for p in plan_ids()}
    for incident in [*open_, *closed]:
        incident.plan_title = titles.get(incident.plan_id, incident.plan_id)  # type: ignore[attr-defined]
        incident.pending = actions.is_change_pending(incident)  # type: ignore[attr-defined]
    warnings = access.visible_warnings(request.user).filter(state=EarlyWarning.State.ACTIVE)  # type: ignore[arg-type]
    return render(
        request,
        "emergency/board.html",
        _ctx(
            section="board",
            open_incidents=open_,
            closed_incidents=closed,
            warnings=warnings,
            can_open=access.can_open(request.user),  # type: ignore[arg-type]
            plans=[load_playbook(p) for p in plan_ids()],
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not access.can_open(user):  # type: ignore[arg-type]
        raise PermissionDenied("只有应急值班人员可以登记突发事件")
    plan_id = request.GET.get("plan") or request.POST.get("plan") or ""
    if plan_id not in plan_ids():
        return render(
            request,
            "emergency/incident_new.html",
            _ctx(section="new", plans=[load_playbook(p) for p in plan_ids()], form=None),
        )
    playbook = load_playbook(plan_id)
    form = IncidentForm(playbook, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = actions.IncidentInput(
            plan_id=plan_id,
            title=form.cleaned_data["title"],
            county=form.cleaned_data["county"],
            place=form.cleaned_data["place"],
            occurred_at=form.cleaned_data["occurred_at"],
            reporter=form.cleaned_data["reporter"],
            summary=form.cleaned_data["summary"],
            facts=form.facts(),
        )
        try:
            incident = actions.open_incident(user, data)  # type: ignore[arg-type]
        except Invalid as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已登记 {incident.number}")
            return redirect("emergency:incident", incident.pk)
    counties = Unit.objects.filter(kind=Unit.Kind.COUNTY).values_list("name", flat=True)
    return render(
        request,
        "emergency/incident_new.html",
        _ctx(section="new", playbook=playbook, form=form, counties=list(counties)),
        status=400 if form.is_bound and form.errors else 200,
    )


def clock_rows(incident: Incident) -> list[tuple[ReportClock, Any]]:
    now = clock.now()
    return [(c, c.status(now)) for c in incident.clocks.all()]


def _incident_context(request: HttpRequest, incident: Incident, **forms: Any) -> dict[str, Any]:
    user = request.user
    playbook = load_playbook(incident.plan_id)
    links = ClauseLinks(plan_document(playbook))
    proposal = incident.proposal
    pending = actions.is_change_pending(incident)
    can_decide = access.can_decide(user, incident.plan_id) and (  # type: ignore[arg-type]
        incident.state in (Incident.State.PROPOSED, Incident.State.MONITORING) or pending
    )
    can_operate = access.can_operate(user) and incident.is_open  # type: ignore[arg-type]
    level = incident.level if incident.level in playbook.levels else ""
    proposed = incident.proposed_level
    decided_by = playbook.levels[proposed].decided_by if proposed in playbook.levels else None
    timeline = incident.timeline.select_related("actor").order_by("at", "id")
    return _ctx(
        section="board",
        incident=incident,
        playbook=playbook,
        document_url=links.base,
        clauses=[(c, links.url(c["ref"], c["text"])) for c in proposal.get("clauses", [])],
        raises=[(raise_text(r), r["ref"]) for r in proposal.get("to_raise", [])],
        proposal=proposal,
        event_class=EVENT_CLASS_NAMES.get(proposal.get("event_class") or "", ""),
        pending=pending,
        decided_by=decided_by,
        decided_by_url=links.url(decided_by.ref, decided_by.text) if decided_by else "",
        decision_form=forms.get("decision")
        or (DecisionForm(playbook, proposed) if can_decide else None),
        facts_form=forms.get("facts")
        or (FactsForm(playbook, incident.facts) if can_operate else None),
        note_form=NoteForm() if can_operate else None,
        stand_down_form=forms.get("stand_down")
        or (
            StandDownForm(playbook)
            if access.can_decide(user, incident.plan_id) and incident.state == Incident.State.ACTIVE  # type: ignore[arg-type]
            else None
        ),
        termination=[(q, links.url(q.ref, q.text)) for q in playbook.termination.conditions],
        stand_down_warnings=actions.stand_down_warnings(incident) if incident.is_open else [],
        can_operate=can_operate,
        facts=facts_rows(incident.facts),
        clocks=clock_rows(incident),
        checklist=[(m, links.url(m.ref, m.text)) for m in incident.checklist.all()],
        roster=build_roster(playbook, level) if level else None,
        timeline=timeline,
        warnings=incident.warnings.all(),
        assessment=playbook.assessment,
    )


@login_required
@require_GET
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.get_incident(request.user, pk)  # type: ignore[arg-type]
    return render(request, "emergency/incident.html", _incident_context(request, incident))


@login_required
@require_GET
def incident_clocks(request: HttpRequest, pk: int) -> HttpResponse:
    """The clocks panel alone (refreshed by htmx every 30 seconds)."""
    incident = access.get_incident(request.user, pk)  # type: ignore[arg-type]
    context = _ctx(
        incident=incident,
        clocks=clock_rows(incident),
        can_operate=access.can_operate(request.user) and incident.is_open,  # type: ignore[arg-type]
    )
    return render(request, "emergency/_clocks.html", context)


def _done(request: HttpRequest, pk: int, text: str, anchor: str = "") -> HttpResponse:
    """Back to the incident page after an action (a refusal is answered by the middleware)."""
    messages.success(request, text)
    return redirect(reverse("emergency:incident", args=[pk]) + anchor)


FormRun = Callable[[User, int, forms.Form], object]


def _incident_form(
    key: str, form_class: Callable[..., forms.Form], run: FormRun, done: str
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST handler of one of the incident page's forms: validate, run the action, go back."""

    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        incident = access.get_incident(request.user, pk)  # type: ignore[arg-type]
        form = form_class(incident, request.POST)
        if not form.is_valid():
            context = _incident_context(request, incident, **{key: form})
            return render(request, "emergency/incident.html", context, status=400)
        run(request.user, pk, form)  # type: ignore[arg-type]
        return _done(request, pk, done)

    return view


incident_decide = _incident_form(
    "decision",
    lambda incident, data: DecisionForm(_book(incident), incident.proposed_level, data),
    lambda user, pk, f: actions.decide_level(
        user, pk, f.cleaned_data["level"], f.cleaned_data["reason"]
    ),
    "已记录响应决定",
)
incident_facts = _incident_form(
    "facts",
    lambda incident, data: FactsForm(_book(incident), incident.facts, data),
    lambda user, pk, f: actions.update_facts(user, pk, f.facts(), f.cleaned_data["reason"]),  # type: ignore[attr-defined]
    "事实已更新,已重新研判",
)
incident_stand_down = _incident_form(
    "stand_down",
    lambda incident, data: StandDownForm(_book(incident), data),
    lambda user, pk, f: actions.stand_down(
        user,
        pk,
        f.cleaned_data["conditions"],
        f.cleaned_data["reason"],
        confirmed=f.cleaned_data["confirmed"],
    ),
    "已终止应急响应",
)


def _book(incident: Incident) -> Playbook:
    return load_playbook(incident.plan_id)


@login_required
@require_POST
def incident_measure(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    actions.tick_measure(request.user, pk, item, request.POST.get("note", ""))  # type: ignore[arg-type]
    return _done(request, pk, "措施已落实", "#checklist")


@login_required
@require_POST
def incident_clock_start(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    actions.start_clock(request.user, pk, item)  # type: ignore[arg-type]
    return _done(request, pk, "已开始计时", "#clocks")


@login_required
@require_POST
def incident_clock_file(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    actions.file_report(request.user, pk, item, request.POST.get("note", ""))  # type: ignore[arg-type]
    return _done(request, pk, "已登记报送", "#clocks")


@login_required
@require_POST
def incident_note(request: HttpRequest, pk: int) -> HttpResponse:
    actions.add_note(request.user, pk, request.POST.get("text", ""))  # type: ignore[arg-type]
    return _done(request, pk, "已记录", "#timeline")


@login_required
@require_GET
def incident_briefing(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable one-page briefing (值班快报)."""
    incident = access.get_incident(request.user, pk)  # type: ignore[arg-type]
    context = _incident_context(request, incident)
    context["recent"] = list(incident.timeline.select_related("actor").order_by("-at", "-id")[:8])
    context["now"] = clock.now()
    return render(request, "emergency/briefing.html", context)


@login_required
@require_GET
def incident_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The after-action report drafted from the timeline (总结评估报告, docx)."""
    incident = access.get_incident(request.user, pk)  # type: ignore[arg-type]
    if not access.can_operate(request.user):  # type: ignore[arg-type]
        raise PermissionDenied("无权起草总结评估报告")
    return download(reports.after_action_docx(incident), reports.filename(incident))


# --- warnings -------------------------------------------------------------------------------


@login_required
@require_GET
def warnings_list(request: HttpRequest) -> HttpResponse:
    rows = access.visible_warnings(request.user).select_related("incident")  # type: ignore[arg-type]
    titles = {p: load_playbook(p).title for p in plan_ids()}
    return render(
        request,
        "emergency/warnings.html",
        _ctx(
            section="warnings",
            warnings=rows,
            titles=titles,
            colour_names=COLOUR_NAMES,
            can_warn=access.can_warn(request.user),  # type: ignore[arg-type]
            plans=[load_playbook(p) for p in plan_ids() if load_playbook(p).warnings],
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def warning_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not access.can_warn(user):  # type: ignore[arg-type]
        raise PermissionDenied("无权发布预警")
    plan_id = request.GET.get("plan") or request.POST.get("plan") or ""
    playbook = _playbook_or_404(plan_id) if plan_id else None
    if playbook is None or playbook.warnings is None:
        return redirect("emergency:warnings")
    form = WarningForm(playbook, request.POST or None)
    incident_id = request.GET.get("incident") or request.POST.get("incident") or ""
    if request.method == "POST" and form.is_valid():
        data = actions.WarningInput(
            plan_id=plan_id,
            incident_id=int(incident_id) if incident_id.isdigit() else None,
            **form.cleaned_data,
        )
        try:
            warning = actions.issue_warning(user, data)  # type: ignore[arg-type]
        except Invalid as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已发布 {warning.number}")
            return redirect("emergency:warning", warning.pk)
    return render(
        request,
        "emergency/warning_new.html",
        _ctx(section="warnings", playbook=playbook, form=form, incident_id=incident_id),
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def warning_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    warning = access.get_warning(user, pk)  # type: ignore[arg-type]
    playbook = load_playbook(warning.plan_id)
    adjust = AdjustWarningForm(playbook, initial={"level": warning.level})
    lift = LiftWarningForm()
    if request.method == "POST":
        op = request.POST.get("op")
        if op == "adjust":
            adjust = AdjustWarningForm(playbook, request.POST)
            if adjust.is_valid():
                actions.adjust_warning(
                    user,  # type: ignore[arg-type]
                    pk,
                    adjust.cleaned_data["level"],
                    adjust.cleaned_data["reason"],
                    description=adjust.cleaned_data["description"],
                )
                messages.success(request, "预警已调整")
                return redirect("emergency:warning", pk)
        elif op == "lift":
            lift = LiftWarningForm(request.POST)
            if lift.is_valid():
                actions.lift_warning(user, pk, lift.cleaned_data["reason"])  # type: ignore[arg-type]
                messages.success(request, "预警已解除")
                return redirect("emergency:warning", pk)
        else:
            raise Invalid("未知操作")
    can = access.can_warn(user) and warning.state == EarlyWarning.State.ACTIVE  # type: ignore[arg-type]
    return render(
        request,
        "emergency/warning.html",
        _ctx(
            section="warnings",
            warning=warning,
            playbook=playbook,
            label=actions.warning_label(warning),
            messages_sent=warning.messages.select_related("actor"),
            adjust_form=adjust if can else None,
            lift_form=lift if can else None,
        ),
    )


@login_required
@require_GET
def warning_cap(request: HttpRequest, pk: int) -> HttpResponse:
    """The CAP 1.2 XML of a warning's latest message (``?seq=N`` for an earlier one)."""
    warning = access.get_warning(request.user, pk)  # type: ignore[arg-type]
    seq = params.int_param(request.GET.get("seq"), "消息序号", low=0, high=2**31)
    messages_ = warning.messages.order_by("-seq")
    message = messages_.filter(seq=seq).first() if seq is not None else messages_.first()
    if message is None:
        raise Http404("预警消息不存在")
    from luoshi.emergency import cap

    xml = cap.to_xml(actions.cap_alert(message))
    return download(xml, f"{message.identifier}.xml", inline=True)
