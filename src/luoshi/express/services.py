"""The named actions of the 直通车 workflow: each checks permission, changes rows, writes the
audit entry and schedules notifications after commit.

Views and the API call these functions only. The rules are in :mod:`luoshi.express.workflow`;
here they meet the database: the card row is locked (``SELECT … FOR UPDATE``) for the whole
transition, so concurrent transitions of one card queue up and none is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet

from luoshi.core import audit, clock
from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.directory.models import Unit
from luoshi.express import access, clocks, notifications, parties
from luoshi.express import workflow as wf
from luoshi.express.models import Attachment, Card, Escalation, Project, Step

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ALLOWED_EXTENSIONS = frozenset(
    {"pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png", "txt", "zip", "ofd", "wps"}
)


@dataclass(frozen=True)
class Filing:
    """What a liaison writes on a new card (the upper half of the 处置卡)."""

    project_name: str
    builder: str
    contact: str
    situation: str


class InvalidInput(wf.WorkflowError):
    """A field that names something that does not exist or does not fit."""


# -- filing ----------------------------------------------------------------------------------


@transaction.atomic
def file_card(user: User, filing: Filing, files: Sequence[UploadedFile] = ()) -> Card:
    """填报处置卡 (第六条): a liaison files a card with the key-projects office."""
    if not user.is_authenticated or user.role != Role.LIAISON:
        raise PermissionDenied("只有联络员可以填报处置卡")
    fields = {k: v.strip() for k, v in filing.__dict__.items()}
    empty = [label for key, label in _FILING_LABELS.items() if not fields[key]]
    if empty:
        raise wf.MissingField([wf.Need.COMMENT], "须填写:" + "、".join(empty))
    now = clock.now()
    project, _ = Project.objects.get_or_create(
        name=fields["project_name"][:200],
        builder=fields["builder"][:200],
        defaults={"county": user.unit, "created_at": now},
    )
    outcome = wf.file_card(now)
    the_clock = clocks.current()
    card = Card(
        number=f"tmp-{now.timestamp()}-{user.pk}",
        filed_at=now,
        project=project,
        filed_by=user,
        filing_unit=user.unit,
        **fields,
    )
    card.take(outcome.card, the_clock.step_deadline(outcome.card))
    card.steps_count = 1
    card.save()
    card.number = card_number(card)
    card.save(update_fields=["number"])
    _write_step(card, 1, outcome.entry, user)
    for upload in files:
        _attach(card, upload, user)
    audit.record("express.file", card, actor=user, summary=f"填报处置卡 {card.number}")
    notifications.schedule(
        parties.users_acting_as(wf.Actor.KEY_OFFICE, card),
        card,
        "filed",
        "新报送处置卡,请在24小时内梳理",
    )
    return card


_FILING_LABELS = {
    "project_name": "项目名称",
    "builder": "建设单位",
    "contact": "联系方式",
    "situation": "事项基本情况",
}


def card_number(card: Card) -> str:
    """直通车〔2020〕12号: the year filed and the row id (unique, gap-tolerant)."""
    year = card.filed_at.astimezone(clock.local_zone()).year
    return f"直通车〔{year}〕{card.pk}号"


# -- transitions -----------------------------------------------------------------------------


@transaction.atomic
def perform(
    user: User, card_id: int, command: wf.Command, files: Sequence[UploadedFile] = ()
) -> Card:
    """Carry out ``command`` on card ``card_id`` for ``user``; the one road for every transition.

    Raises Http404 (card not visible), PermissionDenied (the user is no party that may take
    this action on this card), :class:`workflow.NotAllowed` (not in this state) or
    :class:`workflow.MissingField` / :class:`InvalidInput` (a required field missing or wrong).
    """
    card = access.get_card(user, card_id, for_update=True)
    actors = parties.actors_for(user, card)
    transition = wf.TRANSITIONS[command.action]
    if not (transition.actors & actors):
        raise PermissionDenied(f"无权“{transition.label}”")
    _check_references(command, transition)
    the_clock = clocks.current()
    now = clock.now()
    before = card.state
    outcome = wf.apply(card.snapshot(), command, actors, now, the_clock)
    card.take(outcome.card, the_clock.step_deadline(outcome.card))
    if outcome.card.state is wf.State.CLOSED:
        card.closed_at = now
    card.steps_count += 1
    card.save()
    step = _write_step(card, card.steps_count, outcome.entry, user, _details(command))
    for upload in files:
        _attach(card, upload, user, step)
    audit.record(
        f"express.{command.action.value}",
        card,
        actor=user,
        summary=f"{card.number} {transition.label}",
        reason=command.comment,
        before={"state": before},
        after={"state": card.state, "responsible_unit": card.responsible_unit_id},
    )
    _notify_after(card, step, transition)
    return card


def _check_references(command: wf.Command, transition: wf.Transition) -> None:
    if wf.Need.UNIT in transition.needs or command.unit is not None:
        if command.unit is not None and not Unit.objects.filter(pk=command.unit).exists():
            raise InvalidInput("责任单位不存在")
    if command.vice_mayor is not None and wf.Need.VICE_MAYOR in transition.needs:
        if not User.objects.filter(
            pk=command.vice_mayor, role=Role.LEADER, is_active=True
        ).exists():
            raise InvalidInput("所选分管副市长不是市领导账号")


def _details(command: wf.Command) -> dict[str, object]:
    values = {
        "unit": command.unit,
        "vice_mayor": command.vice_mayor,
        "due_date": command.due_date.isoformat() if command.due_date else None,
        "handler": command.handler.strip(),
        "section": command.section.strip(),
        "plan_due": command.plan_due.isoformat() if command.plan_due else None,
        "severity": command.severity.value if command.severity else None,
    }
    return {k: v for k, v in values.items() if v}


def _write_step(
    card: Card, seq: int, entry: wf.Entry, user: User, details: dict[str, object] | None = None
) -> Step:
    return Step.objects.create(
        card=card,
        seq=seq,
        action=entry.action.value,
        actor=user,
        actor_role=entry.actor.value if entry.actor else "",
        actor_unit_id=user.unit_id,
        from_state=entry.from_state.value if entry.from_state else "",
        to_state=entry.to_state.value,
        at=entry.at,
        comment=entry.comment,
        step_started_at=entry.step_started_at,
        step_due_at=entry.step_due_at,
        overdue=entry.overdue,
        details=details or {},
    )


_NEXT_PARTY: dict[wf.State, wf.Actor] = {
    wf.State.FILED: wf.Actor.KEY_OFFICE,
    wf.State.RETURNED: wf.Actor.LIAISON,
    wf.State.AWAITING_INSTRUCTION: wf.Actor.VICE_MAYOR,
    wf.State.AWAITING_DISPATCH: wf.Actor.GOV_OFFICE,
    wf.State.ASSIGNED: wf.Actor.RESPONSIBLE_UNIT,
    wf.State.COMPLETED: wf.Actor.KEY_OFFICE,
    wf.State.CLOSED: wf.Actor.LIAISON,
    wf.State.WITHDRAWN: wf.Actor.LIAISON,
}


def _notify_after(card: Card, step: Step, transition: wf.Transition) -> None:
    action = transition.action
    message = f"{transition.label}" + (f":{step.comment[:80]}" if step.comment else "")
    recipients: list[wf.Actor] = []
    if action in (wf.Action.URGE,):
        recipients = [a for a in wf.Actor if card.state_enum in wf.WAITING_STATES[a]]
    elif action is wf.Action.REPORT_TO_LEADER:
        recipients = [wf.Actor.VICE_MAYOR]
    elif action in (wf.Action.REPORT_PROGRESS, wf.Action.SUBMIT_PLAN, wf.Action.ACCEPT):
        recipients = [wf.Actor.KEY_OFFICE]
    elif action is wf.Action.DISPATCH:  # 并反馈市重点办
        recipients = [wf.Actor.RESPONSIBLE_UNIT, wf.Actor.KEY_OFFICE]
    elif card.state_enum in _NEXT_PARTY:
        recipients = [_NEXT_PARTY[card.state_enum]]
    people: dict[int, User] = {}
    for actor in recipients:
        for user in parties.users_acting_as(actor, card):
            people[user.pk] = user
    people.pop(step.actor_id or 0, None)
    if people:
        notifications.schedule(
            people.values(), card, action.value, message, sms=action is wf.Action.REPORT_TO_LEADER
        )


# -- the named actions (one per transition) ---------------------------------------------------


def return_for_info(user: User, card_id: int, comment: str) -> Card:
    """退回补充材料 (第七条(一)): the key-projects office asks the liaison for more."""
    return perform(user, card_id, wf.Command(wf.Action.RETURN_FOR_INFO, comment=comment))


def resubmit(user: User, card_id: int, comment: str) -> Card:
    """补充后重新报送: the liaison answers a return."""
    return perform(user, card_id, wf.Command(wf.Action.RESUBMIT, comment=comment))


def withdraw(user: User, card_id: int, comment: str) -> Card:
    """撤回: the liaison withdraws a card not yet triaged."""
    return perform(user, card_id, wf.Command(wf.Action.WITHDRAW, comment=comment))


def triage_ordinary(user: User, card_id: int, advice: str, unit_id: int, due_date: dt.date) -> Card:
    """一般性问题 (第七条(二)): advice, and passed to the responsible unit within 24 hours."""
    command = wf.Command(wf.Action.TRIAGE_ORDINARY, comment=advice, unit=unit_id, due_date=due_date)
    return perform(user, card_id, command)


def triage_hard(
    user: User,
    card_id: int,
    advice: str,
    vice_mayor_id: int,
    due_date: dt.date,
    unit_id: int | None = None,
) -> Card:
    """疑难问题 (第七条(三)): advice reported to the vice mayor in charge within 24 hours."""
    command = wf.Command(
        wf.Action.TRIAGE_HARD,
        comment=advice,
        vice_mayor=vice_mayor_id,
        due_date=due_date,
        unit=unit_id,
    )
    return perform(user, card_id, command)


def instruct(user: User, card_id: int, instruction: str, due_date: dt.date | None = None) -> Card:
    """签批处理意见 (第八条): the vice mayor's instruction within 24 hours."""
    command = wf.Command(wf.Action.INSTRUCT, comment=instruction, due_date=due_date)
    return perform(user, card_id, command)


