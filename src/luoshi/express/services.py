"""The named actions of the 直通车 workflow, by card id, for views, the API and the CLI.

Each runs an action of :mod:`luoshi.express.actions` (which checks, changes rows, writes the
audit entry and notifies after commit). The rules are in :mod:`luoshi.express.workflow`; the
card row is locked (``SELECT … FOR UPDATE``) for the whole transition, so concurrent
transitions of one card queue up and none is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from luoshi.core import clock
from luoshi.core.errors import Conflict
from luoshi.core.models import User
from luoshi.directory.models import Unit
from luoshi.express import access
from luoshi.express import workflow as wf
from luoshi.express.actions import AttachFile, EscalateStep, FileCard, Filing, MoveCard
from luoshi.express.invariants import history_problems as history_problems_of
from luoshi.express.models import Attachment, Card, Escalation, Step

__all__ = ["Filing"]


def file_card(user: User, filing: Filing, files: Sequence[UploadedFile] = ()) -> Card:
    """填报处置卡 (第六条): a liaison files a card with the key-projects office."""
    return FileCard(user, filing, files).run()


def perform(
    user: User, card_id: int, command: wf.Command, files: Sequence[UploadedFile] = ()
) -> Card:
    """Carry out ``command`` on card ``card_id`` for ``user`` (404 when not visible)."""
    card = access.get_card(user, card_id)
    return MoveCard(user, card, command, files).run()


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


def add_attachment(user: User, card_id: int, upload: UploadedFile) -> Attachment:
    """Attach a file to a card; any party of the card may."""
    return AttachFile(user, access.get_card(user, card_id), upload).run()


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
        try:
            created.append(EscalateStep(card, moment).run())
        except Conflict:  # escalated already (or by a concurrent sweep)
            continue
    return created


def history(card: Card) -> list[Step]:
    return list(card.steps.select_related("actor", "actor_unit").order_by("seq"))


def history_problems(card: Card) -> list[str]:
    """Checks a stored history with the workflow's rules (empty when complete and legal)."""
    return history_problems_of([s.entry() for s in card.steps.order_by("seq")])


def allowed_actions(user: User, card: Card) -> list[wf.Transition]:
    """The transitions whose buttons ``user`` sees on ``card`` (the actions' own ``allowed``)."""
    return [
        t
        for t in wf.TRANSITIONS.values()
        if t.action is not wf.Action.FILE and MoveCard(user, card, wf.Command(t.action)).allowed()
    ]


def units_for_choice() -> Iterable[Unit]:
    return Unit.objects.order_by("kind", "name")
