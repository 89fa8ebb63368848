"""The state changes of the 直通车 workflow, each an :class:`~luoshi.core.actions.Action`.

:class:`FileCard` files a card (填报, 第六条); :class:`MoveCard` carries out any transition of
the rules (:mod:`luoshi.express.workflow`) on one card; :class:`AttachFile` adds a file.
The base locks the card row, runs ``check`` (party, state, fields), ``execute``, writes the
audit entry, and delivers notices once committed. Views and the API run these same actions and
ask :meth:`MoveCard.allowed` which buttons to show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile

from luoshi.core import clock
from luoshi.core.actions import Action, AuditNote
from luoshi.core.errors import Conflict, Forbidden, Invalid
from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.core.uploads import content_problem, safe_filename
from luoshi.directory.models import Unit
from luoshi.express import clocks, notifications, parties
from luoshi.express import workflow as wf
from luoshi.express.models import Attachment, Card, Escalation, Project, Step
from luoshi.express.numbering import next_card_number

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


_FILING_LABELS = {
    "project_name": "项目名称",
    "builder": "建设单位",
    "contact": "联系方式",
    "situation": "事项基本情况",
}


class FileCard(Action[Card]):
    """填报处置卡 (第六条): a liaison files a card with the key-projects office."""

    name = "express.file"

    def __init__(self, actor: User, filing: Filing, files: Sequence[UploadedFile] = ()) -> None:
        super().__init__(actor)
        self.fields = {k: v.strip() for k, v in filing.__dict__.items()}
        self.files = files

    def check(self) -> None:
        if not self.actor.is_authenticated or self.actor.role != Role.LIAISON:
            raise Forbidden("只有联络员可以填报处置卡")
        empty = [label for key, label in _FILING_LABELS.items() if not self.fields[key]]
        if empty:
            raise wf.MissingField([wf.Need.COMMENT], "须填写:" + "、".join(empty))

    def execute(self) -> Card:
        now = clock.now()
        project, _ = Project.objects.get_or_create(
            name=self.fields["project_name"][:200],
            builder=self.fields["builder"][:200],
            defaults={"county": self.actor.unit, "created_at": now},
        )
        outcome = wf.file_card(now)
        card = Card(
            number=next_card_number(now),
            filed_at=now,
            project=project,
            filed_by=self.actor,
            filing_unit=self.actor.unit,
            **self.fields,
        )
        card.take(outcome.card, clocks.current().step_deadline(outcome.card))
        card.steps_count = 1
        card.save()
        write_step(card, 1, outcome.entry, self.actor)
        for upload in self.files:
            attach(card, upload, self.actor)
        return card

    def audit(self, result: Card) -> AuditNote:
        return AuditNote(result, summary=f"填报处置卡 {result.number}")

    def after_commit(self, result: Card) -> None:
        notifications.deliver(
            parties.users_acting_as(wf.Actor.KEY_OFFICE, result),
            result,
            "filed",
            "新报送处置卡,请在24小时内梳理",
        )


class MoveCard(Action[Card]):
    """One transition of the rules on one card; the one road for every move of a card.

    Refuses with Forbidden (the user is no party that may take this action on this card),
    Conflict (not in this state) or Invalid (a required field missing or wrong).
    """

    def __init__(
        self,
        actor: User,
        card: Card,
        command: wf.Command,
        files: Sequence[UploadedFile] = (),
    ) -> None:
        super().__init__(actor)
        self.card, self.command, self.files = card, command, files
        self.transition = wf.TRANSITIONS[command.action]
        self.name = f"express.{command.action.value}"

    def targets(self) -> list[Card]:
        return [self.card]

    def allowed(self) -> bool:
        """Whether the user may take this action on the card now (the fields aside)."""
        actors = parties.actors_for(self.actor, self.card)
        return self.transition in wf.allowed(self.card.snapshot(), actors)

    def check(self) -> None:
        actors = parties.actors_for(self.actor, self.card)
        wf.check(self.card.snapshot(), self.command, actors, clock.now())
        self._check_references()

    def _check_references(self) -> None:
        command, needs = self.command, self.transition.needs
        if command.unit is not None and not Unit.objects.filter(pk=command.unit).exists():
            raise Invalid("责任单位不存在")
        if command.vice_mayor is not None and wf.Need.VICE_MAYOR in needs:
            if not User.objects.filter(
                pk=command.vice_mayor, role=Role.LEADER, is_active=True
            ).exists():
                raise Invalid("所选分管副市长不是市领导账号")

    def execute(self) -> Card:
        card, now = self.card, clock.now()
        self.before = card.state
        the_clock = clocks.current()
        actors = parties.actors_for(self.actor, card)
        outcome = wf.apply(card.snapshot(), self.command, actors, now, the_clock)
        card.take(outcome.card, the_clock.step_deadline(outcome.card))
        if outcome.card.state is wf.State.CLOSED:
            card.closed_at = now
        card.steps_count += 1
        card.save(update_fields=[*Card.TAKEN_FIELDS, "closed_at", "steps_count"])
        self.step = write_step(card, card.steps_count, outcome.entry, self.actor, self._details())
        for upload in self.files:
            attach(card, upload, self.actor, self.step)
        return card

    def _details(self) -> dict[str, object]:
        c = self.command
        values = {
            "unit": c.unit,
            "vice_mayor": c.vice_mayor,
            "due_date": c.due_date.isoformat() if c.due_date else None,
            "handler": c.handler.strip(),
            "section": c.section.strip(),
            "plan_due": c.plan_due.isoformat() if c.plan_due else None,
            "severity": c.severity.value if c.severity else None,
        }
        return {k: v for k, v in values.items() if v}

    def audit(self, result: Card) -> AuditNote:
        return AuditNote(
            result,
            summary=f"{result.number} {self.transition.label}",
            reason=self.command.comment,
            before={"state": self.before},
            after={"state": result.state, "responsible_unit": result.responsible_unit_id},
        )

    def after_commit(self, result: Card) -> None:
        notify_after(result, self.step, self.transition)


class EscalateStep(Action[Escalation]):
    """超时督办: an overdue step reported to the supervision office and the vice mayor, once.

    Run by the worker, not by a person (no actor on the audit entry).
    """

    name = "express.escalate"

    def __init__(self, card: Card, at: dt.datetime) -> None:
        super().__init__(None)  # type: ignore[arg-type]  # the worker acts for no one
        self.card, self.at = card, at

    def targets(self) -> list[Card]:
        return [self.card]

    def check(self) -> None:
        card = self.card
        if not card.is_open or card.step_due_at is None or card.step_due_at >= self.at:
            raise Conflict("该环节未超时")
        if Escalation.objects.filter(
            card=card, state=card.state, step_started_at=card.step_started_at
        ).exists():
            raise Conflict("该环节已督办")

    def execute(self) -> Escalation:
        card = self.card
        return Escalation.objects.create(
            card=card,
            state=card.state,
            step_started_at=card.step_started_at,
            step_due_at=card.step_due_at,
            created_at=self.at,
            responsible_unit_id=card.responsible_unit_id,
        )

    def audit(self, result: Escalation) -> AuditNote:
        card = self.card
        return AuditNote(
            card, summary=f"{card.number}“{card.get_state_display()}”环节超时,报督查室和分管副市长"
        )

    def after_commit(self, result: Escalation) -> None:
        card = self.card
        people = {
            u.pk: u
            for actor in (wf.Actor.SUPERVISION, wf.Actor.VICE_MAYOR)
            for u in parties.users_acting_as(actor, card)
        }
        text = f"“{card.get_state_display()}”环节已超时"
        notifications.deliver(people.values(), card, "overdue", text, sms=True)


class AttachFile(Action[Attachment]):
    """Attach a file to a card; any party of the card may."""

    name = "express.attach"

    def __init__(self, actor: User, card: Card, upload: UploadedFile) -> None:
        super().__init__(actor)
        self.card, self.upload = card, upload

    def targets(self) -> list[Card]:
        return [self.card]

    def check(self) -> None:
        if not parties.actors_for(self.actor, self.card):
            raise Forbidden("无权为该处置卡上传附件")
        check_upload(self.upload)

    def execute(self) -> Attachment:
        return attach(self.card, self.upload, self.actor)

    def audit(self, result: Attachment) -> AuditNote:
        return AuditNote(self.card, summary=f"{self.card.number} 上传附件 {result.name}")


def write_step(
    card: Card, seq: int, entry: wf.Entry, user: User, details: dict[str, object] | None = None
) -> Step:
    step = Step.of_entry(card.pk, seq, entry, user.pk, user.unit_id, details)
    step.save()
    return step


def check_upload(upload: UploadedFile) -> str:
    """The file name to store, if the file is of an accepted type and size."""
    name = safe_filename(upload.name or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise Invalid(f"不支持的附件类型: {name}")
    if (upload.size or 0) > MAX_ATTACHMENT_BYTES:
        raise Invalid(f"附件过大: {name}")
    problem = content_problem(upload, extension)
    if problem is not None:
        raise Invalid(f"{problem}: {name}")
    return name


def attach(card: Card, upload: UploadedFile, user: User, step: Step | None = None) -> Attachment:
    name = check_upload(upload)
    attachment = Attachment(
        card=card, name=name, size=upload.size or 0, uploaded_by=user, uploaded_at=clock.now()
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


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


def notify_after(card: Card, step: Step, transition: wf.Transition) -> None:
    """Tell whoever the move concerns (the next party, the key-projects office …)."""
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
        notifications.deliver(
            people.values(), card, action.value, message, sms=action is wf.Action.REPORT_TO_LEADER
        )