def send_back(user: User, card_id: int, comment: str) -> Card:
    """退回市重点办: the vice mayor sends a card back for re-triage."""
    return perform(user, card_id, wf.Command(wf.Action.SEND_BACK, comment=comment))


def dispatch(user: User, card_id: int, unit_id: int, comment: str = "") -> Card:
    """转交 (第八条): the government office passes the instruction to the unit within 24 hours."""
    return perform(user, card_id, wf.Command(wf.Action.DISPATCH, comment=comment, unit=unit_id))


def accept(user: User, card_id: int, handler: str, section: str, comment: str = "") -> Card:
    """落实负责人、责任科室 (第九条): the responsible unit within 24 hours (13710: 部署)."""
    command = wf.Command(wf.Action.ACCEPT, comment=comment, handler=handler, section=section)
    return perform(user, card_id, command)


def report_progress(
    user: User, card_id: int, comment: str, files: Sequence[UploadedFile] = ()
) -> Card:
    """报告进展情况 (第九条; 13710: 反馈)."""
    return perform(user, card_id, wf.Command(wf.Action.REPORT_PROGRESS, comment=comment), files)


def submit_plan(user: User, card_id: int, comment: str, plan_due: dt.date) -> Card:
    """明确时限的解决计划 (13710, major problems)."""
    command = wf.Command(wf.Action.SUBMIT_PLAN, comment=comment, plan_due=plan_due)
    return perform(user, card_id, command)


