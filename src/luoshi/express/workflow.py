"""The 24小时直通车 card workflow and the 13710 time limits, as a pure state machine.

Source: 《晋城市服务项目"24小时直通车"制度》(晋市政办〔2020〕18号), articles 6–10,
and the province's 13710 督办 rules for items moved onto that track.

A 重点项目事项处置卡 (card) moves through these states::

    filed ──triage_ordinary──────────────────────────────► assigned
      │  └─triage_hard─► awaiting_instruction ─instruct─► awaiting_dispatch ─dispatch─┘
      │                     (分管副市长)                      (市政府办科室)
      ├─return_for_info─► returned ─resubmit─► filed
      └─withdraw──► withdrawn
    assigned ─accept─► accepted ─report_progress─► in_progress ─complete─► completed ─close─► closed
       (落实负责人、责任科室)                                  (责任单位落实情况)   (市重点办完结)

plus reassignment (改派), moving onto the 13710 track (纳入13710督办), urging
(督促), reporting to the vice mayor (报告分管副市长), sending back and
cancelling. Only the right actor moves a card out of each state; the actions
where the rules call for a written opinion require one.

Every step has a clock, kept in :mod:`luoshi.express.timelimits` (24 natural
hours on the 直通车 track, the 13710 limits, configurable).

Pure Python: no Django import. Units and users are plain ids here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol

from luoshi.core.clock import local_zone
from luoshi.core.errors import Conflict, Forbidden, Invalid
from luoshi.express.states import (
    ACTOR_LABELS,
    OPEN_STATES,
    STATE_LABELS,
    TERMINAL_STATES,
    Actor,
    Category,
    Severity,
    State,
    Track,
)

__all__ = [
    "ACTOR_LABELS",
    "OPEN_STATES",
    "STATE_LABELS",
    "TERMINAL_STATES",
    "Actor",
    "Category",
    "Severity",
    "State",
    "Track",
]  # the states, re-exported: callers read them as ``wf.State`` beside the moves


class Action(StrEnum):
    """Every move a card can make (one named action each)."""

    FILE = "file"
    RESUBMIT = "resubmit"
    WITHDRAW = "withdraw"
    RETURN_FOR_INFO = "return_for_info"
    TRIAGE_ORDINARY = "triage_ordinary"
    TRIAGE_HARD = "triage_hard"
    INSTRUCT = "instruct"
    SEND_BACK = "send_back"
    DISPATCH = "dispatch"
    ACCEPT = "accept"
    REPORT_PROGRESS = "report_progress"
    SUBMIT_PLAN = "submit_plan"
    COMPLETE = "complete"
    REJECT_COMPLETION = "reject_completion"
    CLOSE = "close"
    REASSIGN = "reassign"
    MOVE_TO_13710 = "move_to_13710"
    URGE = "urge"
    REPORT_TO_LEADER = "report_to_leader"
    CANCEL = "cancel"

    @property
    def label(self) -> str:
        return TRANSITIONS[self].label


class Need(StrEnum):
    """A field a command must carry for an action."""

    COMMENT = "comment"
    UNIT = "unit"
    VICE_MAYOR = "vice_mayor"
    DUE_DATE = "due_date"
    HANDLER = "handler"
    SECTION = "section"
    PLAN_DUE = "plan_due"
    SEVERITY = "severity"


@dataclass(frozen=True)
class Transition:
    """One action: from which states, to which state (None: stays), by whom, needing what."""

    action: Action
    label: str
    sources: frozenset[State]
    target: State | None
    actors: frozenset[Actor]
    needs: frozenset[Need] = frozenset()
    comment_label: str = "说明"
    fills: str | None = None
    """The official card field the comment fills (advice, instruction, result)."""
    rule: str = ""
    """The article of the rules it implements."""


def _t(
    action: Action,
    label: str,
    sources: Iterable[State],
    target: State | None,
    actors: Iterable[Actor],
    needs: Iterable[Need] = (),
    *,
    comment_label: str = "说明",
    fills: str | None = None,
    rule: str = "",
) -> Transition:
    return Transition(
        action,
        label,
        frozenset(sources),
        target,
        frozenset(actors),
        frozenset(needs),
        comment_label,
        fills,
        rule,
    )


S = State
A = Actor
N = Need
WORKING_STATES = (S.ASSIGNED, S.ACCEPTED, S.IN_PROGRESS)

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in [
        _t(Action.FILE, "填报处置卡", (), S.FILED, (A.LIAISON,), rule="第六条"),
        _t(
            Action.RESUBMIT,
            "补充后重新报送",
            (S.RETURNED,),
            S.FILED,
            (A.LIAISON,),
            (N.COMMENT,),
            comment_label="补充说明",
            rule="第七条(一)",
        ),
        _t(
            Action.WITHDRAW,
            "撤回",
            (S.FILED, S.RETURNED),
            S.WITHDRAWN,
            (A.LIAISON,),
            (N.COMMENT,),
            comment_label="撤回原因",
        ),
        _t(
            Action.RETURN_FOR_INFO,
            "退回补充材料",
            (S.FILED,),
            S.RETURNED,
            (A.KEY_OFFICE,),
            (N.COMMENT,),
            comment_label="需补充的内容",
            rule="第七条(一)",
        ),
        _t(
            Action.TRIAGE_ORDINARY,
            "一般性问题:提出处理建议并转交责任单位",
            (S.FILED,),
            S.ASSIGNED,
            (A.KEY_OFFICE,),
            (N.COMMENT, N.UNIT, N.DUE_DATE),
            comment_label="市重点办处理建议",
            fills="advice",
            rule="第七条(二)",
        ),
        _t(
            Action.TRIAGE_HARD,
            "疑难问题:提出处理建议报分管副市长",
            (S.FILED,),
            S.AWAITING_INSTRUCTION,
            (A.KEY_OFFICE,),
            (N.COMMENT, N.VICE_MAYOR, N.DUE_DATE),
            comment_label="市重点办处理建议",
            fills="advice",
            rule="第七条(三)",
        ),
        _t(
            Action.INSTRUCT,
            "签批处理意见",
            (S.AWAITING_INSTRUCTION,),
            S.AWAITING_DISPATCH,
            (A.VICE_MAYOR,),
            (N.COMMENT,),
            comment_label="分管市长批示意见",
            fills="instruction",
            rule="第八条",
        ),
        _t(
            Action.SEND_BACK,
            "退回市重点办",
            (S.AWAITING_INSTRUCTION,),
            S.FILED,
            (A.VICE_MAYOR,),
            (N.COMMENT,),
            comment_label="退回意见",
        ),
        _t(
            Action.DISPATCH,
            "转交责任单位并反馈市重点办",
            (S.AWAITING_DISPATCH,),
            S.ASSIGNED,
            (A.GOV_OFFICE,),
            (N.UNIT,),
            comment_label="转交说明",
            rule="第八条",
        ),
        _t(
            Action.ACCEPT,
            "落实办理负责人和责任科室",
            (S.ASSIGNED,),
            S.ACCEPTED,
            (A.RESPONSIBLE_UNIT,),
            (N.HANDLER, N.SECTION),
            comment_label="部署情况",
            rule="第九条",
        ),
        _t(
            Action.REPORT_PROGRESS,
            "报告进展情况",
            (S.ACCEPTED, S.IN_PROGRESS),
            S.IN_PROGRESS,
            (A.RESPONSIBLE_UNIT,),
            (N.COMMENT,),
            comment_label="进展情况",
            rule="第九条",
        ),
        _t(
            Action.SUBMIT_PLAN,
            "报送明确时限的解决计划",
            (S.ACCEPTED, S.IN_PROGRESS),
            S.IN_PROGRESS,
            (A.RESPONSIBLE_UNIT,),
            (N.COMMENT, N.PLAN_DUE),
            comment_label="解决计划",
            rule="13710",
        ),
        _t(
            Action.COMPLETE,
            "填写落实情况并报市重点办",
            (S.ACCEPTED, S.IN_PROGRESS),
            S.COMPLETED,
            (A.RESPONSIBLE_UNIT,),
            (N.COMMENT,),
            comment_label="责任单位事项落实情况",
            fills="result",
            rule="第九条",
        ),
        _t(
            Action.REJECT_COMPLETION,
            "退回重办",
            (S.COMPLETED,),
            S.IN_PROGRESS,
            (A.KEY_OFFICE,),
            (N.COMMENT,),
            comment_label="退回原因",
            rule="第十条",
        ),
        _t(
            Action.CLOSE,
            "完结事项",
            (S.COMPLETED,),
            S.CLOSED,
            (A.KEY_OFFICE,),
            comment_label="完结意见",
            rule="第九条",
        ),
        _t(
            Action.REASSIGN,
            "改派责任单位",
            WORKING_STATES,
            S.ASSIGNED,
            (A.KEY_OFFICE,),
            (N.COMMENT, N.UNIT),
            comment_label="改派原因",
        ),
        _t(
            Action.MOVE_TO_13710,
            "纳入13710平台督办",
            WORKING_STATES,
            S.ASSIGNED,
            (A.KEY_OFFICE, A.SUPERVISION),
            (N.COMMENT, N.SEVERITY),
            comment_label="督办理由",
            rule="第十条",
        ),
        _t(
            Action.URGE,
            "督促落实",
            (S.AWAITING_INSTRUCTION, S.AWAITING_DISPATCH, *WORKING_STATES),
            None,
            (A.KEY_OFFICE, A.SUPERVISION),
            (N.COMMENT,),
            comment_label="督促意见",
            rule="第十条",
        ),
        _t(
            Action.REPORT_TO_LEADER,
            "报告分管副市长",
            WORKING_STATES,
            None,
            (A.KEY_OFFICE, A.SUPERVISION),
            (N.COMMENT,),
            comment_label="落实不到位情况",
            rule="第十条",
        ),
        _t(
            Action.CANCEL,
            "撤销处置卡",
            OPEN_STATES,
            S.WITHDRAWN,
            (A.KEY_OFFICE,),
            (N.COMMENT,),
            comment_label="撤销原因",
        ),
    ]
}

WAITING_STATES: dict[Actor, frozenset[State]] = {
    A.LIAISON: frozenset({S.RETURNED}),
    A.KEY_OFFICE: frozenset({S.FILED, S.COMPLETED}),
    A.VICE_MAYOR: frozenset({S.AWAITING_INSTRUCTION}),
    A.GOV_OFFICE: frozenset({S.AWAITING_DISPATCH}),
    A.RESPONSIBLE_UNIT: frozenset({S.ASSIGNED, S.ACCEPTED, S.IN_PROGRESS}),
    A.SUPERVISION: frozenset(),  # the supervision office waits on overdue cards instead
}
"""States in which a card waits for each actor ("待我办理")."""


# -- cards -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    """The workflow's view of a card: state plus the fields the rules depend on."""

    state: State
    entered_at: dt.datetime
    """When the running step began."""
    track: Track = Track.EXPRESS
    category: Category | None = None
    severity: Severity | None = None
    advice: str = ""  # 市重点办处理建议
    instruction: str = ""  # 分管市长批示意见
    result: str = ""  # 责任单位事项落实情况
    responsible_unit: int | None = None
    vice_mayor: int | None = None
    handler: str = ""  # 事项办理负责人
    section: str = ""  # 责任科室
    due_date: dt.date | None = None  # 办结时限 (set at triage)
    plan_due: dt.date | None = None  # 13710 dated plan
    clock_origin: dt.datetime | None = None
    """When the 13710 clock started (moved onto the track, or reassigned on it)."""


