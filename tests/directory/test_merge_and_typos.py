"""Unit variants an admin merges (武警晋城支队 / 晋城武警支队), and misprinted names queued."""

from __future__ import annotations

import datetime as dt

import pytest

from luoshi.core import clock
from luoshi.core.models import AuditEntry
from luoshi.directory.merging import MergeError, merge_units
from luoshi.directory.models import Person, Unit, UnitAlias, UnresolvedName
from luoshi.directory.names import is_probable_typo
from luoshi.directory.services import resolve_unit, sync_directory
from luoshi.gazette.models import Document, Issue
from luoshi.gazette.parsing.model import Block, ParsedDocument, ParsedIssue
from luoshi.supervision.models import Report, ReportingPeriod, Task, TaskUnit


@pytest.mark.parametrize(
    ("name", "known", "typo"),
    [
        ("市两务局", "市商务局", True),
        ("市体育局", "市教育局", False),
        ("市审计局", "市统计局", False),
        ("市民政局", "市财政局", False),
        ("市公安局交警大队", "市公安局交警支队", False),
        ("市商务局", "市商务局", False),
        ("市两务局", "市商务委员会", False),
    ],
)
def test_a_misprint_is_one_character_that_makes_no_government_word(name, known, typo):
    assert is_probable_typo(name, known) is typo


def _issue(text: str) -> ParsedIssue:
    document = ParsedDocument(
        seq=1, kind="notice", number="晋市政办〔2020〕13号", title="测试", issuer="晋城市人民政府",
        signed_on=None, doc_type="通知", blocks=[Block(kind="paragraph", text=text)],
    )  # fmt: skip
    return ParsedIssue(
        city="晋城市", title="晋城市人民政府公报", year=2020, number=2, total_number=None,
        documents=[document],
    )  # fmt: skip


@pytest.mark.django_db
def test_a_misprinted_unit_is_queued_with_its_suggestion_never_created():
    Unit.objects.create(name="市商务局")
    sync_directory(_issue("(责任单位:市两务局、市财政局)。(责任单位:市体育局)"))
    assert not Unit.objects.filter(name="市两务局").exists()
    entry = UnresolvedName.objects.get(raw_name="市两务局")
    assert "疑似错字" in entry.context and "「市商务局」" in entry.context
    assert Unit.objects.filter(name="市体育局").exists()
    assert Unit.objects.filter(name="市财政局").exists()


@pytest.fixture
def armed_police(db, django_user_model):
    kept = Unit.objects.create(name="武警晋城支队")
    absorbed = Unit.objects.create(name="晋城武警支队")
    UnitAlias.objects.create(alias="晋城市武警支队", unit=absorbed)
    Person.objects.create(name="李强", title="支队长", unit=absorbed)
    Person.objects.create(name="王刚", unit=kept)
    Person.objects.create(name="王刚", title="参谋长", unit=absorbed)
    issue = Issue.objects.create(
        city="晋城市", title="公报", year=2020, number=2, source_name="t.txt",
        source_sha256="1" * 64, ingested_at=clock.now(),
    )  # fmt: skip
    document = Document.objects.create(
        issue=issue, seq=1, number="晋市政办〔2020〕16号", title="测试", body_text="", blocks=[],
        outline=[],
    )  # fmt: skip
    now = clock.now()
    tasks = [
        Task.objects.create(
            document=document, title=f"事项{i}", text="", created_at=now, updated_at=now
        )
        for i in range(3)
    ]
    TaskUnit.objects.create(task=tasks[0], unit=absorbed, role=TaskUnit.Role.LEAD)
    TaskUnit.objects.create(task=tasks[1], unit=absorbed, role=TaskUnit.Role.CO)
    TaskUnit.objects.create(task=tasks[1], unit=kept, role=TaskUnit.Role.LEAD)
    admin = django_user_model.objects.create_superuser("root", password="x-secret-123")
    return kept, absorbed, tasks, admin


def test_merging_moves_aliases_people_and_tasks_in_one_audited_step(armed_police):
    kept, absorbed, tasks, admin = armed_police
    moved = merge_units(kept, absorbed, actor=admin, reason="同一单位的两种写法")
    assert not Unit.objects.filter(pk=absorbed.pk).exists()
    assert resolve_unit("晋城武警支队") == kept
    assert resolve_unit("晋城市武警支队") == kept
    assert Person.objects.get(name="李强").unit == kept
    assert Person.objects.get(name="王刚").title == "参谋长"  # the namesakes became one
    assert list(tasks[0].assignments.values_list("unit__name", "role")) == [
        ("武警晋城支队", "lead")
    ]
    assert list(tasks[1].assignments.values_list("unit__name", "role")) == [
        ("武警晋城支队", "lead")
    ]
    assert moved["people"] == 2 and moved["aliases"] == 1
    entry = AuditEntry.objects.get(action="directory.units_merged")
    assert entry.actor == admin and entry.before["absorbed"] == "晋城武警支队"
    assert entry.reason == "同一单位的两种写法"


def test_a_merge_that_would_lose_a_report_changes_nothing(armed_police):
    kept, absorbed, tasks, admin = armed_police
    TaskUnit.objects.create(task=tasks[2], unit=kept, role=TaskUnit.Role.LEAD)
    TaskUnit.objects.create(task=tasks[2], unit=absorbed, role=TaskUnit.Role.CO)
    period = ReportingPeriod.objects.create(
        task=tasks[2], seq=1, label="一季度", starts=dt.date(2020, 1, 1), due=dt.date(2020, 3, 22)
    )
    for unit in (kept, absorbed):
        Report.objects.create(
            task=tasks[2], period=period, unit=unit, created_at=clock.now(), updated_at=clock.now()
        )
    with pytest.raises(MergeError):
        merge_units(kept, absorbed, actor=admin)
    assert Unit.objects.filter(pk=absorbed.pk).exists()
    assert Person.objects.get(name="李强").unit == absorbed
    assert not AuditEntry.objects.filter(action="directory.units_merged").exists()


def test_the_admin_merges_from_the_unit_list(armed_police, client):
    kept, absorbed, _, admin = armed_police
    client.force_login(admin)
    response = client.post(
        "/admin/directory/unit/",
        {"action": "merge_into", "_selected_action": [absorbed.pk], "unit": kept.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert not Unit.objects.filter(pk=absorbed.pk).exists()
    assert UnitAlias.objects.get(alias="晋城武警支队").unit == kept


def test_merging_a_unit_into_itself_is_refused(armed_police):
    kept, _, _, admin = armed_police
    with pytest.raises(MergeError):
        merge_units(kept, kept, actor=admin)
