"""Builders every app's tests share: users, units, issues and documents.

Passwords are hashed with the fast hasher set for the whole suite in ``tests/conftest.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools

from luoshi.core import clock
from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.directory.models import Unit
from luoshi.gazette.models import Document, Issue

PASSWORD = "x-secret-123"

QUARTERLY_RULE = (
    "各级各部门要按季度向市政府报送工作进展,并分别于3月22日、6月22日、9月22日和12月22日前"
    "报送一季度、半年、三季度、全年工作完成情况。"
)

_issues = itertools.count(1)


def make_user(
    username: str,
    role: Role,
    unit: Unit | None = None,
    *,
    password: str = PASSWORD,
    **extra: object,
) -> User:
    """A user with a role and (for unit staff) a unit; the display name defaults to the login."""
    extra.setdefault("display_name", username)
    return User.objects.create_user(
        username=username, password=password, role=role, unit=unit, **extra
    )


def make_unit(name: str, **extra: object) -> Unit:
    """The unit of that name (created once)."""
    return Unit.objects.get_or_create(name=name, defaults=extra)[0]


def make_issue(**overrides: object) -> Issue:
    """An issue of the city gazette (2020年第2期) with a unique source hash."""
    values: dict[str, object] = dict(
        city="晋城市", title="晋城市人民政府公报", year=2020, number=2, source_name="t.txt",
        source_sha256=f"{next(_issues):064x}", ingested_at=clock.now(),
    )  # fmt: skip
    values.update(overrides)
    return Issue.objects.create(**values)


def make_document(issue: Issue | None = None, **overrides: object) -> Document:
    """A notice that sets tasks (晋市政发〔2020〕4号) carrying the quarterly reporting rule."""
    values: dict[str, object] = dict(
        seq=1, number="晋市政发〔2020〕4号", title="关于落实重点工作任务的通知",
        issuer="晋城市人民政府", signed_on=dt.date(2020, 3, 20), doc_type="通知",
        body_text=QUARTERLY_RULE, blocks=[], outline=[],
    )  # fmt: skip
    values.update(overrides)
    return Document.objects.create(issue=issue or make_issue(), **values)
