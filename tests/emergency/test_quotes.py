"""Every quoted clause of every playbook is found, verbatim, in its plan's text."""

import pytest

from luoshi.emergency.playbook import load_playbook, missing_quotes, plan_ids

PLANS = [
    "crop-pest",
    "road-traffic",
    "special-equipment",
    "coal-mine",
    "animal-epidemic",
    "food-safety",
]


def test_the_six_plans_are_bundled():
    assert sorted(plan_ids()) == sorted(PLANS)


@pytest.mark.parametrize("plan_id", plan_ids())
def test_every_quote_is_in_the_plan_text(plan_id, plan_text):
    playbook = load_playbook(plan_id)
    section = plan_text(plan_id)
    assert len(section) > 5000  # the whole plan, not just its header
    missing = missing_quotes(playbook, section)
    assert missing == [], "\n".join(f"{q.ref}: {q.text}" for q in missing)


@pytest.mark.parametrize("plan_id", plan_ids())
def test_the_checker_notices_an_altered_quote(plan_id, plan_text):
    playbook = load_playbook(plan_id)
    rule = next(iter(playbook.levels.values())).rules[0]
    section = plan_text(plan_id).replace(rule.text.strip()[:6], "〇〇〇〇〇〇")
    assert any(q.text == rule.text for q in missing_quotes(playbook, section))


@pytest.mark.parametrize("plan_id", plan_ids())
def test_every_launch_condition_cites_a_clause(plan_id):
    playbook = load_playbook(plan_id)
    for level in playbook.levels.values():
        assert level.decided_by.text and level.decided_by.who
        for rule in level.rules:
            assert rule.ref and rule.text
    assert playbook.document.endswith("号")
    assert playbook.contacts or plan_id == "crop-pest"
