"""The holiday table in the database: seeding, admin overrides, admin pages."""

import datetime as dt

import pytest
from django.contrib import admin
from django.test import RequestFactory

from luoshi.core.holidays import load_calendar, seed_holidays, set_override
from luoshi.core.models import AuditEntry, HolidayOverride, User

pytestmark = pytest.mark.django_db
D = dt.date


def test_seeding_copies_the_package_and_is_idempotent():
    added = seed_holidays([2020])
    assert added == HolidayOverride.objects.count() > 20
    national_day = HolidayOverride.objects.get(day=D(2020, 10, 1))
    assert not national_day.is_working_day and national_day.note == "国庆节"
    assert national_day.origin == HolidayOverride.Origin.PACKAGE
    assert HolidayOverride.objects.get(day=D(2020, 10, 10)).is_working_day
    assert seed_holidays([2020]) == 0
    assert seed_holidays([2099]) == 0  # unannounced: nothing to copy, no error


def test_seeding_keeps_admin_rulings():
    set_override(D(2020, 10, 8), True, "提前复工")
    seed_holidays([2020])
    row = HolidayOverride.objects.get(day=D(2020, 10, 8))
    assert row.is_working_day and row.origin == HolidayOverride.Origin.ADMIN


def test_admin_override_changes_the_deadline_calendar():
    assert load_calendar().add_working_days(D(2020, 9, 30), 1) == D(2020, 10, 9)
    set_override(D(2020, 10, 9), False, "临时停工")
    calendar = load_calendar()
    assert not calendar.is_working_day(D(2020, 10, 9))
    assert calendar.add_working_days(D(2020, 9, 30), 1) == D(2020, 10, 10)


def test_seeded_rows_do_not_override_the_package():
    HolidayOverride.objects.create(
        day=D(2020, 10, 12), is_working_day=False, origin=HolidayOverride.Origin.PACKAGE
    )
    assert load_calendar().is_working_day(D(2020, 10, 12))


def test_admin_can_announce_a_year_the_package_lacks():
    set_override(D(2099, 1, 1), False, "元旦")
    calendar = load_calendar()
    assert not calendar.is_working_day(D(2099, 1, 1))
    assert calendar.add_working_days(D(2098, 12, 31), 1) == D(2099, 1, 2)


def test_set_override_is_audited():
    clerk = User.objects.create(username="admin1", role="admin")
    set_override(D(2020, 10, 9), False, "临时停工", actor=clerk, reason="市政府通知")
    set_override(D(2020, 10, 9), True, "恢复上班", actor=clerk)
    entries = list(AuditEntry.objects.filter(action="holiday_override.set").order_by("id"))
    assert [e.actor for e in entries] == [clerk, clerk]
    assert entries[0].before is None and entries[0].reason == "市政府通知"
    assert entries[1].before["is_working_day"] is False
    assert entries[1].after["is_working_day"] is True


def test_admin_registers_users_holidays_and_a_read_only_audit_log():
    registry = admin.site._registry
    assert {User, HolidayOverride, AuditEntry} <= set(registry)
    request = RequestFactory().get("/admin/")
    request.user = User.objects.create_superuser("root", password="x")
    audit_admin = registry[AuditEntry]
    assert not audit_admin.has_add_permission(request)
    assert not audit_admin.has_change_permission(request)
    assert not audit_admin.has_delete_permission(request)
    user_fields = [f for _, opts in registry[User].fieldsets for f in opts["fields"]]
    assert {"display_name", "role", "unit"} <= set(user_fields)


def test_editing_a_seeded_day_in_the_admin_makes_it_an_admin_ruling():
    seed_holidays([2020])
    row = HolidayOverride.objects.get(day=D(2020, 10, 8))
    request = RequestFactory().post("/admin/")
    request.user = User.objects.create_superuser("root", password="x")
    row.is_working_day = True
    admin.site._registry[HolidayOverride].save_model(request, row, None, change=True)
    row.refresh_from_db()
    assert row.origin == HolidayOverride.Origin.ADMIN
    assert load_calendar().is_working_day(D(2020, 10, 8))
    entry = AuditEntry.objects.get(action="holiday_override.set")
    assert entry.actor == request.user and entry.before["is_working_day"] is False


@pytest.mark.parametrize(
    "url",
    [
        "/admin/core/holidayoverride/",
        "/admin/core/holidayoverride/add/",
        "/admin/core/user/",
        "/admin/core/user/add/",
        "/admin/core/auditentry/",
    ],
)
def test_admin_pages_render(client, url):
    client.force_login(User.objects.create_superuser("root", password="x"))
    response = client.get(url)
    assert response.status_code == 200


def test_admin_adds_a_user_with_role_and_unit(client):
    from luoshi.directory.models import Unit

    unit = Unit.objects.create(name="市财政局")
    client.force_login(User.objects.create_superuser("root", password="x"))
    response = client.post(
        "/admin/core/user/add/",
        {
            "username": "clerk",
            "usable_password": "true",
            "password1": "a-long-secret-123",
            "password2": "a-long-secret-123",
            "display_name": "王丽",
            "role": "unit_staff",
            "unit": unit.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    clerk = User.objects.get(username="clerk")
    assert (clerk.display_name, clerk.role, clerk.unit) == ("王丽", "unit_staff", unit)
    assert clerk.check_password("a-long-secret-123")
