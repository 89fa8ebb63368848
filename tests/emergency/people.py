"""Users of the emergency tests, one per role, and a coal-mine incident to open."""

from __future__ import annotations

import datetime as dt

import pytest

import factories
from luoshi.core import clock
from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.emergency import actions
from luoshi.emergency.models import DecisionPost
from luoshi.emergency.playbook import plan_ids
from luoshi.emergency.posts import Post

START = "2020-04-10T03:00:00"


def make_user(username: str, role: Role, **extra) -> User:
    return factories.make_user(username, role, password="pw-emergency-1", **extra)


@pytest.fixture
def duty_officer(db) -> User:
    return make_user("zhiban", Role.DUTY_OFFICER)


def give_posts(user: User, post: Post = Post.COMMANDER) -> User:
    """Seat ``user`` in ``post`` of every plan's headquarters."""
    for plan_id in plan_ids():
        DecisionPost.objects.create(plan_id=plan_id, post=post, user=user)
    return user


@pytest.fixture
def leader(db) -> User:
    """The 分管副市长: 总指挥 of every plan's headquarters."""
    return give_posts(make_user("lingdao", Role.LEADER))


@pytest.fixture
def unit_staff(db) -> User:
    return make_user("danwei", Role.UNIT_STAFF)


@pytest.fixture
def admin_user(db) -> User:
    return make_user("admin", Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def frozen_start():
    with clock.frozen(START) as moment:
        yield moment


def coal_input(trapped: int = 4, **facts) -> actions.IncidentInput:
    occurred = clock.parse_moment(START) - dt.timedelta(minutes=20)
    return actions.IncidentInput(
        plan_id="coal-mine",
        title="某煤矿透水事故",
        county="泽州县",
        place="某煤矿3号井",
        occurred_at=occurred,
        reporter="矿调度室 张三 13800000000",
        facts={"trapped_or_missing": trapped, **facts},
    )
