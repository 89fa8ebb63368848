"""The grant pages: the public 公示 masks names and hides ID numbers; offices see their own."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from tests.grants.conftest import id_number

from luoshi.core import clock
from luoshi.grants.models import Application, Objection
from luoshi.grants.publicity import PublishList
from luoshi.grants.services import ReviewApplication, SubmitApplication

pytestmark = pytest.mark.django_db


def client_for(programme, key) -> Client:
    client = Client()
    client.force_login(programme.users[key])
    return client


def published(programme):
    with clock.frozen("2020-07-01T09:00"):
        application = programme.register(student_name="<script>x</script>张小明")
        SubmitApplication(programme.users["school"], application).run()
        ReviewApplication(programme.users["school"], application, "approved").run()
        return application, PublishList(
            programme.users["school"], programme.year, dt.date(2020, 7, 1)
        ).run()


def test_should_publish_masked_names_without_id_numbers_to_anyone(programme):
    application, publicity = published(programme)
    with clock.frozen("2020-07-02T09:00"):
        page = Client().get(f"/grants/publicity/{publicity.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "张小明" not in html and id_number(1) not in html and application.id_masked not in html
    assert "&lt;*********明" in html or "&lt;" in html  # the hostile name is escaped, never markup
    assert "<script>x" not in html
    assert "2020年7月1日至2020年7月7日" in html


def test_should_take_an_objection_from_the_public_while_open_only(programme):
    application, publicity = published(programme)
    with clock.frozen("2020-07-03T09:00"):
        response = Client().post(
            f"/grants/publicity/{publicity.pk}/",
            {"application": 1, "text": "家有营运车辆"},  # its position on the list
        )
    assert response.status_code == 302 and Objection.objects.get().application == application
    with clock.frozen("2020-07-08T09:00"):
        late = Client().post(f"/grants/publicity/{publicity.pk}/", {"text": "迟到的异议"})
    assert late.status_code == 409 and Objection.objects.count() == 1


def test_should_require_login_and_an_office_for_the_workspace(programme):
    assert Client().get("/grants/").status_code == 302
    assert client_for(programme, "stranger").get("/grants/").status_code == 403
    page = client_for(programme, "school").get("/grants/")
    assert page.status_code == 200 and "泽州县第一中学" in page.content.decode()


def test_should_hide_another_countys_application(programme):
    with clock.frozen("2020-07-01T09:00"):
        application = programme.register()
    assert (
        client_for(programme, "other_county")
        .get(f"/grants/applications/{application.pk}/")
        .status_code
        == 404
    )
    assert (
        client_for(programme, "county").get(f"/grants/applications/{application.pk}/").status_code
        == 200
    )


def test_should_enter_an_application_through_the_form_and_refuse_a_bad_id(programme):
    client = client_for(programme, "school")
    data = {
        "student_name": "李华", "gender": "女", "id_number": id_number(7), "hukou_address": "城区",
        "hukou_jincheng": "on", "household_size": 3, "categories": ["martyr"],
        "family_situation": "烈士家庭", "exam_number": "20140525007", "college": "山西大学",
        "institution": "undergraduate", "full_time": "on", "donations_yuan": "0",
        "family_planning_aid_yuan": "0",
    }  # fmt: skip
    with clock.frozen("2020-07-01T09:00"):
        created = client.post("/grants/applications/new/", data)
        assert created.status_code == 302
        assert Application.objects.get().amount == 5000
        bad = client.post(
            "/grants/applications/new/", data | {"id_number": id_number(8)[:-1] + "Y"}
        )
        duplicate = client.post("/grants/applications/new/", data)
    assert bad.status_code == 400 and "身份证号" in bad.content.decode()
    assert duplicate.status_code == 409 and "已有申请" in duplicate.content.decode()
    assert Application.objects.count() == 1


def test_should_keep_the_entered_form_when_the_id_is_refused(programme):
    client = client_for(programme, "school")
    with clock.frozen("2020-07-01T09:00"):
        page = client.post(
            "/grants/applications/new/",
            {"student_name": "王五", "id_number": id_number(9)[:-1] + "Y"},
        )
    assert page.status_code == 400 and 'value="王五"' in page.content.decode()


def test_should_take_evidence_by_content_and_log_every_read(programme):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from luoshi.core.models import AuditEntry

    with clock.frozen("2020-07-01T09:00"):
        application = programme.register()
        school = client_for(programme, "school")
        url = f"/grants/applications/{application.pk}/upload/"
        hostile = SimpleUploadedFile(
            "证.pdf", b"<html><script>alert(1)</script>", "application/pdf"
        )
        assert school.post(url, {"kind": "hukou", "file": hostile}).status_code == 400
        good = SimpleUploadedFile("../户口簿.pdf", b"%PDF-1.4 scan", "application/pdf")
        assert school.post(url, {"kind": "hukou", "file": good}).status_code == 302
    evidence = application.evidence.order_by("-id").first()
    assert evidence.name == "户口簿.pdf" and evidence.retain_until.year == 2025
    response = client_for(programme, "county").get(f"/grants/evidence/{evidence.pk}/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditEntry.objects.filter(action="grants.evidence_read").count() == 1
    assert (
        client_for(programme, "other_county").get(f"/grants/evidence/{evidence.pk}/").status_code
        == 404
    )
    assert Client().get(f"/grants/evidence/{evidence.pk}/").status_code == 302


def test_should_keep_the_schools_survey_and_refuse_other_offices(programme):
    school = client_for(programme, "school")
    with clock.frozen("2020-05-20T09:00"):
        added = school.post(
            "/grants/survey/",
            {"student_name": "赵六", "class_name": "高三(2)班", "situation": "父亲残疾",
             "categories": ["parent_disabled"], "surveyed_on": "2020-05-18"},
        )  # fmt: skip
        page = school.get("/grants/survey/").content.decode()
        future = school.post(
            "/grants/survey/",
            {"student_name": "钱七", "class_name": "高三(1)班", "situation": "低保", "surveyed_on": "2020-06-18"},
            HTTP_REFERER="/grants/survey/",
        )  # fmt: skip
    assert added.status_code == 302 and "赵六" in page and "2020年5月31日" in page
    assert (
        future.status_code == 302 and "钱七" not in school.get("/grants/survey/").content.decode()
    )
    assert client_for(programme, "county").get("/grants/survey/").status_code == 403


def test_should_draw_and_visit_through_the_county_pages(programme):
    with clock.frozen("2020-07-01T09:00"):
        application = programme.register()
        SubmitApplication(programme.users["school"], application).run()
        ReviewApplication(programme.users["school"], application, "approved").run()
        publicity = PublishList(
            programme.users["school"], programme.year, dt.date(2020, 7, 1)
        ).run()
    with clock.frozen("2020-07-08T09:00"):
        from luoshi.grants.publicity import ForwardList

        ForwardList(programme.users["school"], publicity).run()
        county = client_for(programme, "county")
        assert county.post("/grants/sample/", {"seed": "7月8日 见证人李明"}).status_code == 302
        visit = county.post(
            f"/grants/applications/{application.pk}/visit/",
            {"visited_on": "2020-07-08", "findings": "实地核实,情况属实", "confirmed": "yes"},
        )
    application.refresh_from_db()
    assert (
        visit.status_code == 302 and application.visit_sampled and application.visits.count() == 1
    )
