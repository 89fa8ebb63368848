"""The pages, for every role: lists, the card with its clock and actions, printing, report."""

import datetime as dt
import io
import re

import pytest
from django.http import HttpRequest
from django.test import Client
from docx import Document

from luoshi.core import clock
from luoshi.express import services
from luoshi.express.models import Card

from .conftest import CAST, FILING, PASSWORD, walk_hard_card

pytestmark = pytest.mark.django_db

ALL = list(CAST)


def login(cast, role):
    client = Client()
    assert client.login(
        request=HttpRequest(), username=getattr(cast, role).username, password=PASSWORD
    )
    return client


@pytest.fixture
def assigned(cast, filed):
    services.triage_ordinary(
        cast.key, filed.pk, "建议市规划和自然资源局协调", cast.units.land.pk, dt.date(2020, 10, 9)
    )
    return Card.objects.get(pk=filed.pk)


@pytest.mark.parametrize("role", ALL)
def test_should_show_every_role_its_lists(cast, assigned, role):
    client = login(cast, role)
    for name in ("waiting", "overdue", "open", "all"):
        response = client.get(f"/express/?list={name}")
        assert response.status_code == 200
    sees = role in {"liaison", "key", "mayor", "other_mayor", "unit", "supervision", "admin"}
    assert (assigned.number in client.get("/express/?list=all").content.decode()) is sees
    assert client.get("/express/projects/").status_code == 200
    assert client.get("/express/units/").status_code == 200


@pytest.mark.parametrize("role", ["liaison", "key", "mayor", "unit", "supervision", "admin"])
def test_should_show_the_card_page_to_those_concerned(cast, assigned, role):
    client = login(cast, role)
    page = client.get(f"/express/cards/{assigned.pk}/").content.decode()
    for label in (
        "填报时间",
        "项目名称",
        "建设单位",
        "联系方式",
        "事项基本情况",
        "市重点办处理建议",
        "分管市长批示意见",
        "责任单位事项落实情况",
    ):
        assert label in page
    assert "剩余" in page  # the clock
    assert ("落实办理负责人和责任科室" in page) is (role == "unit")
    assert client.get(f"/express/cards/{assigned.pk}/print/").status_code == 200
    docx = client.get(f"/express/cards/{assigned.pk}/card.docx")
    text = "\n".join(
        c.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells
    )
    assert "市重点办处理建议" in text and "建议市规划和自然资源局协调" in text


@pytest.mark.parametrize("role", ["other_liaison", "other_unit", "office", "duty"])
def test_should_hide_the_card_from_other_units(cast, assigned, role):
    client = login(cast, role)
    assert client.get(f"/express/cards/{assigned.pk}/").status_code == 404
    assert client.get(f"/express/cards/{assigned.pk}/card.docx").status_code == 404
    assert (
        client.post(
            f"/express/cards/{assigned.pk}/act/accept/",
            {"accept-handler": "x", "accept-section": "y"},
        ).status_code
        == 404
    )


def test_should_send_anonymous_visitors_to_log_in(cast, assigned):
    response = Client().get(f"/express/cards/{assigned.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["liaison", "key", "mayor", "supervision", "admin"])
def test_should_refuse_an_action_of_another_party_through_the_page(cast, assigned, role):
    response = login(cast, role).post(
        f"/express/cards/{assigned.pk}/act/accept/",
        {"accept-handler": "某人", "accept-section": "某科"},
    )
    assert response.status_code == 403
    assert Card.objects.get(pk=assigned.pk).state == "assigned"


def test_should_take_an_action_through_the_page_and_require_its_comment(cast, assigned):
    client = login(cast, "unit")
    response = client.post(
        f"/express/cards/{assigned.pk}/act/accept/", {"accept-handler": "李科长"}
    )
    assert response.status_code == 400 and "责任科室" in response.content.decode()
    response = client.post(
        f"/express/cards/{assigned.pk}/act/accept/",
        {"accept-handler": "李科长", "accept-section": "用地科"},
    )
    assert response.status_code == 302
    response = client.post(f"/express/cards/{assigned.pk}/act/complete/", {"complete-comment": ""})
    assert response.status_code == 400
    assert Card.objects.get(pk=assigned.pk).state == "accepted"


def test_should_file_a_card_through_the_form(cast):
    client = login(cast, "liaison")
    response = client.post(
        "/express/new/",
        {
            "project_name": "阳城县抽水蓄能电站",
            "builder": "某能源公司",
            "contact": "张工 139",
            "situation": "需协调林地手续",
        },
    )
    card = Card.objects.get(project_name="阳城县抽水蓄能电站")
    assert response.status_code == 302 and response["Location"] == f"/express/cards/{card.pk}/"
    assert login(cast, "unit").get("/express/new/").status_code == 403


def test_should_show_the_project_page_with_all_its_cards(cast, assigned):
    with clock.frozen("2020-09-28T15:00"):
        second = services.file_card(
            cast.liaison,
            services.Filing(assigned.project_name, assigned.builder, "电话", "另一事项"),
        )
    page = login(cast, "key").get(f"/express/projects/{assigned.project_id}/").content.decode()
    assert assigned.number in page and second.number in page


def test_should_build_the_report_page_and_docx_for_the_government(cast, filed):
    card = walk_hard_card(cast, filed)
    with clock.frozen("2020-09-30T10:00"):
        services.complete(cast.unit, card.pk, "已办结")
        services.close(cast.key, card.pk)
    client = login(cast, "key")
    page = client.get("/express/report/?start=2020-09-01&end=2020-09-30").content.decode()
    assert "待分管副市长批示" in page and "平均用时" in page
    docx = client.get("/express/report.docx?start=2020-09-01&end=2020-09-30")
    document = Document(io.BytesIO(docx.content))
    assert "共受理重点项目事项处置卡1件" in "\n".join(p.text for p in document.paragraphs)
    assert login(cast, "unit").get("/express/report/").status_code == 403


def test_should_list_and_clear_in_app_notices(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        filed = services.file_card(cast.liaison, FILING)
    client = login(cast, "key")
    assert filed.number in client.get("/express/notices/").content.decode()
    client.post("/express/notices/")
    assert 'class="unread"' not in client.get("/express/notices/").content.decode()


@pytest.mark.parametrize(
    "url", ["/express/?list=all", "/express/?list=open", "/express/projects/{}/"]
)
def test_should_label_every_card_cell_for_the_phone_layout(cast, assigned, url):
    page = login(cast, "key").get(url.format(assigned.project_id)).content.decode()
    table = re.search(r'<table class="list cards stack">.*?</table>', page, re.S)
    assert table is not None
    row = re.search(r"<tbody>\s*<tr[^>]*>(.*?)</tr>", table.group(0), re.S)
    assert row is not None
    cells = re.findall(r"<td([^>]*)>", row.group(1))
    assert "lead-cell" in cells[0] and assigned.number in row.group(1)
    labels = [re.search(r'data-label="([^"]+)"', c).group(1) for c in cells[1:]]
    assert labels == ["项目名称", "建设单位", "状态", "责任单位", "填报时间", "本环节时限"]
    assert f'data-label="项目名称">{assigned.project_name}</td>' in row.group(1)
