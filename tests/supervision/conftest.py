"""Ledger fixtures: two units with staff, the supervision office, and tasks made through
the same services ingest uses (so the tests do not depend on extraction)."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import make_document, make_user
from luoshi.core.roles import Role
from luoshi.directory.models import Unit
from luoshi.supervision import services
from luoshi.supervision.extraction.model import ExtractedTask, Target


@pytest.fixture
def units(db):
    return (
        Unit.objects.get_or_create(name="市发展和改革委员会")[0],
        Unit.objects.get_or_create(name="市财政局")[0],
    )


@pytest.fixture
def people(units):
    a, b = units
    return {
        "office": make_user(
            "office", Role.SUPERVISION, display_name="督查室 张敏", email="office@example.cn"
        ),
        "a": make_user("staff_a", Role.UNIT_STAFF, a, email="a@example.cn"),
        "a2": make_user("staff_a2", Role.UNIT_STAFF, a),
        "b": make_user("staff_b", Role.UNIT_STAFF, b, email="b@example.cn"),
        "leader": make_user("leader", Role.LEADER, display_name="杨跃卿"),
    }


@pytest.fixture
def document(db):
    return make_document()


def extracted(no: str = "11", **overrides) -> ExtractedTask:
    values = dict(
        document="晋市政发〔2020〕4号", ref=f"附件 序号{no}", no=no,
        title="全市地区生产总值增长6.2%左右。", text="全市地区生产总值增长6.2%左右。",
        province_task="全省地区生产总值增长6.1%左右。",
        lead_units=["市发展和改革委员会"], responsible_leaders=["邹树琦"],
        leaders_in_charge=["杨跃卿"], sections=["国民经济综合科"], persons=["张志斌"],
        due=dt.date(2020, 12, 31), due_text="年底前",
        targets=[Target("增长", 6.2, "%", "左右")],
    )  # fmt: skip
    values.update(overrides)
    return ExtractedTask(**values)


@pytest.fixture
def make_task(document, people):
    def make(no: str = "11", *, confirm: bool = True, **overrides):
        task = services.create_task(extracted(no, **overrides), document=document)
        if confirm:
            task = services.confirm_task(people["office"], task)
        return task

    return make


@pytest.fixture
def task(make_task):
    return make_task()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
