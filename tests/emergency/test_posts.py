"""Decisions are taken by the post the plan names (总指挥, 副总指挥, 指挥部办公室), nobody else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from hypothesis import given
from hypothesis import strategies as st

from luoshi.core.errors import Forbidden
from luoshi.core.roles import Role
from luoshi.emergency import actions
from luoshi.emergency.actions.incidents import decision
from luoshi.emergency.playbook import load_playbook, plan_ids
from luoshi.emergency.posts import Post, named_post, posts_deciding

from .people import *  # noqa: F403  (fixtures)
from .people import coal_input, give_posts, make_user

WHO = sorted(
    {lv.decided_by.who for p in plan_ids() for lv in load_playbook(p).levels.values()}
    | {load_playbook(p).termination.decided_by for p in plan_ids()}
)
RANK = {Post.OFFICE: 0, Post.DEPUTY: 1, Post.COMMANDER: 2}


@given(st.sampled_from(WHO), st.sets(st.sampled_from(list(Post))))
def test_a_decision_needs_the_named_post_or_one_above_it(who, held):
    named = named_post(who)
    allowed = bool(held & posts_deciding(who))
    assert allowed == any(RANK[p] >= RANK[named] for p in held)


def test_the_plans_names_read_as_posts():
    assert named_post("市指挥部总指挥") is named_post("市指挥部指挥长") is Post.COMMANDER
    assert named_post("市指挥部副总指挥") is Post.DEPUTY
    assert named_post("市指挥部办公室主任") is named_post("市指挥部办公室") is Post.OFFICE
    assert posts_deciding("市指挥部") == {Post.COMMANDER, Post.DEPUTY}  # the body: its leaders


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("post", "level", "allowed"),
    [
        (Post.COMMANDER, "I", True),  # coal I: 市指挥部总指挥
        (Post.DEPUTY, "I", False),
        (Post.DEPUTY, "III", True),  # coal III: 市指挥部副总指挥
        (Post.OFFICE, "III", False),
    ],
)
def test_coal_levels_are_decided_by_their_posts(duty_officer, frozen_start, post, level, allowed):
    incident = actions.open_incident(duty_officer, coal_input(12))
    holder = give_posts(make_user(f"post-{post}", Role.LEADER), post)
    act = decision(holder, incident.pk, level, "研判")
    assert act.allowed() is allowed
    if not allowed:
        with pytest.raises(Forbidden, match="总指挥"):
            act.run()


@pytest.mark.django_db
def test_nobody_without_a_post_decides_not_even_an_admin(
    duty_officer, admin_user, unit_staff, frozen_start
):
    incident = actions.open_incident(duty_officer, coal_input(4))
    for user in (admin_user, unit_staff, duty_officer, make_user("lead2", Role.LEADER)):
        with pytest.raises((Forbidden, PermissionDenied, Http404)):
            actions.decide_level(user, incident.pk, incident.proposed_level)
    assert incident.timeline.filter(kind="launched").count() == 0


@pytest.mark.django_db
def test_a_post_holds_for_its_own_plan_only(duty_officer, frozen_start):
    incident = actions.open_incident(duty_officer, coal_input(4))
    other = make_user("food-commander", Role.LEADER)
    give_posts(other)
    other.emergency_posts.exclude(plan_id="food-safety").delete()
    with pytest.raises(Forbidden):
        actions.decide_level(other, incident.pk, incident.proposed_level)


@pytest.mark.django_db
def test_prompt_report_limit_is_a_setting(duty_officer, settings, frozen_start):
    settings.LUOSHI_PROMPT_REPORT_MINUTES = 30
    incident = actions.open_incident(duty_officer, coal_input(4))
    immediate = incident.clocks.filter(within="immediately").exclude(starts_at=None).first()
    assert immediate is not None
    assert immediate.due_at == immediate.starts_at + dt.timedelta(minutes=30)
