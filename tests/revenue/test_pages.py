"""Revenue pages: each party's desk, the actions through POSTs, the budget files."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook
from tests.revenue.test_services import paid_profit, people  # noqa: F401  (the fixture)

from luoshi.core import clock
from luoshi.revenue.models import Declaration

pytestmark = pytest.mark.django_db


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_should_walk_a_declaration_through_the_pages(people):  # noqa: F811
    collector, water = as_user(people["collector"]), as_user(people["water_staff"])
    with clock.frozen("2020-04-01T09:00"):
        created = collector.post(
            "/revenue/request/",
            {"enterprise": people["water"].pk, "kind": "profit", "fiscal_year": "2019"},
        )
        assert created.status_code == 302
        d = Declaration.objects.get()
        page = water.get(f"/revenue/declarations/{d.pk}/").content.decode()
        assert "提交申报" in page and "审核通过" not in page
        assert water.post(
            f"/revenue/declarations/{d.pk}/declare/", {"base": "abc"}
        ).status_code in (302, 400)
        assert (
            water.post(f"/revenue/declarations/{d.pk}/declare/", {"base": "1000000"}).status_code
            == 302
        )
        assert water.post(f"/revenue/declarations/{d.pk}/accept/").status_code == 403
        assert collector.post(f"/revenue/declarations/{d.pk}/accept/").status_code == 302
    d.refresh_from_db()
    assert (d.state, str(d.amount)) == ("accepted", "180000.00")


def test_should_hide_other_enterprises_and_the_budget_from_enterprises(people):  # noqa: F811
    paid_profit(people)
    d = Declaration.objects.get()
    assert as_user(people["bus_staff"]).get(f"/revenue/declarations/{d.pk}/").status_code == 404
    assert as_user(people["water_staff"]).get("/revenue/budget/2020/").status_code == 403
    assert Client().get("/revenue/").status_code == 302


def test_should_export_the_budget_as_xlsx_and_docx(people):  # noqa: F811
    paid_profit(people)
    mayor = as_user(people["mayor"])
    book = load_workbook(io.BytesIO(mayor.get("/revenue/budget/2020/summary.xlsx").content))
    values = [c.value for row in book["收入"].iter_rows() for c in row]
    assert "应交利润" in values
    with clock.frozen("2020-12-31T09:00"):
        doc = Document(io.BytesIO(mayor.get("/revenue/budget/2020/summary.docx").content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "360000.00元" in text and "30%即108000.00元" in text
    assert mayor.get("/revenue/budget/2020/summary.exe").status_code == 404