@dataclass(frozen=True)
class Command:
    """What an actor asks for, with the fields the action may need."""

    action: Action
    comment: str = ""
    unit: int | None = None
    vice_mayor: int | None = None
    due_date: dt.date | None = None
    handler: str = ""
    section: str = ""
    plan_due: dt.date | None = None
    severity: Severity | None = None


@dataclass(frozen=True)
class Entry:
    """One line of a card's history: who (as which actor) did what, when, and how timely."""

    action: Action
    actor: Actor | None
    from_state: State | None
    to_state: State
    at: dt.datetime
    comment: str = ""
    step_started_at: dt.datetime | None = None
    step_due_at: dt.datetime | None = None

    @property
    def overdue(self) -> bool:
        return self.step_due_at is not None and self.at > self.step_due_at


@dataclass(frozen=True)
class Outcome:
    card: Card
    entry: Entry


class MissingField(Invalid):
    """A field the action needs is missing or out of range (400)."""

    def __init__(self, needs: Sequence[Need], message: str) -> None:
        super().__init__(message)
        self.needs = tuple(needs)


class StepClock(Protocol):
    """What moving a card needs from the clock (:class:`luoshi.express.timelimits.Clock`)."""

    def step_deadline(self, card: Card) -> dt.datetime | None: ...


