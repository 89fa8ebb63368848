"""Incidents and warnings are scoped like the other apps: a unit sees those it is part of."""

from __future__ import annotations

import pytest

from luoshi.core.roles import Role
from luoshi.directory.models import Unit
from luoshi.emergency import access, actions

from .people import *  # noqa: F403  (fixtures)
from .people import coal_input, make_user

pytestmark = pytest.mark.django_db


def _staff(name: str, unit_name: str):
    unit, _ = Unit.objects.get_or_create(name=unit_name)
    return make_user(name, Role.UNIT_STAFF, unit=unit)


def test_a_unit_sees_the_incidents_of_the_plans_that_name_it(duty_officer, frozen_start):
    coal = actions.open_incident(duty_officer, coal_input(4))
    on_roster = _staff("yingji", "市应急局")  # the coal plan's office and notify party
    elsewhere = _staff("jiaoyu", "市教育局演示")  # named by no plan
    county = _staff("zezhou", "泽州县人民政府")  # the coal mine is in 泽州县
    assert list(access.visible_incidents(on_roster)) == [coal]
    assert list(access.visible_incidents(county)) == [coal]
    assert not access.visible_incidents(elsewhere).exists()
    with pytest.raises(Exception, match="不存在或无权查看"):
        access.get_incident(elsewhere, coal.pk)


def test_duty_officers_and_leaders_see_every_incident(duty_officer, leader, frozen_start):
    coal = actions.open_incident(duty_officer, coal_input(4))
    assert list(access.visible_incidents(duty_officer)) == [coal]
    assert list(access.visible_incidents(leader)) == [coal]


def test_a_unit_sees_the_warnings_of_its_plans(duty_officer, frozen_start):
    data = actions.WarningInput(
        plan_id="food-safety",
        level="III",
        area="城区",
        headline="食品安全风险",
        description="某批次食品可能受污染",
        authority="市市场监管局",
    )
    warning = actions.issue_warning(duty_officer, data)
    assert list(access.visible_warnings(_staff("scjg", "市市场监管局"))) == [warning]
    assert not access.visible_warnings(_staff("jiaoyu", "市教育局演示")).exists()
