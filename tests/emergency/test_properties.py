"""Property tests: grading is monotone in the counts, ignores the order of fields, and launches a
city response only for an event in the city."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.emergency.compiled import IN_CITY, WIDER_THAN_CITY
from luoshi.emergency.facts import FIELDS
from luoshi.emergency.grading import grade, plan_fields
from luoshi.emergency.levels import level_rank
from luoshi.emergency.playbook import load_playbook, plan_ids

COUNTS = sorted(name for name, spec in FIELDS.items() if spec.type in ("int", "num"))


def _value(spec):
    if spec.type == "int":
        return st.integers(0, 200)
    if spec.type == "num":
        return st.one_of(st.integers(0, 20000), st.floats(0, 20000, allow_nan=False))
    if spec.type == "bool":
        return st.booleans()
    return st.sampled_from(spec.choices)


@st.composite
def plan_and_facts(draw):
    plan_id = draw(st.sampled_from(plan_ids()))
    names = sorted(plan_fields(load_playbook(plan_id)))
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=8))
    facts = {name: draw(_value(FIELDS[name])) for name in chosen}
    return plan_id, facts


@settings(max_examples=300, deadline=None)
@given(plan_and_facts(), st.sampled_from(COUNTS), st.integers(1, 500))
def test_more_of_any_count_never_lowers_the_level(pf, field, extra):
    """For an event in the city (one county of ours): a city place is what wider counts need."""
    plan_id, facts = pf
    facts = {**facts, "counties_affected": max(1, facts.get("counties_affected", 0))}
    before = grade(plan_id, facts).level
    more = dict(facts)
    more[field] = more.get(field, 0) + extra
    assert level_rank(grade(plan_id, more).level) >= level_rank(before)


@settings(max_examples=150, deadline=None)
@given(plan_and_facts(), st.randoms(use_true_random=False))
def test_order_of_fields_does_not_matter(pf, rnd):
    plan_id, facts = pf
    items = list(facts.items())
    rnd.shuffle(items)
    shuffled = dict(items)
    a = grade(plan_id, facts).as_dict()
    b = grade(plan_id, shuffled).as_dict()
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


@settings(max_examples=150, deadline=None)
@given(plan_and_facts())
def test_answers_are_well_formed(pf):
    plan_id, facts = pf
    g = grade(plan_id, facts).as_dict()
    assert g["level"] in ("I", "II", "III", "none")
    if g["level"] != "none":
        assert g["clauses"] and g["decided_by"]["who"]
    for r in g["to_raise"]:
        assert level_rank(r["level"]) > level_rank(g["level"])
        raised = dict(facts)
        for change in r["changes"]:
            need = change["need"]
            raised[change["field"]] = (
                need[0] if isinstance(need, list) else (need + 1 if change["op"] == "gt" else need)
            )
        assert level_rank(grade(plan_id, raised).level) >= level_rank(r["level"]), (raised, r)


WIDER = sorted(WIDER_THAN_CITY)


@st.composite
def elsewhere_only(draw):
    """Facts of a plan that counts beyond the city: wider figures, no county or point of ours."""
    plan_id = draw(st.sampled_from(["animal-epidemic", "food-safety"]))
    names = sorted(plan_fields(load_playbook(plan_id)) - IN_CITY - {"hq_discretion_level"})
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=8))
    facts = {name: draw(_value(FIELDS[name])) for name in chosen}
    wider = draw(st.sampled_from([f for f in WIDER if f in names]))
    facts[wider] = True if FIELDS[wider].type == "bool" else draw(st.integers(1, 200))
    return plan_id, facts


@settings(max_examples=300, deadline=None)
@given(elsewhere_only())
def test_an_event_counted_only_elsewhere_never_launches_a_city_response(pf):
    plan_id, facts = pf
    g = grade(plan_id, facts)
    assert g.level == "none", facts
    assert any("本市以外" in a["text"] for a in g.advisories)
    for r in g.to_raise:  # every way up places the event in the city first
        assert any(c.field == "counties_affected" for c in r.changes), r


@settings(max_examples=200, deadline=None)
@given(elsewhere_only(), st.sampled_from(["I", "II", "III"]))
def test_the_headquarters_may_still_decide_for_an_event_elsewhere(pf, level):
    plan_id, facts = pf
    assert grade(plan_id, {**facts, "hq_discretion_level": level}).level == level
