"""An admin adds the number of a document stored without one (补录文号)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from luoshi.core.errors import Conflict, Invalid
from luoshi.core.models import AuditEntry
from luoshi.core.roles import Role
from luoshi.gazette.models import Document, DocumentReference
from luoshi.gazette.numbering import AddDocumentNumber
from luoshi.pipeline import ingest_file, ingest_text

pytestmark = pytest.mark.django_db

NOTICE = Path(__file__).resolve().parent.parent / "corpus" / "changzhi-forest-fire-notice.txt"
CITING = """长治市人民政府办公室关于转发森林防火工作要求的通知

长政办发〔2020〕30号

各县（区）人民政府：

请按照《长治市人民政府办公室关于做好2020年春季森林防灭火工作的通知》（长政办发〔2020〕11号）要求，抓好落实。

长治市人民政府办公室

2020年3月20日
"""


@pytest.fixture
def notice():
    ingest_file(NOTICE)
    return Document.objects.get(number__isnull=True)


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_user("admin1", password="x-secret-123", role=Role.ADMIN)


def test_the_admin_adds_a_missing_number_and_citations_find_it(notice, admin):
    ingest_text(CITING, source_name="citing.txt")
    citation = DocumentReference.objects.get(target_number="长政办发〔2020〕11号")
    assert citation.target is None
    AddDocumentNumber(admin, notice, "长政办发(2020)11号", reason="从网站补录").run()
    notice.refresh_from_db()
    assert notice.number == "长政办发〔2020〕11号"
    citation.refresh_from_db()
    assert citation.target == notice
    entry = AuditEntry.objects.get(action="gazette.number_added")
    assert entry.actor == admin and entry.after == {"number": "长政办发〔2020〕11号"}


@pytest.mark.parametrize(
    ("number", "error"),
    [("", Invalid), ("第11号文件", Invalid), ("长政办发〔2020〕30号", Conflict)],
)
def test_a_wrong_or_taken_number_is_refused(notice, admin, number, error):
    ingest_text(CITING, source_name="citing.txt")
    with pytest.raises(error):
        AddDocumentNumber(admin, notice, number).run()
    notice.refresh_from_db()
    assert notice.number is None
    assert not AuditEntry.objects.filter(action="gazette.number_added").exists()


def test_only_an_admin_adds_a_number_and_only_once(notice, admin, django_user_model):
    clerk = django_user_model.objects.create_user(
        "clerk", password="x-secret-123", role=Role.SUPERVISION
    )
    with pytest.raises(PermissionDenied):
        AddDocumentNumber(clerk, notice, "长政办发〔2020〕11号").run()
    AddDocumentNumber(admin, notice, "长政办发〔2020〕11号").run()
    with pytest.raises(Conflict):
        AddDocumentNumber(admin, notice, "长政办发〔2020〕12号").run()


def test_the_admin_page_lists_missing_numbers_and_adds_one(notice, admin, client):
    client.force_login(admin)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    listing = client.get("/admin/gazette/document/", {"numbered": "no"})
    assert "关于做好2020年春季森林防灭火工作的通知" in listing.content.decode()
    response = client.post(
        "/admin/gazette/document/",
        {"action": "add_number", "_selected_action": [notice.pk], "number": "长政办发〔2020〕11号"},
        follow=True,
    )
    assert response.status_code == 200
    notice.refresh_from_db()
    assert notice.number == "长政办发〔2020〕11号"