def complete(user: User, card_id: int, result: str, files: Sequence[UploadedFile] = ()) -> Card:
    """填写落实情况报市重点办 (第九条)."""
    return perform(user, card_id, wf.Command(wf.Action.COMPLETE, comment=result), files)


def reject_completion(user: User, card_id: int, comment: str) -> Card:
    """退回重办: the key-projects office finds the result insufficient."""
    return perform(user, card_id, wf.Command(wf.Action.REJECT_COMPLETION, comment=comment))


def close(user: User, card_id: int, comment: str = "") -> Card:
    """完结事项 (第九条)."""
    return perform(user, card_id, wf.Command(wf.Action.CLOSE, comment=comment))


def reassign(user: User, card_id: int, unit_id: int, comment: str) -> Card:
    """改派责任单位."""
    return perform(user, card_id, wf.Command(wf.Action.REASSIGN, comment=comment, unit=unit_id))


def move_to_13710(user: User, card_id: int, severity: wf.Severity, comment: str) -> Card:
    """纳入13710平台督办 (第十条)."""
    command = wf.Command(wf.Action.MOVE_TO_13710, comment=comment, severity=severity)
    return perform(user, card_id, command)


def urge(user: User, card_id: int, comment: str) -> Card:
    """督促落实 (第十条)."""
    return perform(user, card_id, wf.Command(wf.Action.URGE, comment=comment))


