"""No admin write escapes the audit log (issue 16 §4)."""

import pytest
from django.contrib import admin

from luoshi.core.adminbase import AuditedAdmin, ReadOnlyAdmin
from luoshi.core.models import AuditEntry, User
from luoshi.core.roles import Role
from luoshi.directory.models import Unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model_admin", list(admin.site._registry.values()), ids=lambda m: m.model._meta.label
)
def test_every_admin_is_read_only_or_audited(model_admin):
    assert isinstance(model_admin, (AuditedAdmin, ReadOnlyAdmin))


@pytest.fixture
def admin_client(client):
    root = User.objects.create_superuser("root", password="x", role=Role.ADMIN)
    client.force_login(root)
    return client


def test_a_role_change_in_the_admin_is_audited_with_before_and_after(admin_client):
    user = User.objects.create_user(username="lisi", role=Role.UNIT_STAFF)
    page = admin_client.get(f"/admin/core/user/{user.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(role=Role.SUPERVISION, date_joined_0="2020-01-01", date_joined_1="00:00:00")
    data.pop("date_joined", None)
    data.pop("last_login", None)
    data.pop("groups", None)
    data.pop("user_permissions", None)
    response = admin_client.post(f"/admin/core/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(action="admin.change", object_id=str(user.pk))
    assert entry.actor.username == "root"
    assert entry.before["role"] == Role.UNIT_STAFF and entry.after["role"] == Role.SUPERVISION


def test_adding_an_alias_and_deleting_a_unit_are_audited(admin_client):
    unit = Unit.objects.create(name="市商务局", kind=Unit.Kind.DEPARTMENT)
    response = admin_client.post(
        "/admin/directory/unitalias/add/", {"unit": unit.pk, "alias": "商务局"}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="admin.add", object_type="directory.unitalias").exists()
    admin_client.post(f"/admin/directory/unit/{unit.pk}/delete/", {"post": "yes"})
    assert not Unit.objects.filter(pk=unit.pk).exists()
    assert AuditEntry.objects.filter(action="admin.delete", object_id=str(unit.pk)).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/express/card/add/",
        "/admin/express/attachment/add/",
        "/admin/emergency/incident/1/delete/",
    ],
)
def test_workflow_rows_cannot_be_written_in_the_admin(admin_client, path):
    assert admin_client.post(path, {"post": "yes"}).status_code in {302, 403, 404}
    assert admin_client.get(path).status_code in {302, 403, 404}
