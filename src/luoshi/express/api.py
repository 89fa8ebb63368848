"""JSON API of the 直通车 workflow: cards, their history and clock, transitions, projects, report.

Session authentication (log in through the site; send the CSRF token on POST); every query is
unit-scoped exactly as the pages are. A provincial 13710 platform or a county system can file
cards as a liaison account and follow them.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.security import django_auth

from luoshi.core import clock
from luoshi.core.errors import Forbidden, Invalid, NotFound
from luoshi.core.models import User
from luoshi.core.refusals import refusals
from luoshi.express import access, clocks, queries, reports, services
from luoshi.express import workflow as wf
from luoshi.express.models import Card, Project

router = Router(tags=["项目直通车"], auth=django_auth)

MAX_ID = 2**31 - 1


class StepOut(Schema):
    seq: int
    action: str
    action_label: str
    actor: str
    actor_role: str
    from_state: str | None
    to_state: str
    at: dt.datetime
    comment: str
    step_due_at: dt.datetime | None
    overdue: bool


class ActionOut(Schema):
    action: str
    label: str
    needs: list[str]
    comment_label: str
    rule: str


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    uploaded_at: dt.datetime


class CardOut(Schema):
    id: int
    number: str
    filed_at: dt.datetime = Field(description="填报时间")
    project_id: int
    project_name: str = Field(description="项目名称")
    builder: str = Field(description="建设单位")
    contact: str = Field(description="联系方式")
    situation: str = Field(description="事项基本情况")
    advice: str = Field(description="市重点办处理建议")
    instruction: str = Field(description="分管市长批示意见")
    result: str = Field(description="责任单位事项落实情况")
    state: wf.State
    state_label: str
    track: wf.Track
    category: wf.Category | None
    severity: wf.Severity | None
    filing_unit: str | None
    responsible_unit_id: int | None
    responsible_unit: str | None
    vice_mayor_id: int | None
    handler: str
    section: str
    due_date: dt.date | None = Field(description="办结时限")
    plan_due: dt.date | None
    step_started_at: dt.datetime
    step_due_at: dt.datetime | None
    overdue: bool
    seconds_left: int | None
    closed_at: dt.datetime | None


class CardDetailOut(CardOut):
    step_limit: str
    history: list[StepOut]
    allowed_actions: list[ActionOut]
    attachments: list[AttachmentOut]


class CardListOut(Schema):
    total: int
    items: list[CardOut]


class ListQuery(Schema):
    list: queries.CardList = Field(
        queries.CardList.WAITING, description="waiting 待我办理 / overdue 已超时 / open / all"
    )
    state: wf.State | None = None
    project: int | None = Field(None, ge=1, le=MAX_ID)
    unit: int | None = Field(None, ge=1, le=MAX_ID)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


class FilingIn(Schema):
    project_name: str = Field(..., min_length=1, max_length=200)
    builder: str = Field(..., min_length=1, max_length=200)
    contact: str = Field(..., min_length=1, max_length=200)
    situation: str = Field(..., min_length=1, max_length=5000)


class TransitionIn(Schema):
    action: wf.Action
    comment: str = Field("", max_length=5000)
    unit_id: int | None = Field(None, ge=1, le=MAX_ID)
    vice_mayor_id: int | None = Field(None, ge=1, le=MAX_ID)
    due_date: dt.date | None = None
    handler: str = Field("", max_length=64)
    section: str = Field("", max_length=64)
    plan_due: dt.date | None = None
    severity: wf.Severity | None = None

    def command(self) -> wf.Command:
        return wf.Command(
            self.action,
            comment=self.comment,
            unit=self.unit_id,
            vice_mayor=self.vice_mayor_id,
            due_date=self.due_date,
            handler=self.handler,
            section=self.section,
            plan_due=self.plan_due,
            severity=self.severity,
        )


class ProjectOut(Schema):
    id: int
    name: str
    builder: str
    total: int
    open: int
    overdue: int
    closed: int


class ProjectDetailOut(Schema):
    id: int
    name: str
    builder: str
    cards: list[CardOut]


class StepFigureOut(Schema):
    state: str
    label: str
    count: int
    average_seconds: int | None
    worst_seconds: int | None
    worst_card: str
    overdue: int


class UnitCountOut(Schema):
    unit: str | None
    count: int


class ReportOut(Schema):
    title: str
    start: dt.date
    end: dt.date
    filed: int
    filed_hard: int
    closed: int
    withdrawn: int
    moved_to_13710: int
    escalations: int
    open_now: int
    overdue_now: int
    steps: list[StepFigureOut]
    late_by_unit: list[UnitCountOut]
    overdue_by_unit: list[UnitCountOut]


class ReportQuery(Schema):
    start: dt.date | None = None
    end: dt.date | None = None


CardId = Path(..., ge=1, le=MAX_ID)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def card_out(card: Card, now: dt.datetime) -> dict[str, object]:
    left = clocks.time_left(card.step_due_at, now)
    return {
        "id": card.pk,
        "number": card.number,
        "filed_at": card.filed_at,
        "project_id": card.project_id,
        "project_name": card.project_name,
        "builder": card.builder,
        "contact": card.contact,
        "situation": card.situation,
        "advice": card.advice,
        "instruction": card.instruction,
        "result": card.result,
        "state": card.state,
        "state_label": card.get_state_display(),
        "track": card.track,
        "category": card.category or None,
        "severity": card.severity or None,
        "filing_unit": card.filing_unit.name if card.filing_unit_id else None,
        "responsible_unit_id": card.responsible_unit_id,
        "responsible_unit": card.responsible_unit.name if card.responsible_unit_id else None,
        "vice_mayor_id": card.vice_mayor_id,
        "handler": card.handler,
        "section": card.section,
        "due_date": card.due_date,
        "plan_due": card.plan_due,
        "step_started_at": card.step_started_at,
        "step_due_at": card.step_due_at,
        "overdue": left.overdue and card.is_open,
        "seconds_left": left.seconds if card.is_open else None,
        "closed_at": card.closed_at,
    }


def card_detail_out(user: User, card: Card) -> dict[str, object]:
    now = clock.now()
    return card_out(card, now) | {
        "step_limit": clocks.current().step_limit(card.snapshot()),
        "history": [
            {
                "seq": s.seq,
                "action": s.action,
                "action_label": s.get_action_display(),
                "actor": str(s.actor) if s.actor else "",
                "actor_role": s.actor_role,
                "from_state": s.from_state or None,
                "to_state": s.to_state,
                "at": s.at,
                "comment": s.comment,
                "step_due_at": s.step_due_at,
                "overdue": s.overdue,
            }
            for s in services.history(card)
        ],
        "allowed_actions": [
            {
                "action": t.action.value,
                "label": t.label,
                "needs": sorted(n.value for n in t.needs),
                "comment_label": t.comment_label,
                "rule": t.rule,
            }
            for t in services.allowed_actions(user, card)
        ],
        "attachments": [
            {"id": a.pk, "name": a.name, "size": a.size, "uploaded_at": a.uploaded_at}
            for a in card.attachments.all()
        ],
    }


@router.get("/cards", response={200: CardListOut}, summary="处置卡列表(待我办理、已超时 …)")
def list_cards(request: HttpRequest, params: Query[ListQuery]) -> dict[str, object]:
    now = clock.now()
    rows = queries.cards(
        _user(request),
        params.list,
        state=params.state.value if params.state else None,
        project=params.project,
        unit=params.unit,
        at=now,
    ).select_related("responsible_unit", "filing_unit")
    page = rows[params.offset : params.offset + params.limit]
    return {"total": rows.count(), "items": [card_out(c, now) for c in page]}


@router.get(
    "/cards/{card_id}",
    response={200: CardDetailOut, **refusals(404)},
    summary="处置卡详情、时限与办理记录",
)
def get_card(request: HttpRequest, card_id: int = CardId) -> dict[str, object]:
    return card_detail_out(_user(request), access.get_card(_user(request), card_id))


@router.post(
    "/cards",
    response={201: CardDetailOut, **refusals(400, 403)},
    summary="填报处置卡(联络员)",
)
def create_card(request: HttpRequest, payload: FilingIn) -> tuple[int, dict[str, object]]:
    filing = services.Filing(
        payload.project_name, payload.builder, payload.contact, payload.situation
    )
    card = services.file_card(_user(request), filing)
    return 201, card_detail_out(_user(request), access.get_card(_user(request), card.pk))


@router.get(
    "/cards/{card_id}/transitions",
    response={200: list[ActionOut], **refusals(404)},
    summary="我可执行的操作",
)
def card_transitions(request: HttpRequest, card_id: int = CardId) -> object:
    card = access.get_card(_user(request), card_id)
    return card_detail_out(_user(request), card)["allowed_actions"]


@router.post(
    "/cards/{card_id}/transitions",
    response={200: CardDetailOut, **refusals(400, 403, 404, 409)},
    summary="执行流转操作(梳理、批示、转交、落实、办结、完结、改派、退回、撤回 …)",
)
def transition(request: HttpRequest, payload: TransitionIn, card_id: int = CardId) -> object:
    user = _user(request)
    card = services.perform(user, card_id, payload.command())
    return card_detail_out(user, access.get_card(user, card.pk))


@router.get("/projects", response={200: list[ProjectOut]}, summary="项目及其处置卡统计")
def list_projects(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "id": r["project_id"],
            "name": r["project__name"],
            "builder": r["project__builder"],
            "total": r["total"],
            "open": r["open"],
            "overdue": r["overdue"],
            "closed": r["closed"],
        }
        for r in queries.by_project(_user(request))
    ]


@router.get(
    "/projects/{project_id}",
    response={200: ProjectDetailOut, **refusals(404)},
    summary="项目的全部处置卡",
)
def get_project(
    request: HttpRequest, project_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, object]:
    user = _user(request)
    project = access.visible_projects(user).filter(pk=project_id).first()
    if project is None:
        raise NotFound("项目不存在或无权查看")
    now = clock.now()
    cards = (
        access.visible_cards(user)
        .filter(project=project)
        .select_related("responsible_unit", "filing_unit")
    )
    return {
        "id": project.pk,
        "name": project.name,
        "builder": project.builder,
        "cards": [card_out(c, now) for c in cards],
    }


@router.get(
    "/report",
    response={200: ReportOut, **refusals(400, 403)},
    summary="直通车制度落实情况通报",
)
def get_report(request: HttpRequest, params: Query[ReportQuery]) -> dict[str, object]:
    user = _user(request)
    if not user.sees_all_units:
        raise Forbidden("通报仅供市重点办、督查室和市领导查看")
    start, end = reports.default_period()
    try:
        start, end = reports.checked_period(params.start or start, params.end or end)
    except ValueError as error:
        raise Invalid(str(error)) from error
    built = reports.build(user, start, end)
    return {
        **{
            k: getattr(built, k)
            for k in (
                "title",
                "start",
                "end",
                "filed",
                "filed_hard",
                "closed",
                "withdrawn",
                "moved_to_13710",
                "escalations",
                "open_now",
                "overdue_now",
            )
        },
        "steps": [
            {
                "state": f.state,
                "label": f.label,
                "count": f.count,
                "average_seconds": int(f.average.total_seconds()) if f.average else None,
                "worst_seconds": int(f.worst.total_seconds()) if f.worst else None,
                "worst_card": f.worst_card,
                "overdue": f.overdue,
            }
            for f in built.steps
        ],
        "late_by_unit": [
            {"unit": r["actor_unit__name"], "count": r["n"]} for r in built.late_by_unit
        ],
        "overdue_by_unit": [
            {"unit": r["responsible_unit__name"], "count": r["n"]} for r in built.overdue_by_unit
        ],
    }


__all__ = ["router", "Project"]