def file_card(at: dt.datetime) -> Outcome:
    """A newly filed card (填报处置卡, 第六条)."""
    card = Card(state=State.FILED, entered_at=at)
    return Outcome(card, Entry(Action.FILE, Actor.LIAISON, None, State.FILED, at))


def allowed(card: Card, actors: Iterable[Actor]) -> list[Transition]:
    """The actions ``actors`` may take on ``card`` now, in table order."""
    mine = frozenset(actors)
    return [
        t for t in TRANSITIONS.values() if t.action is not Action.FILE and _permits(t, card, mine)
    ]


def _permits(t: Transition, card: Card, actors: frozenset[Actor]) -> bool:
    if card.state not in t.sources or not (t.actors & actors):
        return False
    if t.action is Action.MOVE_TO_13710:
        return card.track is Track.EXPRESS
    if t.action is Action.SUBMIT_PLAN:
        return card.track is Track.T13710 and card.severity is Severity.MAJOR
    return True


def missing_needs(t: Transition, card: Card, command: Command) -> list[Need]:
    """Fields ``command`` lacks for ``t``."""
    present = {
        Need.COMMENT: bool(command.comment.strip()),
        Need.UNIT: command.unit is not None,
        Need.VICE_MAYOR: command.vice_mayor is not None,
        Need.DUE_DATE: command.due_date is not None,
        Need.HANDLER: bool(command.handler.strip()),
        Need.SECTION: bool(command.section.strip()),
        Need.PLAN_DUE: command.plan_due is not None,
        Need.SEVERITY: command.severity is not None,
    }
    return sorted((n for n in t.needs if not present[n]), key=list(Need).index)


