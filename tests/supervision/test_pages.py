"""Ledger pages: rendering, filters, the report form, and unit scope through pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from luoshi.core import clock
from luoshi.supervision import services
from luoshi.supervision.models import Report, Task
from luoshi.supervision.status import Status

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two_tasks(make_task, people, units):
    """Task A led by unit A, task B led by unit B, each with a report by its unit."""
    a = make_task("1", title="甲单位事项", text="甲单位任务")
    b = make_task("2", title="乙单位事项", text="乙单位任务", lead_units=["市财政局"])
    ra = services.save_report(people["a"], a.periods.first(), narrative="甲进展", percent=10)
    rb = services.save_report(people["b"], b.periods.first(), narrative="乙进展机密", percent=20)
    evidence = SimpleUploadedFile("乙材料.pdf", b"%PDF-1.4 secret", content_type="application/pdf")
    att = services.add_attachment(people["b"], rb, evidence)
    return a, b, ra, rb, att


def test_ledger_lists_filters_and_counts(two_tasks, people, units):
    office = client_for(people["office"])
    with clock.frozen("2020-03-21T09:00"):
        page = office.get(reverse("ledger:ledger"))
        assert page.status_code == 200
        html = page.content.decode()
        assert "甲单位事项" in html and "乙单位事项" in html
        filtered = office.get(reverse("ledger:ledger"), {"unit": units[1].pk}).content.decode()
        assert "乙单位事项" in filtered and "甲单位事项" not in filtered
        at_risk = office.get(reverse("ledger:ledger"), {"status": "at_risk"}).content.decode()
        assert "甲单位事项" in at_risk  # 3月22日 is within 5 working days
        overdue = office.get(reverse("ledger:ledger"), {"status": "overdue"}).content.decode()
        assert "甲单位事项" not in overdue
    with clock.frozen("2020-03-23T09:00"):
        overdue = office.get(reverse("ledger:ledger"), {"status": "overdue"}).content.decode()
        assert "甲单位事项" in overdue
    assert office.get(reverse("ledger:ledger"), {"due_from": "not-a-date"}).status_code == 400
    by_leader = office.get(reverse("ledger:ledger"), {"leader": "杨跃卿", "sort": "-due"})
    assert "甲单位事项" in by_leader.content.decode()


def test_unit_a_cannot_read_unit_b_items_through_pages(two_tasks, people):
    a, b, ra, rb, att = two_tasks
    staff_a = client_for(people["a"])
    ledger = staff_a.get(reverse("ledger:ledger")).content.decode()
    assert "甲单位事项" in ledger and "乙单位事项" not in ledger
    assert staff_a.get(reverse("ledger:task", args=[b.pk])).status_code == 404
    assert (
        staff_a.get(reverse("ledger:report", args=[b.pk, b.periods.first().pk])).status_code == 404
    )
    assert staff_a.get(reverse("ledger:attachment", args=[att.pk])).status_code == 404
    post = staff_a.post(
        reverse("ledger:report", args=[b.pk, b.periods.first().pk]),
        {"narrative": "篡改", "percent": 99, "version": rb.version, "action": "save"},
    )
    assert post.status_code == 404
    assert staff_a.post(reverse("ledger:attachment_delete", args=[att.pk])).status_code == 404
    rb.refresh_from_db()
    assert rb.narrative == "乙进展机密"
    # the office sees both, and unit B sees its own evidence
    assert client_for(people["office"]).get(reverse("ledger:task", args=[b.pk])).status_code == 200
    assert (
        client_for(people["b"]).get(reverse("ledger:attachment", args=[att.pk])).status_code == 200
    )


def test_unit_staff_cannot_review_or_close_through_pages(two_tasks, people):
    a, b, ra, rb, att = two_tasks
    services.submit_report(people["a"], ra, version=ra.version)
    staff_a = client_for(people["a"])
    assert (
        staff_a.post(
            reverse("ledger:report_review", args=[ra.pk]), {"decision": "accept"}
        ).status_code
        == 403
    )
    assert staff_a.post(reverse("ledger:task_close", args=[a.pk])).status_code == 403
    assert staff_a.get(reverse("ledger:review")).status_code == 403
    ra.refresh_from_db()
    assert ra.state == Report.State.SUBMITTED


def test_report_form_saves_submits_and_detects_a_stale_version(task, people):
    staff, colleague = client_for(people["a"]), client_for(people["a2"])
    period = task.periods.order_by("due").first()
    url = reverse("ledger:report", args=[task.pk, period.pk])
    assert staff.get(url).status_code == 200
    saved = staff.post(
        url, {"narrative": "初稿", "percent": 10, "version": 0, "action": "save", "target_0": "6.3"}
    )
    assert saved.status_code == 302
    report = Report.objects.get(period=period)
    assert report.target_values == [{"metric": "增长", "value": 6.3, "unit": "%"}]
    # both open version 1; the colleague saves first, then the first edit is refused
    colleague.post(url, {"narrative": "同事修改", "percent": 20, "version": 1, "action": "save"})
    stale = staff.post(
        url, {"narrative": "我的修改", "percent": 30, "version": 1, "action": "save"}
    )
    assert stale.status_code == 409
    assert "已被他人修改" in stale.content.decode()
    report.refresh_from_db()
    assert (report.narrative, report.version) == ("同事修改", 2)
    evidence = SimpleUploadedFile("台账.xlsx", b"PK\x03\x04data")
    done = staff.post(
        url,
        {
            "narrative": "完成",
            "percent": 40,
            "version": 2,
            "action": "submit",
            "evidence": evidence,
        },
    )
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.state == Report.State.SUBMITTED and report.attachments.count() == 1


def test_office_reviews_and_closes_through_pages(task, people):
    report = services.save_report(
        people["a"], task.periods.first(), narrative="完成", percent=100, close_requested=True
    )
    report = services.submit_report(people["a"], report, version=report.version)
    office = client_for(people["office"])
    detail = office.get(reverse("ledger:task", args=[task.pk])).content.decode()
    assert "审核通过" in detail and "申请销号" in detail
    office.post(
        reverse("ledger:report_review", args=[report.pk]),
        {"decision": "return", "comment": "请补充"},
    )
    report.refresh_from_db()
    assert report.state == Report.State.RETURNED
    refused = office.post(reverse("ledger:task_close", args=[task.pk]), follow=True)
    assert "已被退回,不能销号" in refused.content.decode()
    task.refresh_from_db()
    assert task.state == Task.State.ACTIVE


def test_review_queue_confirms_splits_and_edits(make_task, people):
    pending = make_task("5", confirm=False, title="<script>alert(1)</script>待审")
    office = client_for(people["office"])
    queue = office.get(reverse("ledger:review")).content.decode()
    assert "&lt;script&gt;" in queue and "<script>alert(1)" not in queue
    edit = office.post(
        reverse("ledger:task_edit", args=[pending.pk]),
        {"title": "已修正", "text": "修正后的内容", "lead_units": [pending.lead_units()[0].pk],
         "leaders_in_charge": "杨跃卿、李四", "due": "2020-10-31", "reason": "核对原文"},
    )  # fmt: skip
    assert edit.status_code == 302
    pending.refresh_from_db()
    assert pending.leaders_in_charge == ["杨跃卿", "李四"] and pending.due == dt.date(2020, 10, 31)
    office.post(reverse("ledger:review_batch"), {"task": [pending.pk], "action": "confirm"})
    pending.refresh_from_db()
    assert pending.state == Task.State.ACTIVE and pending.periods.exists()
    other = make_task("6", confirm=False)
    office.post(reverse("ledger:task_split", args=[other.pk]), {"parts": "第一项\n第二项"})
    assert Task.objects.filter(parent=other).count() == 2


def test_office_confirms_every_ready_task_of_a_document(make_task, people):
    clean = make_task("7", confirm=False)
    flagged = make_task("8", confirm=False, flags=["misaligned_row"])
    unitless = make_task("9", confirm=False, lead_units=["市不存在局"])
    office = client_for(people["office"])
    queue = office.get(reverse("ledger:review"), {"document": clean.document_id}).content.decode()
    assert "确认下达本文件无疑点事项(1项)" in queue
    response = office.post(
        reverse("ledger:review_batch"),
        {"action": "confirm_ready", "document": str(clean.document_id)},
        follow=True,
    )
    assert "已确认下达 1 项" in response.content.decode()
    states = dict(Task.objects.values_list("pk", "state"))
    assert states[clean.pk] == Task.State.ACTIVE
    assert states[flagged.pk] == states[unitless.pk] == Task.State.PENDING


def test_ticked_tasks_that_cannot_be_confirmed_are_named_with_the_reason(make_task, people):
    ready = make_task("7", confirm=False)
    unitless = [make_task(str(n), confirm=False, lead_units=["市不存在局"]) for n in (8, 9)]
    response = client_for(people["office"]).post(
        reverse("ledger:review_batch"),
        {"action": "confirm", "task": [ready.pk, *(t.pk for t in unitless)]},
        follow=True,
    )
    page = response.content.decode()
    assert "已确认下达 1 项" in page
    assert "2 项未确认(请先指定牵头单位再确认):晋市政发〔2020〕4号 附件 序号8、" in page
    assert (
        Task.objects.filter(pk__in=[t.pk for t in unitless], state=Task.State.PENDING).count() == 2
    )


def test_office_merges_ticked_tasks_from_the_queue(make_task, people):
    first = make_task("7", confirm=False, text="第一段")
    second = make_task("8", confirm=False, text="第二段", lead_units=["市财政局"])
    response = client_for(people["office"]).post(
        reverse("ledger:review_batch"),
        {"action": "merge", "task": [second.pk, first.pk], "title": "合并后的事项"},
    )
    assert response.status_code == 302 and response.url == reverse("ledger:task", args=[first.pk])
    first.refresh_from_db()
    assert first.title == "合并后的事项" and first.text == "第一段\n第二段"
    assert {u.name for u in first.lead_units()} == {"市发展和改革委员会", "市财政局"}
    assert Task.objects.get(pk=second.pk).state == Task.State.RETIRED


def test_a_batch_with_nothing_to_confirm_says_so(make_task, people):
    unitless = make_task("9", confirm=False, lead_units=["市不存在局"])
    office = client_for(people["office"])
    refused = office.post(
        reverse("ledger:review_batch"), {"action": "confirm", "task": [unitless.pk]}, follow=True
    ).content.decode()
    assert "1 项未确认" in refused and "已确认下达" not in refused
    empty = office.post(reverse("ledger:review_batch"), {"action": "confirm"}, follow=True)
    assert "没有选中可确认的事项" in empty.content.decode()


def test_only_the_office_confirms_in_batch(make_task, people):
    pending = make_task("7", confirm=False)
    staff = client_for(people["a"])
    response = staff.post(
        reverse("ledger:review_batch"), {"action": "confirm_ready", "document": ""}
    )
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.state == Task.State.PENDING


def test_csrf_is_enforced(task, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["a"])
    url = reverse("ledger:report", args=[task.pk, task.periods.first().pk])
    assert client.post(url, {"narrative": "x", "percent": 1, "action": "save"}).status_code == 403


def test_other_pages_render(task, people):
    for user in (people["office"], people["a"], people["leader"]):
        client = client_for(user)
        for name in ("ledger:leaders", "ledger:calendar", "ledger:notifications"):
            assert client.get(reverse(name), {"year": 2020, "month": 3}).status_code == 200, name
    assert client_for(people["a"]).get(reverse("ledger:workspace")).status_code == 200
    assert "杨跃卿" in client_for(people["leader"]).get(reverse("ledger:leaders")).content.decode()
    calendar = client_for(people["a"]).get(reverse("ledger:calendar"), {"year": 2020, "month": 3})
    assert task.title[:10] in calendar.content.decode()


def test_anonymous_users_are_sent_to_login(task):
    response = Client().get(reverse("ledger:ledger"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_ledger_page_count_matches_the_rows_for_every_status(two_tasks, people, units):
    office = client_for(people["office"])
    with clock.frozen("2020-03-21T09:00"):
        for params in [{}, *({"status": s.value} for s in Status), {"unit": units[1].pk}]:
            response = office.get(reverse("ledger:ledger"), params)
            shown = response.context["page"]
            assert shown.paginator.count == len(shown.object_list), params


def test_office_sees_submitted_reports_in_a_queue_with_late_ones_marked(two_tasks, people):
    a, b, ra, rb, att = two_tasks
    with clock.frozen("2020-03-20T09:00"):
        services.submit_report(people["a"], ra, version=ra.version)
    with clock.frozen("2020-03-25T09:00"):  # after 3月22日: 迟报
        rb.refresh_from_db()
        services.submit_report(people["b"], rb, version=rb.version)
    office = client_for(people["office"])
    html = office.get(reverse("ledger:report_queue")).content.decode()
    assert "待审报告(2)" in html
    assert html.index("甲单位事项") < html.index("乙单位事项")  # first submitted, first listed
    rows = html.split('data-report="')[1:]
    assert "迟报" not in rows[0] and "迟报" in rows[1]
    detail = office.get(reverse("ledger:task", args=[b.pk])).content.decode()
    assert "迟报" in detail
    services.accept_report(people["office"], Report.objects.get(pk=ra.pk))
    assert "甲单位事项" not in office.get(reverse("ledger:report_queue")).content.decode()
    assert client_for(people["a"]).get(reverse("ledger:report_queue")).status_code == 403


def test_close_out_without_a_request_asks_for_a_reason_and_confirmation(task, people):
    report = services.save_report(people["a"], task.periods.first(), narrative="完成", percent=100)
    report = services.submit_report(people["a"], report, version=report.version)
    services.accept_report(people["office"], report)
    office = client_for(people["office"])
    detail = office.get(reverse("ledger:task", args=[task.pk])).content.decode()
    assert "牵头单位尚未申请销号" in detail and 'name="override"' in detail
    refused = office.post(reverse("ledger:task_close", args=[task.pk]), {"comment": "完成"})
    assert refused.status_code == 409 and "尚未申请销号" in refused.content.decode()
    task.refresh_from_db()
    assert task.state == Task.State.ACTIVE
    office.post(
        reverse("ledger:task_close", args=[task.pk]), {"comment": "会议决定", "override": "1"}
    )
    task.refresh_from_db()
    assert task.state == Task.State.CLOSED


def test_a_document_page_links_to_its_tasks_for_those_allowed_to_see_them(make_task, people):
    a = make_task("1", title="甲单位事项")
    make_task("2", title="乙单位事项", lead_units=["市财政局"])
    make_task("3", title="待审事项", confirm=False)
    url = reverse("document", args=[a.document_id])
    ledger = f"/ledger/?document={a.document_id}"
    office = client_for(people["office"]).get(url).content.decode()
    assert f'href="{ledger}"' in office and "本文件任务 2 项" in office
    assert "待审核事项:本文件 1 项" in office
    unit_a = client_for(people["a"]).get(url).content.decode()
    assert "本文件任务 1 项" in unit_a and "待审核事项" not in unit_a
    anonymous = Client().get(url).content.decode()
    assert "/ledger/" not in anonymous and "本文件任务" not in anonymous
    listed = client_for(people["a"]).get(ledger).content.decode()
    assert "甲单位事项" in listed and "乙单位事项" not in listed


def test_the_library_imports_no_other_app():
    import ast
    from pathlib import Path

    import luoshi.gazette

    root = Path(luoshi.gazette.__file__).parent
    others = ("supervision", "emergency", "express", "cockpit", "directory", "grants", "revenue")
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom | ast.Import):
                names = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else [alias.name for alias in node.names]
                )
                for name in names:
                    assert not any(name.startswith(f"luoshi.{app}") for app in others), (path, name)


def test_leader_view_tags_only_the_users_own_name_and_flags_name_variants(make_task, people):
    make_task("1", title="甲", leaders_in_charge=["卢瑞莲"])
    make_task("2", title="乙", leaders_in_charge=["卢端莲"])
    make_task("3", title="丙", leaders_in_charge=["杨跃卿"])
    make_task("4", title="丁", leaders_in_charge=["杨跃"])
    people["leader"].display_name = "分管副市长 杨跃卿"
    people["leader"].save()
    html = client_for(people["leader"]).get(reverse("ledger:leaders")).content.decode()
    assert html.count("本人") == 1
    assert html.index("杨跃卿") < html.index("卢瑞莲")  # the user's own block comes first
    assert "卢端莲 / 卢瑞莲" in html or "卢瑞莲 / 卢端莲" in html
    assert '<th class="num">' in html or 'th class="num"' in html
