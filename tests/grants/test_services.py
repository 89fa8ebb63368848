"""The grant procedure through its actions: a year from entry to the list going to payment."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from tests.grants.conftest import FORM, id_number

from luoshi.core import clock, sealed
from luoshi.core.errors import Conflict, Forbidden, Invalid, NotFound
from luoshi.core.models import AuditEntry
from luoshi.grants.access import get_application, visible_applications
from luoshi.grants.field import DrawVisitSample, RecordHomeVisit
from luoshi.grants.models import Application, Publicity
from luoshi.grants.publicity import ForwardList, PublishList, RaiseObjection, ResolveObjection
from luoshi.grants.services import RegisterApplication, ReviewApplication, SubmitApplication
from luoshi.grants.workflow import Level, State

pytestmark = pytest.mark.django_db


def approve(programme, key, application, outcome="approved", reason=""):
    return ReviewApplication(programme.users[key], application, outcome, reason).run()


def publish_and_forward(programme, key, starts, after):
    with clock.frozen(f"{starts}T09:00"):
        publicity = PublishList(
            programme.users[key], programme.year, dt.date.fromisoformat(starts)
        ).run()
    with clock.frozen(f"{after}T09:00"):
        ForwardList(programme.users[key], publicity).run()
    return publicity


def test_should_carry_an_application_from_the_school_to_payment(programme):
    with clock.frozen("2020-07-01T09:00"):
        application = programme.register()
        assert (application.amount, application.tier, application.state) == (5000, 1, State.DRAFT)
        SubmitApplication(programme.users["school"], application).run()
        approve(programme, "school", application)
    assert (application.state, application.level) == (State.LISTED, Level.SCHOOL)
    publish_and_forward(programme, "school", "2020-07-02", "2020-07-09")
    application.refresh_from_db()
    assert (application.state, application.level) == (State.IN_REVIEW, Level.COUNTY)
    with clock.frozen("2020-07-10T09:00"):
        approve(programme, "county", application)
    publish_and_forward(programme, "county", "2020-07-13", "2020-07-20")
    with clock.frozen("2020-07-21T09:00"):
        approve(programme, "city", application)
        application.refresh_from_db()
        assert application.level == Level.BUREAU
        approve(programme, "bureau", application)
    application.refresh_from_db()
    assert (application.state, application.level) == (State.APPROVED, Level.CITY)
    city_list = publish_and_forward(programme, "city", "2020-07-22", "2020-07-29")
    assert city_list.state == Publicity.State.FORWARDED
    assert AuditEntry.objects.filter(action="grants.review").count() == 4


def test_should_store_the_id_number_sealed_and_refuse_a_second_application(programme):
    with clock.frozen("2020-07-01T09:00"):
        application = programme.register()
        assert application.id_masked == id_number(1)[:4] + "*" * 10 + id_number(1)[-4:]
        assert id_number(1) not in application.id_cipher
        assert sealed.unseal(application.id_cipher) == id_number(1)
        with pytest.raises(Conflict, match="已有申请"):
            RegisterApplication(programme.users["other_school"], programme.year, FORM).run()


def test_should_refuse_a_wrong_checksum_and_a_non_school_entry(programme):
    wrong = dataclasses.replace(
        FORM, id_number=id_number(2)[:-1] + ("0" if id_number(2)[-1] != "0" else "1")
    )
    with clock.frozen("2020-07-01T09:00"):
        with pytest.raises(Invalid, match="校验位"):
            RegisterApplication(programme.users["school"], programme.year, wrong).run()
        with pytest.raises(Forbidden):
            RegisterApplication(programme.users["county"], programme.year, FORM).run()
        with pytest.raises(Forbidden):
            RegisterApplication(programme.users["stranger"], programme.year, FORM).run()
    assert not Application.objects.exists()


def test_should_scope_each_office_to_its_own_applications(programme):
    with clock.frozen("2020-07-01T09:00"):
        ours = programme.register(1)
        theirs = programme.register(2, school="other_school")
    offices = programme.offices
    assert list(visible_applications(offices["school"])) == [ours]
    assert list(visible_applications(offices["county"])) == [ours]
    assert set(visible_applications(offices["city"])) == {ours, theirs}
    with pytest.raises(NotFound):
        get_application(offices["other_county"], ours.pk)
    with clock.frozen("2020-07-01T09:00"), pytest.raises(Forbidden):
        SubmitApplication(programme.users["other_school"], ours).run()


def test_should_let_only_the_holding_level_decide_and_require_reasons(programme):
    with clock.frozen("2020-07-01T09:00"):
        application = programme.register()
        SubmitApplication(programme.users["school"], application).run()
        with pytest.raises(Conflict, match="学校审核"):
            approve(programme, "county", application)
        with pytest.raises(Invalid, match="说明理由"):
            approve(programme, "school", application, "returned")
        approve(programme, "school", application, "returned", "缺少低保证银行发放记录")
    application.refresh_from_db()
    assert (application.state, application.return_reason) == (
        State.RETURNED,
        "缺少低保证银行发放记录",
    )


def test_should_refuse_to_approve_an_ineligible_application(programme):
    with clock.frozen("2020-07-01T09:00"):
        application = programme.register(3, categories=["low_income"], donations_yuan=3000)
        assert application.amount == 0
        SubmitApplication(programme.users["school"], application).run()
        with pytest.raises(Conflict, match="不符合资助条件"):
            approve(programme, "school", application)


def test_should_hold_a_list_until_its_publicity_ends_and_objections_are_resolved(programme):
    with clock.frozen("2020-09-28T09:00"):
        application = programme.register()
        SubmitApplication(programme.users["school"], application).run()
        approve(programme, "school", application)
        publicity = PublishList(programme.users["school"], programme.year, clock.today()).run()
    # five working days from Monday 9-28 across the National Day holiday (10-1 … 10-8):
    # 9-28, 9-29, 9-30, Friday 10-9 and Saturday 10-10 (调休)
    assert str(publicity.ends) == "2020-10-10"
    with clock.frozen("2020-10-10T17:00"):
        objection = RaiseObjection(None, publicity, "该生家庭已购置新车", "匿名", application).run()
        with pytest.raises(Conflict, match="期满后方可上报"):
            ForwardList(programme.users["school"], publicity).run()
    with clock.frozen("2020-10-12T09:00"):
        with pytest.raises(Conflict, match="1件异议未处理"):
            ForwardList(programme.users["school"], publicity).run()
        with pytest.raises(Forbidden):
            ResolveObjection(programme.users["county"], objection, "已核实").run()
        ResolveObjection(
            programme.users["school"], objection, "经入户核实,车辆为借用,情况属实"
        ).run()
        ForwardList(programme.users["school"], publicity).run()
        with pytest.raises(Conflict, match="公示已结束"):
            RaiseObjection(None, publicity, "再次反映", "", None).run()


def test_should_draw_the_county_sample_reproducibly_and_record_visits(programme):
    with clock.frozen("2020-07-01T09:00"):
        application = programme.register()
        SubmitApplication(programme.users["school"], application).run()
        approve(programme, "school", application)
    publish_and_forward(programme, "school", "2020-07-02", "2020-07-09")
    with clock.frozen("2020-07-10T09:00"):
        with pytest.raises(Forbidden):
            DrawVisitSample(programme.users["school"], programme.year, "seed").run()
        draw = DrawVisitSample(
            programme.users["county"], programme.year, "2020-07-10 见证人王丽"
        ).run()
        assert draw.chosen == [application.pk]
        RecordHomeVisit(
            programme.users["county"], application, clock.today(), "实地核实,属实", True
        ).run()
        with pytest.raises(Invalid, match="晚于今天"):
            RecordHomeVisit(
                programme.users["county"], application, clock.today().replace(day=11), "x", True
            ).run()
    application.refresh_from_db()
    assert application.visit_sampled and application.visits.count() == 1