NEED_LABELS: dict[Need, str] = {
    Need.COMMENT: "意见",
    Need.UNIT: "责任单位",
    Need.VICE_MAYOR: "分管副市长",
    Need.DUE_DATE: "办结时限",
    Need.HANDLER: "办理负责人",
    Need.SECTION: "责任科室",
    Need.PLAN_DUE: "计划完成日期",
    Need.SEVERITY: "问题性质",
}


def check(card: Card, command: Command, actors: Iterable[Actor], at: dt.datetime) -> Transition:
    """The transition ``command`` asks for, if the rules allow it to ``actors`` now.

    Raises :class:`~luoshi.core.errors.Forbidden` when none of ``actors`` may take the
    action, :class:`~luoshi.core.errors.Conflict` when the card's state does not permit it,
    :class:`MissingField` when a required field (often the written opinion) is missing.
    """
    t = TRANSITIONS[command.action]
    mine = frozenset(actors)
    if t.action is Action.FILE:
        raise Conflict("处置卡只能新建时填报")
    if not (t.actors & mine):
        raise Forbidden(f"无权“{t.label}”")
    if not _permits(t, card, mine):
        raise Conflict(f"当前状态“{card.state.label}”下不能执行“{t.label}”")
    lacking = missing_needs(t, card, command)
    if lacking:
        names = "、".join(NEED_LABELS[n] for n in lacking)
        raise MissingField(lacking, f"“{t.label}”须填写:{names}")
    if t.action is Action.REASSIGN and command.unit == card.responsible_unit:
        raise MissingField([Need.UNIT], "改派须选择另一个责任单位")
    today = at.astimezone(local_zone()).date()
    for need, day, label in (
        (Need.PLAN_DUE, command.plan_due, "计划完成日期"),
        (Need.DUE_DATE, command.due_date, "办结时限"),
    ):
        if day is not None and need in t.needs | _OPTIONAL_DATES.get(t.action, frozenset()):
            if not today <= day <= today + MAX_SPAN:
                raise MissingField([need], f"{label}须在今天至十年内")
    return t


