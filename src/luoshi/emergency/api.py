"""JSON API of the emergency plans: plans, grading, incidents and warnings (with CAP 1.2 export).

Session authentication (log in through the site; send the CSRF token on POST). Without a
session every operation answers 401; an action the user's role may not take answers 403.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Router, Schema
from ninja.security import django_auth

from luoshi.core import clock
from luoshi.core.documents.formats import CAP
from luoshi.core.models import User
from luoshi.emergency import access, actions, cap
from luoshi.emergency.facts import FactsError
from luoshi.emergency.grading import grade
from luoshi.emergency.models import EarlyWarning, Incident
from luoshi.emergency.playbook import UnknownPlan, load_playbook, plan_ids
from luoshi.emergency.roster import roster as build_roster

router = Router(tags=["应急预案"], auth=django_auth)

MAX_ID = 2**31 - 1
#: The bundled playbooks' ids, read from the playbooks (an enum in the OpenAPI schema).
PlanId = Literal[plan_ids()]  # type: ignore[valid-type]
LevelIn = Literal["I", "II", "III", "IV", "none"]


class ErrorOut(Schema):
    detail: str
    code: str = Field("", description="invalid / forbidden / not_found / conflict")


class ClauseOut(Schema):
    ref: str = Field(description="预案条款号")
    text: str = Field(description="条款原文")


class GradingOut(Schema):
    plan: str
    level: str = Field(description="I / II / III / none")
    clauses: list[ClauseOut] = Field(description="决定级别的条款原文")
    decided_by: dict[str, Any] | None = Field(description="决定启动的主体及条款")
    notify: list[dict[str, Any]]
    reports_due: list[dict[str, Any]]
    event_class: str | None = None
    next_level: str | None = None
    unmet: list[dict[str, Any]] = []
    to_raise: list[dict[str, Any]] = []
    advisories: list[dict[str, Any]] = []
    ignored_fields: list[str] = []


class GradeIn(Schema):
    plan: PlanId
    facts: dict[str, Any] = Field(default_factory=dict, description="见 docs/emergency-facts.md")


class LevelOut(Schema):
    level: str
    name: str
    ref: str
    decided_by: str
    conditions: list[ClauseOut]


class PlanOut(Schema):
    id: str
    title: str
    document: str
    levels: list[str]
    warning_levels: list[str]


class PlanDetailOut(PlanOut):
    response_levels: list[LevelOut]
    reports: list[dict[str, Any]]
    termination: list[ClauseOut]
    headquarters: str
    office: str


class ClockOut(Schema):
    id: int
    name: str
    phase: str = Field(description="initial 初报 / follow_up 续报 / final 终报")
    ref: str
    within: str
    within_text: str
    start: str
    starts_at: dt.datetime | None
    due_at: dt.datetime | None
    filed_at: dt.datetime | None
    state: str = Field(description="running / due_soon / overdue / filed / filed_late / …")
    overdue: bool
    seconds_left: int | None


class MeasureOut(Schema):
    id: int
    level: str
    ref: str
    text: str
    done_at: dt.datetime | None


class EntryOut(Schema):
    at: dt.datetime
    kind: str
    summary: str
    ref: str
    actor: str


class IncidentOut(Schema):
    id: int
    number: str
    plan_id: str
    title: str
    county: str
    place: str
    occurred_at: dt.datetime
    reported_at: dt.datetime
    reporter: str
    summary: str
    state: str
    state_label: str
    level: str | None = Field(description="已决定的响应级别(未决定为 null)")
    proposed_level: str = Field(description="按当前事实研判的级别")
    change_pending: bool = Field(description="事实符合另一级别,待决定升级/降级")
    facts: dict[str, Any]
    launched_at: dt.datetime | None
    stood_down_at: dt.datetime | None
    assessment_due_at: dt.datetime | None
    overdue_reports: int


class IncidentDetailOut(IncidentOut):
    proposal: GradingOut
    clocks: list[ClockOut]
    checklist: list[MeasureOut]
    timeline: list[EntryOut]
    roster: dict[str, Any] | None


class IncidentIn(Schema):
    plan_id: PlanId
    title: str = Field(..., min_length=1, max_length=200)
    county: str = Field(..., min_length=1, max_length=32)
    place: str = Field(..., min_length=1, max_length=200)
    occurred_at: dt.datetime
    reporter: str = Field(..., min_length=1, max_length=100)
    summary: str = Field("", max_length=5000)
    facts: dict[str, Any] = Field(default_factory=dict)


class DecisionIn(Schema):
    level: LevelIn
    reason: str = Field("", max_length=1000)


class FactsIn(Schema):
    facts: dict[str, Any]
    reason: str = Field("", max_length=300)


class StandDownIn(Schema):
    conditions: list[str] = Field(description="逐项确认的终止条件条款号")
    reason: str = Field("", max_length=300)
    confirmed: bool = Field(
        False, description="措施未全部落实或事实仍显示有人员被困时,确认仍要终止(否则 409)"
    )


class NoteIn(Schema):
    note: str = Field("", max_length=500)


class MessageOut(Schema):
    seq: int
    msg_type: str
    identifier: str
    level: str
    colour: str
    sent_at: dt.datetime
    reason: str


class WarningOut(Schema):
    id: int
    number: str
    plan_id: str
    incident_id: int | None
    level: str
    colour: str
    severity: str = Field(description="CAP severity from the colour")
    area: str
    headline: str
    description: str
    instruction: str
    authority: str
    state: str
    issued_at: dt.datetime
    lifted_at: dt.datetime | None
    messages: list[MessageOut]


class WarningIn(Schema):
    plan_id: PlanId
    level: Literal["I", "II", "III", "IV"]
    area: str = Field(..., min_length=1, max_length=200)
    geocode: str = Field("", pattern=r"^(\d{6}(\d{3})?)?$")
    headline: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1, max_length=5000)
    instruction: str = Field("", max_length=5000)
    authority: str = Field(..., min_length=1, max_length=100)
    incident_id: int | None = Field(None, ge=1, le=MAX_ID)


class AdjustIn(Schema):
    level: Literal["I", "II", "III", "IV"]
    reason: str = Field(..., min_length=1, max_length=500)
    description: str = Field("", max_length=5000)
    instruction: str = Field("", max_length=5000)


class LiftIn(Schema):
    reason: str = Field(..., min_length=1, max_length=500)


AUTH = {401: ErrorOut}
READ = {**AUTH, 404: ErrorOut}
ACT = {**AUTH, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}
Id = Path(..., ge=1, le=MAX_ID)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# --- plans and grading ----------------------------------------------------------------------


def _plan_out(plan_id: str) -> dict[str, Any]:
    pb = load_playbook(plan_id)
    return {
        "id": pb.id,
        "title": pb.title,
        "document": pb.document,
        "levels": list(pb.level_order()),
        "warning_levels": [wl.level for wl in pb.warnings.levels] if pb.warnings else [],
    }


@router.get("/plans", response={200: list[PlanOut], **AUTH}, summary="应急预案列表")
def list_plans(request: HttpRequest) -> list[dict[str, Any]]:
    return [_plan_out(p) for p in plan_ids()]


@router.get(
    "/plans/{plan_id}", response={200: PlanDetailOut, **READ}, summary="预案的响应级别与条件"
)
def get_plan(request: HttpRequest, plan_id: str) -> tuple[int, dict[str, Any]]:
    try:
        pb = load_playbook(plan_id)
    except UnknownPlan:
        return 404, {"detail": "预案不存在"}
    levels = [
        {
            "level": lv,
            "name": pb.levels[lv].name,
            "ref": pb.levels[lv].ref,
            "decided_by": pb.levels[lv].decided_by.who,
            "conditions": [{"ref": r.ref, "text": r.text} for r in pb.levels[lv].rules],
        }
        for lv in pb.level_order()
    ]
    return 200, _plan_out(plan_id) | {
        "response_levels": levels,
        "reports": [
            {"name": r.name, "within": r.within, "within_text": r.within_text, "ref": r.ref}
            for r in pb.reports
        ],
        "termination": [{"ref": q.ref, "text": q.text} for q in pb.termination.conditions],
        "headquarters": pb.headquarters.name,
        "office": pb.headquarters.office,
    }


@router.post(
    "/grade",
    response={200: GradingOut, 400: ErrorOut, **AUTH},
    summary="分级研判:事实 → 响应级别(引用预案条款)",
)
def grade_facts(request: HttpRequest, payload: GradeIn) -> tuple[int, dict[str, Any]]:
    try:
        return 200, grade(payload.plan, payload.facts).as_dict()
    except FactsError as exc:
        return 400, {"detail": str(exc)}


# --- incidents ------------------------------------------------------------------------------


def _clock_out(c: Any, now: dt.datetime) -> dict[str, Any]:
    s = c.status(now)
    return {
        "id": c.pk,
        "name": c.name,
        "phase": c.phase,
        "ref": c.ref,
        "within": c.within,
        "within_text": c.within_text,
        "start": c.start,
        "starts_at": c.starts_at,
        "due_at": c.due_at,
        "filed_at": c.filed_at,
        "state": s.state,
        "overdue": s.red,
        "seconds_left": s.seconds_left,
    }


def incident_out(incident: Incident, now: dt.datetime) -> dict[str, Any]:
    late = sum(1 for c in incident.clocks.all() if c.status(now).state == "overdue")
    return {
        "id": incident.pk,
        "number": incident.number,
        "plan_id": incident.plan_id,
        "title": incident.title,
        "county": incident.county,
        "place": incident.place,
        "occurred_at": incident.occurred_at,
        "reported_at": incident.reported_at,
        "reporter": incident.reporter,
        "summary": incident.summary,
        "state": incident.state,
        "state_label": incident.get_state_display(),
        "level": incident.level or None,
        "proposed_level": incident.proposed_level,
        "change_pending": actions.is_change_pending(incident),
        "facts": incident.facts,
        "launched_at": incident.launched_at,
        "stood_down_at": incident.stood_down_at,
        "assessment_due_at": incident.assessment_due_at,
        "overdue_reports": late,
    }


def _roster_dict(incident: Incident) -> dict[str, Any] | None:
    pb = load_playbook(incident.plan_id)
    if incident.level not in pb.levels:
        return None
    r = build_roster(pb, incident.level)
    return {
        "headquarters": r.headquarters,
        "commander": list(r.commander),
        "deputies": list(r.deputies),
        "office": {"name": pb.headquarters.office, "phone": r.office.phone},
        "notify": [
            {"name": p.name, "phone": p.phone, "fax": p.fax, "ref": p.ref} for p in r.notify
        ],
        "groups": [
            {
                "name": g.name,
                "lead": [p.name for p in g.lead],
                "members": [p.name for p in g.members],
                "ref": g.ref,
            }
            for g in r.groups
        ],
    }


def incident_detail_out(incident: Incident) -> dict[str, Any]:
    now = clock.now()
    return incident_out(incident, now) | {
        "proposal": incident.proposal,
        "clocks": [_clock_out(c, now) for c in incident.clocks.all()],
        "checklist": [
            {"id": m.pk, "level": m.level, "ref": m.ref, "text": m.text, "done_at": m.done_at}
            for m in incident.checklist.all()
        ],
        "timeline": [
            {
                "at": e.at,
                "kind": e.kind,
                "summary": e.summary,
                "ref": e.ref,
                "actor": str(e.actor) if e.actor else "",
            }
            for e in incident.timeline.select_related("actor").order_by("at", "id")
        ],
        "roster": _roster_dict(incident),
    }


def _detail(request: HttpRequest, pk: int) -> tuple[int, dict[str, Any]]:
    return 200, incident_detail_out(access.get_incident(_user(request), pk))


@router.get("/incidents", response={200: list[IncidentOut], **AUTH}, summary="突发事件列表")
def list_incidents(request: HttpRequest, open_only: bool = False) -> list[dict[str, Any]]:
    rows = access.visible_incidents(_user(request)).prefetch_related("clocks")
    if open_only:
        rows = rows.exclude(state=Incident.State.STOOD_DOWN)
    now = clock.now()
    return [incident_out(i, now) for i in rows[:500]]


@router.post(
    "/incidents",
    response={201: IncidentDetailOut, **ACT},
    summary="接报登记(应急值班):返回建议级别及其条款",
)
def create_incident(request: HttpRequest, payload: IncidentIn) -> tuple[int, dict[str, Any]]:
    data = actions.IncidentInput(**payload.dict())
    return 201, incident_detail_out(actions.open_incident(_user(request), data))


@router.get(
    "/incidents/{incident_id}", response={200: IncidentDetailOut, **READ}, summary="事件详情"
)
def get_incident(request: HttpRequest, incident_id: int = Id) -> tuple[int, dict[str, Any]]:
    return _detail(request, incident_id)


@router.post(
    "/incidents/{incident_id}/decision",
    response={200: IncidentDetailOut, **ACT},
    summary="决定响应级别:确认、调整(须说明理由)、升级或降级(由预案规定的岗位决定)",
)
def decide(request: HttpRequest, payload: DecisionIn, incident_id: int = Id) -> Any:
    actions.decide_level(_user(request), incident_id, payload.level, payload.reason)
    return _detail(request, incident_id)


@router.post(
    "/incidents/{incident_id}/facts",
    response={200: IncidentDetailOut, **ACT},
    summary="更新事实并重新研判(符合其他级别时提出升级/降级建议)",
)
def update_facts(request: HttpRequest, payload: FactsIn, incident_id: int = Id) -> Any:
    actions.update_facts(_user(request), incident_id, payload.facts, payload.reason)
    return _detail(request, incident_id)


@router.post(
    "/incidents/{incident_id}/stand-down",
    response={200: IncidentDetailOut, **ACT},
    summary="终止响应(逐项确认预案终止条件)",
)
def stand_down(request: HttpRequest, payload: StandDownIn, incident_id: int = Id) -> Any:
    actions.stand_down(
        _user(request), incident_id, payload.conditions, payload.reason, confirmed=payload.confirmed
    )
    return _detail(request, incident_id)


@router.post(
    "/incidents/{incident_id}/clocks/{clock_id}/file",
    response={200: IncidentDetailOut, **ACT},
    summary="登记报告已报送",
)
def file_report(
    request: HttpRequest, payload: NoteIn, incident_id: int = Id, clock_id: int = Id
) -> Any:
    actions.file_report(_user(request), incident_id, clock_id, payload.note)
    return _detail(request, incident_id)


@router.post(
    "/incidents/{incident_id}/clocks/{clock_id}/start",
    response={200: IncidentDetailOut, **ACT},
    summary="开始计时(电话快报、上级催报等)",
)
def start_clock(request: HttpRequest, incident_id: int = Id, clock_id: int = Id) -> Any:
    actions.start_clock(_user(request), incident_id, clock_id)
    return _detail(request, incident_id)


@router.post(
    "/incidents/{incident_id}/measures/{item_id}/done",
    response={200: IncidentDetailOut, **ACT},
    summary="处置措施已落实",
)
def tick_measure(
    request: HttpRequest, payload: NoteIn, incident_id: int = Id, item_id: int = Id
) -> Any:
    actions.tick_measure(_user(request), incident_id, item_id, payload.note)
    return _detail(request, incident_id)


# --- warnings -------------------------------------------------------------------------------


def warning_out(w: EarlyWarning) -> dict[str, Any]:
    return {
        "id": w.pk,
        "number": w.number,
        "plan_id": w.plan_id,
        "incident_id": w.incident_id,
        "level": w.level,
        "colour": w.colour,
        "severity": cap.SEVERITY_BY_COLOUR.get(w.colour, "Unknown"),
        "area": w.area,
        "headline": w.headline,
        "description": w.description,
        "instruction": w.instruction,
        "authority": w.authority,
        "state": w.state,
        "issued_at": w.issued_at,
        "lifted_at": w.lifted_at,
        "messages": [
            {
                "seq": m.seq,
                "msg_type": m.msg_type,
                "identifier": m.identifier,
                "level": m.level,
                "colour": m.colour,
                "sent_at": m.sent_at,
                "reason": m.reason,
            }
            for m in w.messages.all()
        ],
    }


@router.get("/warnings", response={200: list[WarningOut], **AUTH}, summary="预警列表")
def list_warnings(request: HttpRequest) -> list[dict[str, Any]]:
    rows = access.visible_warnings(_user(request)).prefetch_related("messages")
    return [warning_out(w) for w in rows[:500]]


@router.post("/warnings", response={201: WarningOut, **ACT}, summary="发布预警(按预案的颜色级别)")
def issue_warning(request: HttpRequest, payload: WarningIn) -> tuple[int, dict[str, Any]]:
    data = actions.WarningInput(**payload.dict())
    return 201, warning_out(actions.issue_warning(_user(request), data))


@router.get("/warnings/{warning_id}", response={200: WarningOut, **READ}, summary="预警详情")
def get_warning(request: HttpRequest, warning_id: int = Id) -> tuple[int, dict[str, Any]]:
    return 200, warning_out(access.get_warning(_user(request), warning_id))


@router.post(
    "/warnings/{warning_id}/adjust",
    response={200: WarningOut, **ACT},
    summary="调整预警级别(CAP Update)",
)
def adjust_warning(request: HttpRequest, payload: AdjustIn, warning_id: int = Id) -> Any:
    warning = actions.adjust_warning(
        _user(request),
        warning_id,
        payload.level,
        payload.reason,
        description=payload.description,
        instruction=payload.instruction,
    )
    return 200, warning_out(warning)


@router.post(
    "/warnings/{warning_id}/lift",
    response={200: WarningOut, **ACT},
    summary="解除预警(CAP Cancel)",
)
def lift_warning(request: HttpRequest, payload: LiftIn, warning_id: int = Id) -> Any:
    return 200, warning_out(actions.lift_warning(_user(request), warning_id, payload.reason))


@router.get(
    "/warnings/{warning_id}/cap",
    response={200: None, **READ},
    summary="预警的 CAP 1.2 XML(最新一条消息)",
    openapi_extra={
        "responses": {
            "200": {
                "description": "CAP 1.2 alert (urn:oasis:names:tc:emergency:cap:1.2)",
                "content": {"application/cap+xml": {"schema": {"type": "string"}}},
            }
        }
    },
)
def warning_cap(request: HttpRequest, warning_id: int = Id) -> Any:
    warning = access.get_warning(_user(request), warning_id)
    message = warning.messages.order_by("-seq").first()
    if message is None:
        return 404, {"detail": "预警消息不存在"}
    xml = cap.to_xml(actions.cap_alert(message))
    return HttpResponse(xml, content_type=CAP)
