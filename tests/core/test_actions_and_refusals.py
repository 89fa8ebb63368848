"""The platform's action base and its one mapping of refusals to HTTP."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test import Client
from django.urls import include, path
from ninja import NinjaAPI

from luoshi.core.actions import Action, AuditNote, lock
from luoshi.core.errors import Conflict, DomainError, ErrorCode, Forbidden, Invalid, NotFound
from luoshi.core.models import AuditEntry, User
from luoshi.core.refusals import install_api_handlers
from luoshi.core.roles import Role
from luoshi.directory.models import Unit

pytestmark = pytest.mark.django_db

SENT: list[str] = []


class RenameUnit(Action[Unit]):
    name = "test.rename_unit"

    def __init__(self, actor: User, unit: Unit, new_name: str) -> None:
        super().__init__(actor)
        self.unit, self.new_name = unit, new_name

    def targets(self) -> list[Unit]:
        return [self.unit]

    def check(self) -> None:
        if self.actor.role != Role.ADMIN:
            raise Forbidden("只有管理员可以改名")
        if not self.new_name:
            raise Invalid("请填写名称")
        if self.unit.name == self.new_name:
            raise Conflict("名称未变")

    def execute(self) -> Unit:
        before = self.unit.name
        self.unit.name = self.new_name
        self.unit.save(update_fields=["name"])
        self.before = before
        return self.unit

    def audit(self, result: Unit) -> AuditNote:
        return AuditNote(result, summary="改名", before=self.before, after=result.name)

    def after_commit(self, result: Unit) -> None:
        SENT.append(result.name)


@pytest.fixture
def admin_user() -> User:
    return User.objects.create(username="a", role=Role.ADMIN, password=make_password(None))


@pytest.fixture
def staff_user() -> User:
    return User.objects.create(username="s", role=Role.UNIT_STAFF, password=make_password(None))


def test_should_execute_audit_and_notify_after_commit(
    admin_user, django_capture_on_commit_callbacks
):
    unit = Unit.objects.create(name="市甲局")
    SENT.clear()
    with django_capture_on_commit_callbacks(execute=True):
        RenameUnit(admin_user, unit, "市乙局").run()
    entry = AuditEntry.objects.get(action="test.rename_unit")
    assert (entry.actor, entry.before, entry.after) == (admin_user, "市甲局", "市乙局")
    assert entry.object_id == str(unit.pk)
    assert SENT == ["市乙局"]


def test_should_check_against_the_locked_fresh_row(admin_user):
    unit = Unit.objects.create(name="市甲局")
    stale = Unit.objects.get(pk=unit.pk)
    Unit.objects.filter(pk=unit.pk).update(name="市乙局")
    with pytest.raises(Conflict):
        RenameUnit(admin_user, stale, "市乙局").run()  # the fresh row already has that name


def test_should_write_nothing_and_send_nothing_when_refused(
    staff_user, django_capture_on_commit_callbacks
):
    unit = Unit.objects.create(name="市甲局")
    SENT.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Forbidden):
        RenameUnit(staff_user, unit, "市乙局").run()
    assert Unit.objects.get(pk=unit.pk).name == "市甲局"
    assert not AuditEntry.objects.exists() and SENT == []


def test_should_answer_allowed_without_writing(admin_user, staff_user):
    unit = Unit.objects.create(name="市甲局")
    assert RenameUnit(admin_user, unit, "市乙局").allowed()
    assert not RenameUnit(staff_user, unit, "市乙局").allowed()
    assert not AuditEntry.objects.exists()


def test_should_lock_rows_in_one_order_and_refresh_them(django_assert_num_queries):
    a, b = Unit.objects.create(name="市甲局"), Unit.objects.create(name="市乙局")
    Unit.objects.filter(pk=a.pk).update(name="市丙局")
    with transaction.atomic(), django_assert_num_queries(1):
        lock([b, a, b])
    assert a.name == "市丙局"


@pytest.mark.parametrize(
    ("error", "status"),
    [(Invalid("x"), 400), (Forbidden("x"), 403), (NotFound("x"), 404), (Conflict("x"), 409)],
)
def test_should_map_each_kind_to_its_status(error: DomainError, status: int):
    assert error.status == status
    assert DomainError("x", code=ErrorCode.CONFLICT).status == 409


# --- the same refusal through the API and through a page -----------------------------------

api = NinjaAPI(urls_namespace="refusal-test")
install_api_handlers(api)


@api.post("/refuse/{kind}")
def refuse(request, kind: str):
    raise {"conflict": Conflict("已办结,不能重复办理"), "forbidden": Forbidden("无权办理")}[kind]


def refusing_page(request):
    raise Conflict("已办结,不能重复办理")


urlpatterns = [
    path("api-test/", api.urls),
    path("page/", refusing_page),
    path("", include("luoshi.urls")),
]


@pytest.mark.urls(__name__)
def test_should_answer_api_refusals_with_status_code_and_message():
    client = Client()
    response = client.post("/api-test/refuse/conflict")
    assert response.status_code == 409
    assert response.json() == {"detail": "已办结,不能重复办理", "code": "conflict"}
    assert client.post("/api-test/refuse/forbidden").status_code == 403


@pytest.mark.urls(__name__)
def test_should_show_a_page_refusal_with_its_status_or_redirect_back_safely():
    client = Client()
    page = client.get("/page/")
    assert page.status_code == 409 and "已办结,不能重复办理" in page.content.decode()
    back = client.post("/page/", {"next": "/ledger/?a=1"})
    assert (back.status_code, back["Location"]) == (302, "/ledger/?a=1")
    foreign = client.post("/page/", {"next": "https://evil.example/"})
    assert foreign.status_code == 409  # another host is never followed
