"""Incidents through the named actions: open, decide, update facts, upgrade, stand down."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from luoshi.core import clock
from luoshi.core.errors import Conflict, DomainError, Forbidden
from luoshi.core.models import AuditEntry
from luoshi.emergency import actions
from luoshi.emergency.models import Incident

from . import people
from .people import *  # noqa: F403  (fixtures)

pytestmark = pytest.mark.django_db


def _open(user, **kw):
    return actions.open_incident(user, people.coal_input(**kw))


def test_opening_proposes_the_level_with_its_clause(duty_officer, frozen_start):
    incident = _open(duty_officer)
    assert incident.number == f"应急事件〔2020〕{incident.pk}号"
    assert incident.state == Incident.State.PROPOSED
    assert incident.proposed_level == "II"
    refs = [c["ref"] for c in incident.proposal["clauses"]]
    assert "4.2.2(1)②" in refs
    assert incident.proposal["decided_by"]["who"] == "市指挥部总指挥"
    kinds = list(incident.timeline.values_list("kind", flat=True))
    assert kinds == ["opened", "proposed"]
    assert AuditEntry.objects.filter(action="emergency.opened", object_id=str(incident.pk)).exists()


def test_the_initial_report_clock_runs_from_the_event(duty_officer, frozen_start):
    incident = _open(duty_officer)
    initial = incident.clocks.get(name="事故信息报告(一般、较大)")
    assert initial.phase == "initial"
    assert initial.due_at == incident.occurred_at + dt.timedelta(hours=1)
    assert initial.status(clock.now()).state == "running"
    with clock.frozen(incident.occurred_at + dt.timedelta(minutes=61)):
        status = initial.status(clock.now())
    assert status.state == "overdue" and status.red


def test_only_duty_officers_and_admins_open_incidents(leader, unit_staff, admin_user, frozen_start):
    for user in (leader, unit_staff):
        with pytest.raises(PermissionDenied):
            _open(user)
    assert _open(admin_user).pk


def test_unknown_or_mistyped_facts_are_refused(duty_officer, frozen_start):
    with pytest.raises(DomainError, match="unknown field"):
        _open(duty_officer, miners=3)
    with pytest.raises(DomainError, match="must be a number"):
        actions.open_incident(duty_officer, people.coal_input(trapped="four"))  # type: ignore[arg-type]
    assert not Incident.objects.exists()


def test_only_the_named_post_decides_and_an_override_needs_a_reason(
    duty_officer, leader, frozen_start
):
    incident = _open(duty_officer)
    with pytest.raises(Forbidden, match="总指挥"):
        actions.decide_level(duty_officer, incident.pk, "II")
    with pytest.raises(DomainError, match="理由"):
        actions.decide_level(leader, incident.pk, "I")
    with pytest.raises(DomainError, match="响应级别为"):
        actions.decide_level(leader, incident.pk, "IV", "no such level in the plan")
    incident = actions.decide_level(leader, incident.pk, "I", "水情仍在上涨,按I级准备")
    assert incident.level == "I" and incident.state == Incident.State.ACTIVE
    launched = incident.timeline.get(kind="launched")
    assert "调整" in launched.summary and "水情仍在上涨" in launched.summary


def test_confirming_activates_roster_checklist_and_clocks(duty_officer, leader, frozen_start):
    incident = _open(duty_officer)
    incident = actions.decide_level(leader, incident.pk, "II")
    assert incident.launched_at == clock.now()
    measures = list(incident.checklist.values_list("ref", flat=True))
    assert measures[0] == "4.2.2(3)①" and len(measures) == 6
    names = set(incident.clocks.values_list("name", flat=True))
    assert {"事故信息报告(一般、较大)", "书面报告(电话快报后)", "续报"} <= names
    phone = incident.clocks.get(name="书面报告(电话快报后)")
    assert phone.starts_at is None and phone.manual_start
    assert incident.timeline.filter(kind="activated").exists()


def test_a_fact_change_proposes_an_upgrade_and_the_leader_accepts(
    duty_officer, leader, frozen_start
):
    incident = _open(duty_officer)
    actions.decide_level(leader, incident.pk, "II")
    incident = actions.update_facts(duty_officer, incident.pk, {"trapped_or_missing": 10})
    assert incident.level == "II" and incident.proposed_level == "I"
    assert actions.is_change_pending(incident)
    update = incident.timeline.get(kind="facts_updated")
    assert update.summary == "事实更新:被困或下落不明人数 4→10人"
    proposal = incident.timeline.filter(kind="proposed").last()
    assert "升级" in proposal.summary and proposal.ref == "4.2.1(1)②"
    incident = actions.decide_level(leader, incident.pk, "I")
    assert incident.level == "I" and not actions.is_change_pending(incident)
    assert incident.checklist.filter(level="I").count() == 7
    change = incident.timeline.get(kind="level_changed")
    assert "升级" in change.summary


def test_a_downgrade_can_be_declined_with_a_reason(duty_officer, leader, frozen_start):
    incident = _open(duty_officer, trapped=10)
    actions.decide_level(leader, incident.pk, "I")
    incident = actions.update_facts(duty_officer, incident.pk, {"trapped_or_missing": 4})
    assert incident.proposed_level == "II" and actions.is_change_pending(incident)
    with pytest.raises(DomainError, match="理由"):
        actions.decide_level(leader, incident.pk, "I")
    incident = actions.decide_level(leader, incident.pk, "I", "仍有2人下落不明,维持")
    assert incident.level == "I" and not actions.is_change_pending(incident)


def test_unchanged_facts_are_refused(duty_officer, frozen_start):
    incident = _open(duty_officer)
    with pytest.raises(DomainError, match="没有变化"):
        actions.update_facts(duty_officer, incident.pk, {"trapped_or_missing": 4})


def test_deciding_not_to_launch_keeps_monitoring(duty_officer, leader, frozen_start):
    incident = actions.open_incident(
        duty_officer, people.coal_input(trapped=0, incident_occurred=False)
    )
    assert incident.proposed_level == "none"
    incident = actions.decide_level(leader, incident.pk, "none")
    assert incident.state == Incident.State.MONITORING and incident.level == "none"
    incident = actions.update_facts(
        duty_officer, incident.pk, {"incident_occurred": True, "trapped_or_missing": 1}
    )
    assert incident.proposed_level == "III"
    assert actions.decide_level(leader, incident.pk, "III").state == Incident.State.ACTIVE


def test_stand_down_checks_every_termination_condition(duty_officer, leader, frozen_start):
    incident = _open(duty_officer)
    actions.decide_level(leader, incident.pk, "II")
    with pytest.raises(DomainError, match="4.7"):
        actions.stand_down(leader, incident.pk, [])
    with pytest.raises(Forbidden):
        actions.stand_down(duty_officer, incident.pk, ["4.7"])
    with pytest.raises(Conflict, match="未确认落实"):  # measures open, people still trapped
        actions.stand_down(leader, incident.pk, ["4.7"], "被困人员全部升井")
    actions.update_facts(duty_officer, incident.pk, {"trapped_or_missing": 0})
    for item in incident.checklist.all():
        actions.tick_measure(duty_officer, incident.pk, item.pk)
    incident = actions.stand_down(leader, incident.pk, ["4.7"], "被困人员全部升井")
    assert incident.state == Incident.State.STOOD_DOWN
    assessment = incident.clocks.get(name="总结评估报告")
    assert assessment.phase == "final" and assessment.starts_at == incident.stood_down_at
    assert assessment.due_at is None  # the coal plan gives no time limit
    with pytest.raises(DomainError):
        actions.update_facts(duty_officer, incident.pk, {"trapped_or_missing": 5})


def test_food_safety_after_action_report_due_within_a_week(duty_officer, leader, frozen_start):
    incident = actions.open_incident(
        duty_officer,
        actions.IncidentInput(
            plan_id="food-safety",
            title="某学校食堂食物中毒",
            county="城区",
            place="某中学",
            occurred_at=clock.now() - dt.timedelta(hours=1),
            reporter="市卫健委",
            facts={"people_affected": 120},
        ),
    )
    assert incident.proposed_level == "II"
    actions.decide_level(leader, incident.pk, "II")
    conditions = ["5.4.1(3)", "5.4.1(3)①", "5.4.1(3)②", "5.4.1(3)③", "5.4.2"]
    with clock.frozen(clock.now() + dt.timedelta(days=2)):
        incident = actions.stand_down(leader, incident.pk, conditions, confirmed=True)
    assert incident.assessment_due_at == incident.stood_down_at + dt.timedelta(days=7)
    final = incident.clocks.get(ref="6.2")
    assert final.due_at == incident.stood_down_at + dt.timedelta(days=7)
    assert not incident.clocks.filter(name="总结评估报告").exists()  # the plan's own 6.2 report


def test_filing_reports_late_and_manual_clocks(duty_officer, leader, frozen_start):
    incident = _open(duty_officer)
    actions.decide_level(leader, incident.pk, "II")
    phone = incident.clocks.get(name="书面报告(电话快报后)")
    with pytest.raises(Http404):
        actions.file_report(duty_officer, incident.pk + 1000, phone.pk)
    with pytest.raises(DomainError, match="不属于"):
        actions.file_report(duty_officer, incident.pk, phone.pk + 1000)
    actions.start_clock(duty_officer, incident.pk, phone.pk)
    phone.refresh_from_db()
    assert phone.due_at == clock.now() + dt.timedelta(minutes=30)
    initial = incident.clocks.get(name="事故信息报告(一般、较大)")
    with clock.frozen(clock.now() + dt.timedelta(hours=2)):
        actions.file_report(duty_officer, incident.pk, initial.pk, "已电话报市委值班室")
        initial.refresh_from_db()
        assert initial.status(clock.now()).state == "filed_late"
    with pytest.raises(DomainError, match="已报送"):
        actions.file_report(duty_officer, incident.pk, initial.pk)
    assert incident.timeline.filter(kind="report_filed", summary__contains="超过时限").exists()


def test_checklist_ticks_are_recorded(duty_officer, leader, frozen_start):
    incident = _open(duty_officer)
    actions.decide_level(leader, incident.pk, "II")
    item = incident.checklist.first()
    actions.tick_measure(duty_officer, incident.pk, item.pk, "已通知各成员单位")
    item.refresh_from_db()
    assert item.done_by == duty_officer and item.done_at == clock.now()
    with pytest.raises(DomainError):
        actions.tick_measure(duty_officer, incident.pk, item.pk)
    with pytest.raises(Http404):  # a unit outside the incident does not even see it
        actions.add_note(
            type(duty_officer).objects.create(username="x", role="unit_staff"), incident.pk, "x"
        )


def test_several_incidents_run_at_once(duty_officer, leader, frozen_start):
    first = _open(duty_officer)
    second = _open(duty_officer, trapped=12)
    third = actions.open_incident(
        duty_officer,
        actions.IncidentInput(
            plan_id="road-traffic",
            title="某路段客车侧翻",
            county="高平市",
            place="G207",
            occurred_at=clock.now(),
            reporter="交警支队",
            facts={"deaths": 3},
        ),
    )
    actions.decide_level(leader, first.pk, "II")
    actions.decide_level(leader, second.pk, "I")
    assert {i.proposed_level for i in (first, second, third)} == {"II", "I", "III"}
    assert Incident.objects.filter(state=Incident.State.ACTIVE).count() == 2
    assert first.timeline.count() != second.timeline.count() or first.pk != second.pk
    assert set(first.checklist.values_list("level", flat=True)) == {"II"}
    assert set(second.checklist.values_list("level", flat=True)) == {"I"}


def test_every_state_change_is_audited(duty_officer, leader, frozen_start):
    incident = _open(duty_officer)
    actions.decide_level(leader, incident.pk, "II")
    actions.update_facts(duty_officer, incident.pk, {"trapped_or_missing": 10})
    actions.decide_level(leader, incident.pk, "I")
    actions.stand_down(leader, incident.pk, ["4.7"], confirmed=True)
    audited = set(
        AuditEntry.objects.filter(
            object_id=str(incident.pk), action__startswith="emergency."
        ).values_list("action", flat=True)
    )
    assert {
        "emergency.opened",
        "emergency.launched",
        "emergency.facts_updated",
        "emergency.level_changed",
        "emergency.stood_down",
    } <= audited
    change = AuditEntry.objects.get(action="emergency.level_changed")
    assert change.before == {"level": "II"} and change.after == {"level": "I"}
    assert change.actor == leader
    assert people.START[:10] in clock.now().isoformat()


def test_a_daily_report_rolls_over_to_the_next_day(duty_officer, leader, frozen_start):
    incident = actions.open_incident(
        duty_officer,
        actions.IncidentInput(
            plan_id="crop-pest",
            title="外来有害生物疫情",
            county="阳城县",
            place="某乡",
            occurred_at=clock.now() - dt.timedelta(hours=1),
            reporter="县农业农村局",
            facts={"alien_pest_new_find": True, "counties_affected": 2, "local_impact": "serious"},
        ),
    )
    level = incident.proposed_level
    assert level != "none"
    actions.decide_level(leader, incident.pk, level)
    daily = incident.clocks.get(name="疫情监测日报")
    assert daily.phase == "follow_up" and daily.due_at == clock.now() + dt.timedelta(days=1)
    actions.file_report(duty_officer, incident.pk, daily.pk)
    days = incident.clocks.filter(name="疫情监测日报").order_by("seq")
    assert [c.filed_at is not None for c in days] == [True, False]
    assert days[1].starts_at == daily.due_at
    assert days[1].due_at == daily.due_at + dt.timedelta(days=1)
