"""The pure state machine: legal moves only, required opinions, complete histories."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from luoshi.core.calendar import WorkingCalendar
from luoshi.core.clock import parse_moment
from luoshi.core.errors import Conflict, DomainError, Forbidden
from luoshi.express.invariants import card_problems, history_problems
from luoshi.express.timelimits import Clock
from luoshi.express.workflow import (
    OPEN_STATES,
    TRANSITIONS,
    Action,
    Actor,
    Card,
    Category,
    Command,
    MissingField,
    Severity,
    State,
    Track,
    allowed,
    apply,
    file_card,
)

CLOCK = Clock(WorkingCalendar())
START = parse_moment("2020-09-28T09:00")
DUE = dt.date(2020, 10, 20)


def full(action: Action, **kw) -> Command:
    base = dict(
        comment="意见",
        unit=7,
        vice_mayor=3,
        due_date=DUE,
        handler="张三",
        section="综合科",
        plan_due=dt.date(2020, 12, 31),
        severity=Severity.MAJOR,
    )
    base.update(kw)
    return Command(action, **base)


def walk(steps, at=START):
    """Apply (action, actor, overrides) steps from filing; returns card and history."""
    outcome = file_card(at)
    card, history = outcome.card, [outcome.entry]
    for i, (action, actor, overrides) in enumerate(steps, start=1):
        outcome = apply(card, full(action, **overrides), {actor}, at + dt.timedelta(hours=i), CLOCK)
        card = outcome.card
        history.append(outcome.entry)
    return card, history


HARD_PATH = [
    (Action.TRIAGE_HARD, Actor.KEY_OFFICE, {}),
    (Action.INSTRUCT, Actor.VICE_MAYOR, {}),
    (Action.DISPATCH, Actor.GOV_OFFICE, {}),
    (Action.ACCEPT, Actor.RESPONSIBLE_UNIT, {}),
    (Action.REPORT_PROGRESS, Actor.RESPONSIBLE_UNIT, {}),
    (Action.COMPLETE, Actor.RESPONSIBLE_UNIT, {"comment": "已办结"}),
    (Action.CLOSE, Actor.KEY_OFFICE, {}),
]


def test_should_walk_a_hard_card_to_closure_with_complete_history():
    card, history = walk(HARD_PATH)

    assert card.state is State.CLOSED
    assert card.category is Category.HARD
    assert (card.advice, card.instruction, card.result) == ("意见", "意见", "已办结")
    assert history_problems(history) == []
    assert [e.actor for e in history][:4] == [
        Actor.LIAISON,
        Actor.KEY_OFFICE,
        Actor.VICE_MAYOR,
        Actor.GOV_OFFICE,
    ]


def test_should_walk_an_ordinary_card_straight_to_the_unit():
    card, history = walk([(Action.TRIAGE_ORDINARY, Actor.KEY_OFFICE, {})])
    assert card.state is State.ASSIGNED and card.responsible_unit == 7
    assert card.vice_mayor is None


@pytest.mark.parametrize("actor", [a for a in Actor if a is not Actor.KEY_OFFICE])
def test_should_refuse_triage_by_anyone_but_the_key_projects_office(actor):
    card = file_card(START).card
    with pytest.raises(Forbidden):
        apply(card, full(Action.TRIAGE_HARD), {actor}, START, CLOCK)


@pytest.mark.parametrize(
    "action", [Action.TRIAGE_ORDINARY, Action.TRIAGE_HARD, Action.RETURN_FOR_INFO]
)
def test_should_require_the_key_office_s_written_advice(action):
    card = file_card(START).card
    with pytest.raises(MissingField) as raised:
        apply(card, full(action, comment="  "), {Actor.KEY_OFFICE}, START, CLOCK)
    assert "意见" in str(raised.value)


def test_should_require_the_vice_mayor_s_instruction_and_the_unit_s_result():
    card, _ = walk(HARD_PATH[:1])
    with pytest.raises(MissingField):
        apply(card, full(Action.INSTRUCT, comment=""), {Actor.VICE_MAYOR}, START, CLOCK)
    card, _ = walk(HARD_PATH[:4])
    with pytest.raises(MissingField):
        apply(card, full(Action.COMPLETE, comment=""), {Actor.RESPONSIBLE_UNIT}, START, CLOCK)
    card, _ = walk(HARD_PATH[:3])
    with pytest.raises(MissingField):
        apply(card, full(Action.ACCEPT, handler=""), {Actor.RESPONSIBLE_UNIT}, START, CLOCK)


def test_should_not_let_a_unit_close_its_own_card():
    card, _ = walk(HARD_PATH[:6])
    assert card.state is State.COMPLETED
    with pytest.raises(Forbidden):
        apply(card, full(Action.CLOSE), {Actor.RESPONSIBLE_UNIT}, START, CLOCK)


def test_should_reassign_and_clear_the_previous_unit_s_handler():
    card, history = walk(
        [
            (Action.TRIAGE_ORDINARY, Actor.KEY_OFFICE, {}),
            (Action.ACCEPT, Actor.RESPONSIBLE_UNIT, {}),
            (Action.REASSIGN, Actor.KEY_OFFICE, {"unit": 8, "comment": "职责不符"}),
        ]
    )
    assert card.state is State.ASSIGNED and card.responsible_unit == 8
    assert card.handler == "" and history[-1].comment == "职责不符"
    with pytest.raises(MissingField):
        apply(card, full(Action.REASSIGN, unit=8), {Actor.KEY_OFFICE}, START, CLOCK)


def test_should_return_for_information_and_allow_withdrawal():
    card, history = walk(
        [
            (Action.RETURN_FOR_INFO, Actor.KEY_OFFICE, {"comment": "请补充用地手续"}),
            (Action.RESUBMIT, Actor.LIAISON, {"comment": "已补充"}),
            (Action.WITHDRAW, Actor.LIAISON, {"comment": "企业已自行解决"}),
        ]
    )
    assert card.state is State.WITHDRAWN
    assert allowed(card, set(Actor)) == []
    assert history_problems(history) == []


def test_should_move_onto_13710_once_and_allow_a_dated_plan_only_for_major_problems():
    card, _ = walk(
        [
            (Action.TRIAGE_ORDINARY, Actor.KEY_OFFICE, {}),
            (Action.MOVE_TO_13710, Actor.SUPERVISION, {"severity": Severity.ORDINARY}),
            (Action.ACCEPT, Actor.RESPONSIBLE_UNIT, {}),
        ]
    )
    assert card.track is Track.T13710
    assert Action.MOVE_TO_13710 not in {t.action for t in allowed(card, set(Actor))}
    with pytest.raises(Conflict):
        apply(card, full(Action.SUBMIT_PLAN), {Actor.RESPONSIBLE_UNIT}, START, CLOCK)


def test_should_flag_a_history_that_skips_the_instruction():
    _, history = walk(HARD_PATH)
    skipped = [e for e in history if e.action is not Action.INSTRUCT]
    assert history_problems(skipped)


# -- property-based: any sequence of actions by any role ---------------------------------

actions = st.sampled_from([a for a in Action if a is not Action.FILE])
actor_sets = st.frozensets(st.sampled_from(list(Actor)), min_size=1, max_size=2)
texts = st.sampled_from(["", " ", "意见"])
units = st.sampled_from([None, 1, 2])
dates = st.sampled_from([None, dt.date(2020, 10, 9), dt.date(2021, 1, 31)])
severities = st.sampled_from([None, Severity.ORDINARY, Severity.MAJOR])
commands = st.builds(
    Command,
    action=actions,
    comment=texts,
    unit=units,
    vice_mayor=st.sampled_from([None, 3]),
    due_date=dates,
    handler=texts,
    section=texts,
    plan_due=dates,
    severity=severities,
)


class CardMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        outcome = file_card(START)
        self.card: Card = outcome.card
        self.history = [outcome.entry]
        self.at = START

    @rule(command=commands, actors=actor_sets, hours=st.integers(0, 80))
    def act(self, command, actors, hours):
        self.at += dt.timedelta(hours=hours)
        before = self.card
        permitted = {t.action for t in allowed(before, actors)}
        try:
            outcome = apply(before, command, actors, self.at, CLOCK)
        except DomainError:
            if command.action in permitted:
                assert isinstance(
                    pytest.raises(
                        MissingField, apply, before, command, actors, self.at, CLOCK
                    ).value,
                    MissingField,
                )
            return
        assert command.action in permitted, "an action outside the allowed list succeeded"
        t = TRANSITIONS[command.action]
        assert outcome.entry.actor in t.actors and outcome.entry.actor in actors
        self.card = outcome.card
        self.history.append(outcome.entry)

    @rule(actors=actor_sets)
    def take_any_allowed_step(self, actors):
        """Bias the walk forwards: do something allowed with every field filled."""
        options = [
            t
            for t in allowed(self.card, actors)
            if t.action not in (Action.WITHDRAW, Action.CANCEL)
        ]
        if not options:
            return
        self.at += dt.timedelta(hours=5)
        t = options[len(self.history) % len(options)]
        unit = 2 if self.card.responsible_unit == 1 else 1
        later = self.at.date() + dt.timedelta(days=20)
        command = full(t.action, unit=unit, due_date=later, plan_due=later)
        outcome = apply(self.card, command, actors, self.at, CLOCK)
        self.card = outcome.card
        self.history.append(outcome.entry)

    @invariant()
    def card_is_legal(self):
        assert card_problems(self.card) == []

    @invariant()
    def history_is_complete(self):
        assert history_problems(self.history) == []
        assert self.history[-1].to_state is self.card.state

    @invariant()
    def only_open_cards_have_a_clock(self):
        due = CLOCK.step_deadline(self.card)
        if self.card.state in OPEN_STATES and self.card.track is Track.T13710:
            assert due is not None
        if self.card.state.terminal:
            assert due is None and allowed(self.card, set(Actor)) == []


CardMachine.TestCase.settings = settings(
    max_examples=150,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestCardMachine = CardMachine.TestCase