def apply(
    card: Card, command: Command, actors: Iterable[Actor], at: dt.datetime, clock: StepClock
) -> Outcome:
    """Move ``card`` by ``command`` on behalf of someone holding ``actors``.

    Refuses as :func:`check` does; never returns an illegal card.
    """
    mine = frozenset(actors)
    t = check(card, command, mine, at)
    actor = _acting_as(t, mine)
    due = clock.step_deadline(card)
    updated = _change(card, t, command, at)
    entry = Entry(
        t.action,
        actor,
        card.state,
        updated.state,
        at,
        command.comment.strip(),
        card.entered_at,
        due,
    )
    return Outcome(updated, entry)


MAX_SPAN = dt.timedelta(days=3660)
_OPTIONAL_DATES = {Action.INSTRUCT: frozenset({Need.DUE_DATE})}


def _acting_as(t: Transition, actors: frozenset[Actor]) -> Actor:
    return next(a for a in Actor if a in t.actors and a in actors)


def _change(card: Card, t: Transition, c: Command, at: dt.datetime) -> Card:
    new = card
    if t.target is not None and t.target is not card.state:
        new = replace(new, state=t.target, entered_at=at)
    elif t.target is not None and t.action in (Action.REASSIGN, Action.MOVE_TO_13710):
        new = replace(new, entered_at=at)  # a new unit or a new track: a new step
    text = c.comment.strip()
    a = t.action
    if a is Action.TRIAGE_ORDINARY:
        new = replace(
            new,
            category=Category.ORDINARY,
            advice=text,
            responsible_unit=c.unit,
            due_date=c.due_date,
        )
    elif a is Action.TRIAGE_HARD:
        new = replace(
            new,
            category=Category.HARD,
            advice=text,
            vice_mayor=c.vice_mayor,
            due_date=c.due_date,
            responsible_unit=c.unit,
        )
    elif a is Action.INSTRUCT:
        new = replace(new, instruction=text, due_date=c.due_date or new.due_date)
    elif a is Action.DISPATCH:
        new = replace(new, responsible_unit=c.unit)
    elif a is Action.ACCEPT:
        new = replace(new, handler=c.handler.strip(), section=c.section.strip())
    elif a is Action.SUBMIT_PLAN:
        new = replace(new, plan_due=c.plan_due)
    elif a is Action.COMPLETE:
        new = replace(new, result=text)
    elif a is Action.REASSIGN:
        new = replace(new, responsible_unit=c.unit, handler="", section="", plan_due=None)
        if new.track is Track.T13710:
            new = replace(new, clock_origin=at)
    elif a is Action.MOVE_TO_13710:
        new = replace(new, track=Track.T13710, severity=c.severity, clock_origin=at)
    elif a is Action.SEND_BACK:
        new = replace(new, category=None, vice_mayor=None)
    return new
