"""The named actions against the database: rows, history, audit, notifications."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from luoshi.core import clock
from luoshi.core.errors import Conflict, Forbidden, Invalid
from luoshi.core.models import AuditEntry, User
from luoshi.core.sms import LoggingSmsGateway
from luoshi.express import services
from luoshi.express import workflow as wf
from luoshi.express.models import Card, Escalation, Notification, Step

from .conftest import FILING, walk_hard_card

pytestmark = pytest.mark.django_db(transaction=True)


def test_should_file_a_card_with_the_official_fields_and_a_24_hour_clock(cast):
    with clock.frozen("2020-09-30T17:30"):
        card = services.file_card(cast.liaison, FILING)
    card.refresh_from_db()
    assert card.number == "直通车〔2020〕1号"
    assert (card.project_name, card.builder) == (FILING.project_name, FILING.builder)
    assert card.state == wf.State.FILED
    assert card.step_due_at == clock.parse_moment("2020-10-01T17:30")
    assert card.filing_unit == cast.units.county
    assert Notification.objects.filter(recipient=cast.key, card=card).exists()
    assert AuditEntry.objects.filter(action="express.file", object_id=str(card.pk)).exists()


def test_should_refuse_filing_by_anyone_but_a_liaison(cast):
    for user in (cast.key, cast.unit, cast.mayor, cast.supervision):
        with pytest.raises(Forbidden):
            services.file_card(user, FILING)
    with pytest.raises(wf.MissingField):
        services.file_card(cast.liaison, services.Filing("项目", "单位", "电话", " "))


def test_should_carry_a_hard_card_to_closure_with_a_complete_audited_history(cast, filed):
    card = walk_hard_card(cast, filed)
    with clock.frozen("2020-09-29T09:00"):
        services.report_progress(cast.unit, card.pk, "已与供电公司现场踏勘")
        services.complete(cast.unit, card.pk, "高压线杆已迁改完毕")
        card = services.close(cast.key, card.pk, "同意完结")

    card.refresh_from_db()
    assert card.state == wf.State.CLOSED and card.closed_at is not None and not card.is_open
    assert card.instruction == "请市规划和自然资源局三日内协调解决"
    assert card.result == "高压线杆已迁改完毕"
    assert services.history_problems(card) == []
    steps = list(card.steps.order_by("seq"))
    assert [s.action for s in steps] == [
        "file",
        "triage_hard",
        "instruct",
        "dispatch",
        "accept",
        "report_progress",
        "complete",
        "close",
    ]
    assert steps[2].actor == cast.mayor and steps[2].actor_role == "vice_mayor"
    assert (
        AuditEntry.objects.filter(object_type="express.card", object_id=str(card.pk)).count() == 8
    )
    assert mail.outbox, "email notices are sent"


def test_should_refuse_the_wrong_party_and_the_wrong_vice_mayor(cast, filed):
    with pytest.raises(Forbidden):
        services.triage_ordinary(
            cast.supervision, filed.pk, "建议", cast.units.land.pk, dt.date(2020, 10, 9)
        )
    services.triage_hard(cast.key, filed.pk, "建议", cast.mayor.pk, dt.date(2020, 10, 9))
    with pytest.raises(Forbidden):
        services.instruct(cast.other_mayor, filed.pk, "同意")
    with pytest.raises(Conflict):
        services.triage_hard(cast.key, filed.pk, "再次梳理", cast.mayor.pk, dt.date(2020, 10, 9))


def test_should_hide_other_units_cards(cast, filed):
    with pytest.raises(Http404):
        services.withdraw(cast.other_liaison, filed.pk, "不是我的")
    services.triage_ordinary(cast.key, filed.pk, "建议", cast.units.land.pk, dt.date(2020, 10, 9))
    with pytest.raises(Http404):
        services.accept(cast.other_unit, filed.pk, "某人", "某科")


def test_should_refuse_a_vice_mayor_who_is_not_a_leader(cast, filed):
    with pytest.raises(Invalid):
        services.triage_hard(cast.key, filed.pk, "建议", cast.unit.pk, dt.date(2020, 10, 9))


def test_should_escalate_an_overdue_step_once_to_supervision_and_the_vice_mayor(cast, filed):
    with clock.frozen("2020-09-28T10:00"):
        services.triage_hard(cast.key, filed.pk, "建议", cast.mayor.pk, dt.date(2020, 10, 9))
    User.objects.filter(pk=cast.supervision.pk).update(phone="13900000001")
    User.objects.filter(pk=cast.mayor.pk).update(phone="13900000002")
    LoggingSmsGateway.sent.clear()
    with clock.frozen("2020-09-29T10:00:01"):
        first = services.escalate_overdue()
        again = services.escalate_overdue()
    assert len(first) == 1 and again == []
    assert Escalation.objects.get().state == wf.State.AWAITING_INSTRUCTION
    notified = set(
        Notification.objects.filter(kind="overdue").values_list("recipient__username", flat=True)
    )
    assert notified == {"duchashi", "mayor"}
    assert {to for to, _ in LoggingSmsGateway.sent} == {"13900000001", "13900000002"}


def test_should_not_escalate_before_the_deadline(cast, filed):
    with clock.frozen("2020-09-29T08:59"):
        assert services.escalate_overdue() == []


def test_should_move_a_stalled_card_onto_13710_with_working_day_limits(cast, filed):
    card = walk_hard_card(cast, filed)
    with clock.frozen("2020-09-30T10:00"):
        card = services.move_to_13710(cast.supervision, card.pk, wf.Severity.ORDINARY, "系统性问题")
    assert card.track == wf.Track.T13710 and card.state == wf.State.ASSIGNED
    assert card.step_due_at == clock.parse_moment("2020-10-09T23:59:59")
    with clock.frozen("2020-10-09T09:00"):
        card = services.accept(cast.unit, card.pk, "李科长", "用地科", "已部署")
    assert card.step_due_at == clock.parse_moment("2020-10-12T23:59:59")


def test_should_keep_attachments_and_refuse_unknown_types(cast, filed):
    upload = SimpleUploadedFile("现场照片.jpg", b"\xff\xd8\xffjpeg", content_type="image/jpeg")
    attachment = services.add_attachment(cast.liaison, filed.pk, upload)
    assert attachment.name == "现场照片.jpg" and attachment.size == 7
    with pytest.raises(Invalid):
        services.add_attachment(cast.liaison, filed.pk, SimpleUploadedFile("x.exe", b"MZ"))
    with pytest.raises(Forbidden):
        services.add_attachment(cast.mayor, filed.pk, SimpleUploadedFile("a.pdf", b"%PDF-1.4"))


def test_should_record_reassignment_and_withdrawal_in_the_audit_log(cast, filed):
    services.triage_ordinary(cast.key, filed.pk, "建议", cast.units.land.pk, dt.date(2020, 10, 9))
    card = services.reassign(cast.key, filed.pk, cast.units.housing.pk, "职责调整")
    assert card.responsible_unit == cast.units.housing
    entry = AuditEntry.objects.get(action="express.reassign")
    assert entry.reason == "职责调整" and entry.actor == cast.key
    card = services.cancel(cast.key, filed.pk, "重复报送")
    assert card.state == wf.State.WITHDRAWN
    assert Step.objects.filter(card=card).count() == 4
    assert Card.objects.get(pk=card.pk).is_open is False
