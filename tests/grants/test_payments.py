"""Paying the grants: 存单 after the city's 公示, the bank's batch, signatures, claw-backs, report."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook
from tests.grants.conftest import id_number

from luoshi.core import clock
from luoshi.core.errors import Conflict, Forbidden, Invalid
from luoshi.grants.models import Clawback, Payment
from luoshi.grants.payments import OpenClawback, PreparePayments, RecordSignature, bank_batch
from luoshi.grants.publicity import ForwardList, PublishList
from luoshi.grants.reports import year_figures, yearly_report
from luoshi.grants.services import ReviewApplication, SubmitApplication

pytestmark = pytest.mark.django_db


def through(programme, key, starts, after):
    with clock.frozen(f"{starts}T09:00"):
        publicity = PublishList(
            programme.users[key], programme.year, dt.date.fromisoformat(starts)
        ).run()
    with clock.frozen(f"{after}T09:00"):
        ForwardList(programme.users[key], publicity).run()


def decided(programme, serial=1, **changes):
    with clock.frozen("2020-07-01T09:00"):
        application = programme.register(serial, **changes)
        SubmitApplication(programme.users["school"], application).run()
        ReviewApplication(programme.users["school"], application, "approved").run()
    through(programme, "school", "2020-07-02", "2020-07-09")
    with clock.frozen("2020-07-10T09:00"):
        ReviewApplication(programme.users["county"], application, "approved").run()
    through(programme, "county", "2020-07-13", "2020-07-20")
    with clock.frozen("2020-07-21T09:00"):
        ReviewApplication(programme.users["city"], application, "approved").run()
        ReviewApplication(programme.users["bureau"], application, "approved").run()
    return application


def test_should_pay_only_after_the_city_publicity_and_from_the_schools_budget(programme):
    application = decided(programme)
    with clock.frozen("2020-07-21T10:00"), pytest.raises(Conflict, match="没有公示期满"):
        PreparePayments(programme.users["city"], programme.year).run()
    through(programme, "city", "2020-07-22", "2020-07-29")
    with clock.frozen("2020-07-30T09:00"):
        with pytest.raises(Forbidden):
            PreparePayments(programme.users["county"], programme.year).run()
        (payment,) = PreparePayments(programme.users["city"], programme.year).run()
    assert (payment.amount, payment.source) == (5000, Payment.Source.COUNTY)
    assert payment.application == application


def test_should_give_the_bank_full_id_numbers_through_the_city_centre_only(programme):
    decided(programme)
    through(programme, "city", "2020-07-22", "2020-07-29")
    with clock.frozen("2020-07-30T09:00"):
        PreparePayments(programme.users["city"], programme.year).run()
    sheet = load_workbook(io.BytesIO(bank_batch(programme.year, programme.offices["city"]))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert id_number(1) in values and 5000 in values
    with pytest.raises(Forbidden):
        bank_batch(programme.year, programme.offices["county"])
    client = Client()
    client.force_login(programme.users["school"])
    assert client.get("/grants/payments/batch.xlsx").status_code == 403


def test_should_record_signatures_and_claw_back_from_students_who_never_enrolled(programme):
    decided(programme)
    through(programme, "city", "2020-07-22", "2020-07-29")
    with clock.frozen("2020-07-30T09:00"):
        (payment,) = PreparePayments(programme.users["city"], programme.year).run()
    with clock.frozen("2020-08-05T09:00"):
        with pytest.raises(Invalid, match="签领日期"):
            RecordSignature(programme.users["school"], payment, dt.date(2020, 8, 6)).run()
        with pytest.raises(Forbidden):
            RecordSignature(programme.users["other_school"], payment, dt.date(2020, 8, 5)).run()
        RecordSignature(programme.users["school"], payment, dt.date(2020, 8, 5)).run()
    with clock.frozen("2020-09-20T09:00"):
        OpenClawback(
            programme.users["school"], payment, "未到太原理工大学报到", "经核实该生复读,特此报告。"
        ).run()
        with pytest.raises(Conflict):
            OpenClawback(programme.users["school"], payment, "再次登记", "报告").run()
    assert Clawback.objects.get().amount == 5000


def test_should_report_the_year_to_the_city_government(programme):
    decided(programme, 1)
    decided(programme, 2, categories=["work_injury"])
    figures = year_figures(programme.year)
    assert (figures.applicants, figures.recipients, figures.amount) == (2, 2, 9000)
    assert [(c.county, c.tier1, c.tier2) for c in figures.counties] == [("泽州县", 1, 1)]
    with clock.frozen("2020-09-30T09:00"):
        document = Document(io.BytesIO(yearly_report(programme.year, "晋城市学生资助事务中心")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "确定资助2人，资助金额9000元" in text and "2020年9月30日" in text
    assert document.tables[0].rows[1].cells[0].text == "泽州县"


def test_should_show_budget_and_schools_on_the_dashboard(programme):
    from django.test import Client

    programme.year.budget_county_yuan = 100000
    programme.year.save()
    decided(programme)
    through(programme, "city", "2020-07-22", "2020-07-29")
    with clock.frozen("2020-07-30T09:00"):
        PreparePayments(programme.users["city"], programme.year).run()
    figures = year_figures(programme.year)
    assert (figures.budget_county, figures.paid_county) == (100000, 5000)
    assert [(s.school, s.recipients) for s in figures.schools] == [("泽州县第一中学", 1)]
    client = Client()
    client.force_login(programme.users["city"])
    page = client.get("/grants/dashboard/").content.decode()
    assert "95000" in page and "泽州县第一中学" in page
    client.force_login(programme.users["school"])
    assert client.get("/grants/dashboard/").status_code == 403
