"""Unit scope, roles, audit and the injectable clock."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from factories import make_user
from luoshi.core import audit, clock
from luoshi.core.models import AuditEntry, User
from luoshi.core.permissions import require_role, scope_to_unit
from luoshi.core.roles import Role
from luoshi.directory.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    return Unit.objects.create(name="市财政局"), Unit.objects.create(name="市教育局")


def test_should_limit_unit_staff_to_their_own_unit(units):
    finance, education = units
    clerk = make_user("clerk", Role.UNIT_STAFF, finance)
    make_user("teacher", Role.UNIT_STAFF, education)

    visible = scope_to_unit(User.objects.all(), clerk, "unit")

    assert {u.username for u in visible} == {"clerk"}


@pytest.mark.parametrize("role", [Role.SUPERVISION, Role.LEADER, Role.KEY_PROJECTS, Role.ADMIN])
def test_should_let_city_wide_roles_see_every_unit(units, role):
    finance, education = units
    make_user("clerk", Role.UNIT_STAFF, finance)
    make_user("teacher", Role.UNIT_STAFF, education)
    officer = make_user("officer", role, None)

    assert scope_to_unit(User.objects.all(), officer, "unit").count() == 3


def test_should_show_nothing_to_anonymous_or_unitless_staff(units):
    make_user("clerk", Role.UNIT_STAFF, units[0])
    drifter = make_user("drifter", Role.UNIT_STAFF, None)

    assert scope_to_unit(User.objects.all(), AnonymousUser()).count() == 0
    assert scope_to_unit(User.objects.all(), drifter, "unit").count() == 0


def test_should_refuse_a_role_the_user_does_not_hold(units):
    clerk = make_user("clerk", Role.UNIT_STAFF, units[0])
    with pytest.raises(PermissionDenied):
        require_role(clerk, Role.SUPERVISION)
    with pytest.raises(PermissionDenied):
        require_role(AnonymousUser(), Role.SUPERVISION)
    require_role(clerk, Role.SUPERVISION, Role.UNIT_STAFF)


def test_should_record_who_did_what_and_when(units):
    clerk = make_user("clerk", Role.UNIT_STAFF, units[0])
    with clock.frozen("2020-07-01T09:00"):
        entry = audit.record(
            "unit.renamed",
            units[0],
            actor=clerk,
            before={"name": "a"},
            after={"name": "b"},
            reason="更正",
        )

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.actor == clerk
    assert stored.object_type == "directory.unit"
    assert stored.object_id == str(units[0].pk)
    assert stored.created_at == dt.datetime(2020, 7, 1, 1, 0, tzinfo=dt.UTC)
    assert (stored.before, stored.after, stored.reason) == ({"name": "a"}, {"name": "b"}, "更正")


def test_clock_reads_luoshi_now(monkeypatch):
    monkeypatch.setenv("LUOSHI_NOW", "2020-10-01T08:30")
    assert clock.now().isoformat() == "2020-10-01T08:30:00+08:00"
    assert clock.today() == dt.date(2020, 10, 1)
    monkeypatch.delenv("LUOSHI_NOW")
    assert clock.now().year >= 2025


def test_demo_users_exist_for_every_role():
    from luoshi.demo.accounts import ensure_demo_users

    accounts = ensure_demo_users()
    again = ensure_demo_users()

    assert accounts == again
    assert {u.role for u in User.objects.all()} == set(Role.values)
    staff = User.objects.get(username="danwei")
    assert staff.unit is not None and staff.check_password("luoshi-demo")
