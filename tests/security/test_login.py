"""Login throttling, password strength and the audit of logins (issue 16 §4, §5)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from luoshi.core.models import AuditEntry, User
from luoshi.core.roles import Role

pytestmark = pytest.mark.django_db

GOOD = "Jincheng#2020-ok"


@pytest.fixture
def staff():
    return User.objects.create_user(username="zhangsan", password=GOOD, role=Role.UNIT_STAFF)


def attempt(client, password, username="zhangsan"):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, staff):
    for _ in range(4):
        assert attempt(client, "wrong-password").status_code == 200
    assert attempt(client, "wrong-password").status_code == 429
    locked = attempt(client, GOOD)
    assert locked.status_code == 429
    assert "登录已暂停" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_user_from_the_same_address_is_not_locked_out(client, staff):
    User.objects.create_user(username="lisi", password=GOOD, role=Role.UNIT_STAFF)
    for _ in range(5):
        attempt(client, "wrong-password")
    assert attempt(client, GOOD, username="lisi").status_code == 302


def test_logins_and_failed_logins_are_audited(client, staff):
    attempt(client, "wrong-password")
    assert attempt(client, GOOD).status_code == 302
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "actor__username"))
    assert actions == [("core.login_failed", None), ("core.login", "zhangsan")]


@pytest.mark.parametrize(
    "password", ["84736291", "staffA12", "zhangsan1", "Zhangsan2020!", "jinchengshi", "abcdefghij1"]
)
def test_weak_passwords_are_refused(password):
    user = User(username="zhangsan", display_name="张三")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_strong_password_is_accepted():
    validate_password("Qiu-shui#Gong58", User(username="zhangsan"))
