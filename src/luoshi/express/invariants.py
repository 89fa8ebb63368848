"""What a legal card and a complete history look like under the 直通车 rules (the checks
stored cards and histories are held to).

Pure Python: no Django import.
"""

from __future__ import annotations

from collections.abc import Sequence

from luoshi.express.workflow import (
    TRANSITIONS,
    WORKING_STATES,
    Action,
    Card,
    Category,
    Entry,
    Need,
    Severity,
    State,
    Track,
)


def card_problems(card: Card) -> list[str]:
    """What is wrong with a card's fields for its state (empty for a legal card)."""
    problems: list[str] = []
    s = card.state
    triaged = s in (
        State.AWAITING_INSTRUCTION,
        State.AWAITING_DISPATCH,
        *WORKING_STATES,
        State.COMPLETED,
        State.CLOSED,
    )
    if triaged and (card.category is None or not card.advice or card.due_date is None):
        problems.append("已梳理的处置卡缺少问题类别、处理建议或办结时限")
    if card.category is Category.HARD and triaged and card.vice_mayor is None:
        problems.append("疑难问题缺少分管副市长")
    if s in (State.ASSIGNED, State.ACCEPTED, State.IN_PROGRESS, State.COMPLETED, State.CLOSED):
        if card.responsible_unit is None:
            problems.append("缺少责任单位")
        if card.category is Category.HARD and not card.instruction:
            problems.append("疑难问题未经分管副市长批示即转交")
    if s in (State.ACCEPTED, State.IN_PROGRESS, State.COMPLETED, State.CLOSED):
        if not (card.handler and card.section):
            problems.append("缺少办理负责人或责任科室")
    if s in (State.COMPLETED, State.CLOSED) and not card.result:
        problems.append("缺少责任单位事项落实情况")
    if card.track is Track.T13710 and (card.severity is None or card.clock_origin is None):
        problems.append("13710督办缺少问题性质或起算时间")
    if card.plan_due is not None and not (
        card.track is Track.T13710 and card.severity is Severity.MAJOR
    ):
        problems.append("只有13710重大复杂问题可报送解决计划")
    return problems


_ASSIGNING = frozenset(
    {Action.TRIAGE_ORDINARY, Action.DISPATCH, Action.REASSIGN, Action.MOVE_TO_13710}
)


def history_problems(entries: Sequence[Entry]) -> list[str]:
    """What is wrong with a history (empty for a complete, legal one).

    The history must start with filing, chain each state to the next, use only
    legal transitions by permitted actors with their required comments and,
    for a closed card, contain every required step since the last assignment:
    (for a hard card) the vice mayor's instruction, the unit's acceptance, the
    completion report, and the closing.
    """
    problems: list[str] = []
    if not entries or entries[0].action is not Action.FILE:
        return ["历史记录未从填报开始"]
    state: State | None = None
    for i, e in enumerate(entries):
        t = TRANSITIONS[e.action]
        if e.from_state is not state:
            problems.append(f"第{i + 1}条记录的起始状态不连续")
        if e.actor is None or e.actor not in t.actors:
            problems.append(f"第{i + 1}条记录的操作人角色无权“{t.label}”")
        if i and e.from_state not in t.sources:
            problems.append(f"第{i + 1}条记录“{t.label}”不能从该状态发起")
        if Need.COMMENT in t.needs and not e.comment:
            problems.append(f"第{i + 1}条记录“{t.label}”缺少意见")
        expected = t.target if t.target is not None else e.from_state
        if e.to_state is not expected:
            problems.append(f"第{i + 1}条记录的结果状态不对")
        state = e.to_state
    if state is State.CLOSED:
        problems.extend(_closing_problems(entries))
    return problems


def _closing_problems(entries: Sequence[Entry]) -> list[str]:
    actions = [e.action for e in entries]
    last_assign = max(i for i, a in enumerate(actions) if a in _ASSIGNING)
    tail = actions[last_assign:]
    problems = []
    for needed in (Action.ACCEPT, Action.COMPLETE, Action.CLOSE):
        if needed not in tail:
            problems.append(f"完结前缺少“{TRANSITIONS[needed].label}”")
    last_triage = max(
        (i for i, a in enumerate(actions) if a in (Action.TRIAGE_ORDINARY, Action.TRIAGE_HARD)),
        default=-1,
    )
    if last_triage < 0:
        problems.append("完结前缺少市重点办梳理")
    elif actions[last_triage] is Action.TRIAGE_HARD:
        after = actions[last_triage:]
        if Action.INSTRUCT not in after or Action.DISPATCH not in after:
            problems.append("疑难问题完结前缺少分管副市长批示或市政府办转交")
    return problems
