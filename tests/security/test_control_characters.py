"""A control character in any text input is refused before it is stored (issue 16 §7): each case
the probe found broke an export of its object for good."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import make_user
from luoshi.core.models import AuditEntry
from luoshi.core.roles import Role
from luoshi.core.text import CONTROL_CHARACTERS, control_character, strip_control_characters
from luoshi.gazette.parsing.decode import decode_gazette
from supervision.conftest import document, extracted, make_task, people, task, units  # noqa: F401

pytestmark = pytest.mark.django_db
CONTROLS = [chr(c) for c in [*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]]


@given(st.text())
def test_stripped_text_holds_no_control_character_and_keeps_the_rest(text):
    stripped = strip_control_characters(text)
    assert control_character(stripped) is None
    assert stripped == "".join(ch for ch in text if ch not in CONTROLS)


@pytest.mark.parametrize("char", CONTROLS)
def test_every_control_character_is_found_and_tab_and_newlines_are_text(char):
    assert control_character(f"项目{char}名称") == char
    assert control_character("第一行\n第二行\r\n\t缩进") is None
    assert CONTROL_CHARACTERS.pattern


def _api(client, method, path, body):
    return getattr(client, method)(f"/api{path}", json.dumps(body), content_type="application/json")


def _refused(response):
    assert response.status_code == 400, response.content
    assert "控制字符" in response.content.decode()


def test_card_project_name(client):
    client.force_login(make_user("zhongdianban", Role.KEY_PROJECTS))
    _refused(
        _api(client, "post", "/express/cards", {"project_name": "晋城\x0b大道", "summary": "x"})
    )


def test_incident_title(client):
    client.force_login(make_user("zhiban", Role.DUTY_OFFICER))
    _refused(
        _api(
            client,
            "post",
            "/emergency/incidents",
            {"plan_id": "coal-mine", "title": "透水\x01事故"},
        )
    )


def test_warning_headline(client):
    client.force_login(make_user("zhiban", Role.DUTY_OFFICER))
    body = {"plan_id": "food-safety", "level": "III", "area": "城区", "headline": "风险\x0b",
            "description": "检出致病菌", "authority": "市市场监管局"}  # fmt: skip
    _refused(_api(client, "post", "/emergency/warnings", body))


def test_draft_narrative(client, task, people):  # noqa: F811
    client.force_login(people["a"])
    period = task.periods.first()
    path = f"/ledger/tasks/{task.pk}/periods/{period.pk}/report"
    _refused(_api(client, "put", path, {"narrative": "已完成\x01", "percent": 10}))
    assert not task.reports.exists()


def test_page_forms_and_query_strings(client, task, people):  # noqa: F811
    client.force_login(people["office"])
    _refused(client.get("/ledger/", {"q": "停车\x00"}))
    before = AuditEntry.objects.count()
    _refused(client.post(f"/ledger/tasks/{task.pk}/edit/", {"title": "新\x1f标题"}))
    assert AuditEntry.objects.count() == before


def test_a_gazette_keeps_its_text_without_stray_control_characters():
    text = "晋城市人民政府公报\n" * 20
    assert decode_gazette(("\x0b" + text).encode()) == text
