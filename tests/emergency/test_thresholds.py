"""Every launch condition of every playbook, exactly at its thresholds and just below.

Witness facts are built here from the playbook data (independently of the engine):
for each way a rule can hold (one branch of every ``any``), the smallest facts that
meet it. At the witness the rule's level is reached and the rule is among the cited
clauses; with any one threshold just below, that rule no longer decides the level.
"""

from __future__ import annotations

import itertools

import pytest

from luoshi.emergency.compiled import IN_CITY, WIDER_THAN_CITY
from luoshi.emergency.facts import FIELDS
from luoshi.emergency.grading import grade
from luoshi.emergency.levels import level_rank
from luoshi.emergency.playbook import AllOf, AnyOf, ClassIn, Leaf, load_playbook, plan_ids


def witnesses(cond, playbook):
    """Lists of (facts, [(field, value just below)]) for the gte/gt leaves used."""
    if isinstance(cond, Leaf):
        name = "injured" if cond.field == "casualties" else cond.field
        if cond.op == "gte":
            return [({name: cond.value}, [(name, _below(cond.value, name))])]
        if cond.op == "gt":
            return [({name: cond.value + 1}, [(name, cond.value)])]
        if cond.op == "in":
            return [({name: cond.value[0]}, [])]
        return [({name: cond.value}, [])]
    if isinstance(cond, AnyOf):
        return [w for item in cond.items for w in witnesses(item, playbook)]
    if isinstance(cond, ClassIn):
        lowest = cond.classes[0]
        return [
            w
            for c in playbook.classification
            if c.event_class == lowest
            for w in witnesses(c.rule.when, playbook)
        ]
    assert isinstance(cond, AllOf)
    out = []
    for combo in itertools.product(*(witnesses(item, playbook) for item in cond.items)):
        facts, thresholds = {}, []
        for f, t in combo:
            facts.update(f)
            thresholds.extend(t)
        out.append((facts, thresholds))
    return out


def cases():
    for plan_id in plan_ids():
        playbook = load_playbook(plan_id)
        for level in playbook.levels.values():
            for rule in level.rules:
                if rule.discretion:
                    continue
                for i, (facts, thresholds) in enumerate(witnesses(rule.when, playbook)):
                    yield pytest.param(
                        plan_id,
                        level.level,
                        rule.ref,
                        facts,
                        thresholds,
                        id=f"{plan_id}-{rule.ref}-{i}",
                    )


BASE = {"coal-mine": {"incident_occurred": False}}


def in_city(facts):
    """A witness counting the province or other cities also names one county of ours."""
    if set(facts) & WIDER_THAN_CITY and not set(facts) & IN_CITY:
        return {"counties_affected": 1, **facts}
    return facts


def _below(value, field):
    return value - 1 if FIELDS[field].type == "int" else round(value - 0.01, 6)


@pytest.mark.parametrize(("plan_id", "level", "ref", "facts", "thresholds"), list(cases()))
def test_rule_at_and_just_below_its_thresholds(plan_id, level, ref, facts, thresholds):
    base = {**BASE.get(plan_id, {}), **in_city(facts)}
    at = grade(plan_id, base)
    assert at.level == level, (base, at.level, [c.ref for c in at.clauses])
    assert ref in [c.ref for c in at.clauses]
    for field, value in thresholds:
        below = {**base, field: value}
        got = grade(plan_id, below)
        assert level_rank(got.level) <= level_rank(level), below
        assert got.level != level or ref not in [c.ref for c in got.clauses], below


@pytest.mark.parametrize("plan_id", plan_ids())
def test_discretion_clauses_give_exactly_their_level(plan_id):
    playbook = load_playbook(plan_id)
    for level in playbook.levels.values():
        discretion = [r for r in level.rules if r.discretion]
        assert len(discretion) == 1, (plan_id, level.level)
        got = grade(plan_id, {**BASE.get(plan_id, {}), "hq_discretion_level": level.level})
        assert got.level == level.level
        assert discretion[0].ref in [c.ref for c in got.clauses]


@pytest.mark.parametrize("plan_id", plan_ids())
def test_bands_end_where_the_next_level_starts(plan_id):
    """A 以下 upper edge is never below the threshold of the same field one level up."""
    playbook = load_playbook(plan_id)
    assert playbook.level_order()[-1] == "III" and "IV" not in playbook.levels