def report_to_leader(user: User, card_id: int, comment: str) -> Card:
    """报告分管副市长 (第十条): a unit does not carry out the instruction."""
    return perform(user, card_id, wf.Command(wf.Action.REPORT_TO_LEADER, comment=comment))


def cancel(user: User, card_id: int, comment: str) -> Card:
    """撤销处置卡: the key-projects office cancels a duplicate or moot card."""
    return perform(user, card_id, wf.Command(wf.Action.CANCEL, comment=comment))


# -- attachments -----------------------------------------------------------------------------


@transaction.atomic
def add_attachment(user: User, card_id: int, upload: UploadedFile) -> Attachment:
    """Attach a file to a card; any party of the card may."""
    card = access.get_card(user, card_id, for_update=True)
    if not parties.actors_for(user, card):
        raise PermissionDenied("无权为该处置卡上传附件")
    attachment = _attach(card, upload, user)
    audit.record(
        "express.attach", card, actor=user, summary=f"{card.number} 上传附件 {attachment.name}"
    )
    return attachment


def _attach(card: Card, upload: UploadedFile, user: User, step: Step | None = None) -> Attachment:
    name = (upload.name or "附件").rsplit("/", 1)[-1][:200]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise InvalidInput(f"不支持的附件类型: {name}")
    if (upload.size or 0) > MAX_ATTACHMENT_BYTES:
        raise InvalidInput(f"附件过大: {name}")
    attachment = Attachment(
        card=card, name=name, size=upload.size or 0, uploaded_by=user, uploaded_at=clock.now()
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


# -- escalation ------------------------------------------------------------------------------


def overdue_cards(at: dt.datetime | None = None) -> QuerySet[Card]:
    """Open cards whose running step is past its deadline (超时)."""
    moment = at or clock.now()
    return Card.objects.filter(is_open=True, step_due_at__lt=moment)


def escalate_overdue(at: dt.datetime | None = None) -> list[Escalation]:
    """超时督办: report every newly overdue step to the supervision office and the vice mayor.

    Each overdue step is escalated once (in-app, email and SMS); run it periodically
    (``luoshi express-escalate``).
    """
    moment = at or clock.now()
    created: list[Escalation] = []
    for card in overdue_cards(moment).select_related("vice_mayor"):
        with transaction.atomic():
            escalation, new = Escalation.objects.get_or_create(
                card=card,
                state=card.state,
                step_started_at=card.step_started_at,
                defaults={
                    "step_due_at": card.step_due_at,
                    "created_at": moment,
                    "responsible_unit_id": card.responsible_unit_id,
                },
            )
            if not new:
                continue
            created.append(escalation)
            audit.record(
                "express.escalate",
                card,
                summary=f"{card.number}“{card.get_state_display()}”环节超时,报督查室和分管副市长",
            )
            people = {
                u.pk: u
                for actor in (wf.Actor.SUPERVISION, wf.Actor.VICE_MAYOR)
                for u in parties.users_acting_as(actor, card)
            }
            notifications.schedule(
                people.values(),
                card,
                "overdue",
                f"“{card.get_state_display()}”环节已超时",
                sms=True,
            )
    return created


def history(card: Card) -> list[Step]:
    return list(card.steps.select_related("actor", "actor_unit").order_by("seq"))


def history_problems(card: Card) -> list[str]:
    """Checks a stored history with the workflow's rules (empty when complete and legal)."""
    return wf.history_problems([s.entry() for s in card.steps.order_by("seq")])


def allowed_actions(user: User, card: Card) -> list[wf.Transition]:
    return wf.allowed(card.snapshot(), parties.actors_for(user, card))


def units_for_choice() -> Iterable[Unit]:
    return Unit.objects.order_by("kind", "name")
