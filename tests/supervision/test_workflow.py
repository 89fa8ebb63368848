"""The ledger workflow through its named actions: review, periods, reports, close-out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from luoshi.core import clock
from luoshi.core.errors import Conflict, Forbidden, Invalid
from luoshi.core.models import AuditEntry, User
from luoshi.supervision import services
from luoshi.supervision.models import Report, Task, TaskUnit

pytestmark = pytest.mark.django_db


def test_confirmed_task_gets_quarterly_periods_from_its_document(task):
    periods = list(task.periods.order_by("due"))
    assert [p.due for p in periods] == [
        dt.date(2020, 3, 22), dt.date(2020, 6, 22), dt.date(2020, 9, 22),
        dt.date(2020, 12, 22), dt.date(2020, 12, 31),
    ]  # fmt: skip
    assert periods[0].label == "2020年一季度"
    assert task.state == Task.State.ACTIVE
    assert "3月22日" in task.reporting_rule
    assert task.next_due == dt.date(2020, 3, 22)


def test_extracted_values_are_kept_when_the_office_edits(task, people, units):
    services.edit_task(
        people["office"], task, changes={"title": "地区生产总值增长", "due": dt.date(2020, 11, 30)},
        co_units=[units[1]], reason="按会议纪要调整",
    )  # fmt: skip
    task.refresh_from_db()
    assert task.title == "地区生产总值增长"
    assert task.original["title"] == "全市地区生产总值增长6.2%左右。"
    assert task.original["due"] == "2020-12-31"
    entry = AuditEntry.objects.get(action="supervision.task_edited")
    assert entry.before["title"] == "全市地区生产总值增长6.2%左右。"
    assert entry.after["title"] == "地区生产总值增长"
    assert entry.after["co_units"] == ["市财政局"]
    assert entry.reason == "按会议纪要调整"
    assert entry.actor == people["office"]


def test_unit_staff_cannot_review(make_task, people):
    pending = make_task(confirm=False)
    with pytest.raises(PermissionDenied):
        services.confirm_task(people["a"], pending)
    with pytest.raises(PermissionDenied):
        services.edit_task(people["a"], pending, changes={"title": "x"})


def test_split_and_merge_keep_the_originals(make_task, people, units):
    office = people["office"]
    first = make_task("1", confirm=False)
    children = services.split_task(
        office, first,
        [services.Part("甲", "甲任务"), services.Part("乙", "乙任务", lead_units=[units[1]])],
    )  # fmt: skip
    first.refresh_from_db()
    assert first.state == Task.State.RETIRED
    assert [c.parent_id for c in children] == [first.pk, first.pk]
    assert children[1].lead_units() == [units[1]]
    assert all(c.original == first.original for c in children)

    kept = services.merge_tasks(office, children, title="甲乙合并")
    other = Task.objects.get(pk=children[1].pk)
    assert kept.title == "甲乙合并" and kept.text == "甲任务\n乙任务"
    assert other.state == Task.State.RETIRED and other.merged_into_id == kept.pk
    assert {u.name for u in kept.lead_units()} == {u.name for u in units}


def test_not_applicable_needs_a_reason_and_shows_as_such(make_task, people):
    pending = make_task(confirm=False)
    with pytest.raises(Invalid):
        services.mark_not_applicable(people["office"], pending, reason=" ")
    services.mark_not_applicable(people["office"], pending, reason="此项工作不涉及晋城")
    pending.refresh_from_db()
    assert pending.not_applicable and pending.state == Task.State.ACTIVE
    assert pending.next_due is None


def report_for(task, user, **kw):
    period = task.periods.order_by("due").first()
    values = {"narrative": "一季度完成投资1.2亿元", "percent": 25} | kw
    return services.save_report(user, period, **values)


def test_report_review_cycle_moves_the_deadline(task, people):
    report = report_for(task, people["a"])
    assert report.state == Report.State.DRAFT and report.version == 1
    report = services.submit_report(people["a"], report, version=1)
    task.refresh_from_db()
    assert task.next_due == dt.date(2020, 6, 22) and task.reported and task.percent == 25

    report = services.return_report(people["office"], report, comment="请补充佐证材料")
    task.refresh_from_db()
    assert report.state == Report.State.RETURNED
    assert task.next_due == dt.date(2020, 3, 22)

    report = services.save_report(
        people["a"], report.period, narrative="补充后", percent=30, version=report.version
    )
    report = services.submit_report(people["a"], report, version=report.version)
    report = services.accept_report(people["office"], report, comment="同意")
    assert report.state == Report.State.ACCEPTED
    assert [r.decision for r in report.reviews.all()] == ["returned", "accepted"]
    assert people["a"].ledger_notifications.filter(kind="review").count() == 2


def test_returned_report_cannot_be_closed_out(task, people):
    report = services.submit_report(people["a"], report_for(task, people["a"]), version=1)
    services.return_report(people["office"], report, comment="数据不实")
    with pytest.raises(Conflict, match="退回"):
        services.close_out(people["office"], task)
    task.refresh_from_db()
    assert task.state == Task.State.ACTIVE


def test_unreviewed_report_cannot_be_closed_out(task, people):
    services.submit_report(people["a"], report_for(task, people["a"]), version=1)
    with pytest.raises(Conflict, match="尚未审核"):
        services.close_out(people["office"], task)


def test_closed_task_cannot_be_reported_on(task, people):
    report = services.submit_report(
        people["a"], report_for(task, people["a"], percent=100, close_requested=True), version=1
    )
    services.accept_report(people["office"], report)
    services.close_out(people["office"], task, comment="已完成")
    task.refresh_from_db()
    assert task.state == Task.State.CLOSED and task.closed_by == people["office"]
    later = task.periods.order_by("due")[1]
    with pytest.raises(Conflict, match="销号"):
        services.save_report(people["a"], later, narrative="又一期", percent=100)
    with pytest.raises(Conflict, match="销号"):
        services.save_report(
            people["a"], report.period, narrative="改", percent=100, version=report.version
        )


def test_unit_b_cannot_report_on_or_change_unit_a_reports(task, people):
    report = report_for(task, people["a"])
    with pytest.raises(PermissionDenied):
        report_for(task, people["b"])
    with pytest.raises(PermissionDenied):
        services.submit_report(people["b"], report, version=report.version)
    upload = SimpleUploadedFile("证明.pdf", b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(PermissionDenied):
        services.add_attachment(people["b"], report, upload)


def test_co_unit_adds_a_contribution_but_cannot_ask_for_close_out(task, people, units):
    services.edit_task(people["office"], task, changes={}, co_units=[units[1]])
    with pytest.raises(Forbidden, match="牵头单位"):
        report_for(task, people["b"], close_requested=True)
    contribution = report_for(task, people["b"], narrative="配合完成资金拨付")
    assert contribution.role == TaskUnit.Role.CO
    services.submit_report(people["b"], contribution, version=contribution.version)
    task.refresh_from_db()
    assert not task.reported  # contributions do not cover the lead unit's period


def test_attachments_are_checked_and_audited(task, people):
    report = report_for(task, people["a"])
    good = SimpleUploadedFile("会议纪要.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    attachment = services.add_attachment(people["a"], report, good)
    assert attachment.name == "会议纪要.pdf" and attachment.file.read() == b"%PDF-1.4 evidence"
    with pytest.raises(Invalid, match="文件类型"):
        services.add_attachment(people["a"], report, SimpleUploadedFile("x.exe", b"MZ"))
    report.refresh_from_db()
    assert report.version == 2  # an attachment is a change to the report
    assert AuditEntry.objects.filter(action="supervision.attachment_added").count() == 1


def test_accountability_record_for_a_unit_of_the_task(task, people, units):
    entry = services.record_accountability(
        people["office"], task, unit=units[0], kind="late", description="一季度逾期未报",
        measure="约谈",
    )  # fmt: skip
    assert entry.get_kind_display() == "逾期未完成/未报送"
    with pytest.raises(Invalid):
        services.record_accountability(
            people["office"], task, unit=units[1], kind="late", description="x"
        )
    with pytest.raises(PermissionDenied):
        services.record_accountability(
            people["a"], task, unit=units[0], kind="late", description="x"
        )


def test_periods_are_editable_by_the_office(task, people):
    first = task.periods.order_by("due").first()
    services.save_period(
        people["office"], task, label="一季度(延期)", due=dt.date(2020, 3, 31), period=first
    )
    task.refresh_from_db()
    assert task.next_due == dt.date(2020, 3, 31)
    services.save_period(people["office"], task, label="专项检查", due=dt.date(2020, 3, 25))
    task.refresh_from_db()
    assert task.next_due == dt.date(2020, 3, 25)
    with clock.frozen("2020-04-01T09:00"):
        report_for(task, people["a"])
    with pytest.raises(Conflict):
        services.replan_periods(people["office"], task)


def test_reminders_before_and_escalation_after_a_deadline(
    task, people, mailoutbox, django_capture_on_commit_callbacks
):
    from luoshi.core.sms import LoggingSmsGateway
    from luoshi.supervision.models import Notification
    from luoshi.supervision.notifications import send_reminders

    User.objects.filter(pk=people["a"].pk).update(phone="13800000000")
    LoggingSmsGateway.sent.clear()
    with clock.frozen("2020-03-18T09:00"), django_capture_on_commit_callbacks(execute=True):
        summary = send_reminders()  # 3月22日 is 2 working days away
        again = send_reminders()
    assert summary.reminders == 2 and again.reminders == 0  # both staff of unit A, once
    assert Notification.objects.filter(kind="reminder", recipient=people["b"]).count() == 0
    reminder = Notification.objects.filter(kind="reminder").first()
    assert reminder.title.startswith("2020年3月22日前需报送")  # the year, no leading zeros
    assert [m.to for m in mailoutbox] == [["a@example.cn"]]
    assert LoggingSmsGateway.sent and LoggingSmsGateway.sent[0][0] == "13800000000"
    with clock.frozen("2020-03-24T09:00"):
        late = send_reminders()
    assert late.escalations == 3  # unit A's two staff and the office
    assert Notification.objects.filter(kind="escalation", recipient=people["leader"]).count() == 0
    assert "已于2020年3月22日到期" in Notification.objects.filter(kind="escalation").first().title
    with clock.frozen("2020-03-30T09:00"):  # 5 working days late: leaders are told
        send_reminders()
    assert Notification.objects.filter(kind="escalation", recipient=people["leader"]).count() == 1


def test_remind_command(task, capsys):
    import json

    from luoshi.cli import main

    with clock.frozen("2020-03-24T09:00"):
        assert main(["remind", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["escalations"] >= 1


def test_the_leader_filter_follows_edits_and_splits_and_matches_whole_names(make_task, people):
    from luoshi.supervision.queries import LedgerFilter, Moment, ledger_tasks

    moment = Moment(dt.date(2020, 3, 20), dt.date(2020, 3, 27))

    def led_by(name):
        tasks = ledger_tasks(people["office"], LedgerFilter(leader=name), moment)
        return sorted(t.no for t in tasks)

    shared = make_task("1", leaders_in_charge=["杨跃卿", "李四"])
    make_task("2")
    assert led_by("杨跃卿") == ["1", "2"] and led_by("李四") == ["1"] and led_by("杨跃") == []
    services.edit_task(
        people["office"], shared, changes={"leaders_in_charge": ["王五"]}, reason="分工调整"
    )
    assert led_by("杨跃卿") == ["2"] and led_by("李四") == [] and led_by("王五") == ["1"]
    pending = make_task("3", confirm=False, leaders_in_charge=["赵六"])
    parts = services.split_task(
        people["office"], pending, [services.Part("一", "第一项"), services.Part("二", "第二项")]
    )
    for part in parts:
        services.confirm_task(people["office"], part)
    assert led_by("赵六") == ["3", "3"]


def test_close_out_needs_the_units_request_or_an_explicit_override_with_a_reason(task, people):
    report = services.submit_report(people["a"], report_for(task, people["a"]), version=1)
    services.accept_report(people["office"], report)
    with pytest.raises(Conflict, match="尚未申请销号"):
        services.close_out(people["office"], task, comment="已完成")
    with pytest.raises(Invalid, match="须填写理由"):
        services.close_out(people["office"], task, comment="  ", override=True)
    task.refresh_from_db()
    assert task.state == Task.State.ACTIVE
    services.close_out(people["office"], task, comment="市政府常务会议决定", override=True)
    task.refresh_from_db()
    assert task.state == Task.State.CLOSED
    entry = AuditEntry.objects.filter(action="supervision.task_closed").get()
    assert entry.reason == "未经申请销号:市政府常务会议决定"


def test_a_report_submitted_after_its_deadline_is_late(task, people):
    period = task.periods.order_by("due").first()
    with clock.frozen(f"{period.due.isoformat()}T23:00"):
        on_time = services.submit_report(people["a"], report_for(task, people["a"]), version=1)
    assert not on_time.late
    services.return_report(people["office"], on_time, comment="请补充数据")
    next_day = period.due + dt.timedelta(days=1)
    with clock.frozen(f"{next_day.isoformat()}T08:00"):
        again = services.submit_report(people["a"], on_time, version=on_time.version + 1)
    assert again.late
