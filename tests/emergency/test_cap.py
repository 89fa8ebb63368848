"""Warnings as CAP 1.2 alerts: GB/T 35965.1 identifiers, colour → severity, valid per the OASIS XSD."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from lxml import etree

from luoshi.core import clock
from luoshi.core.errors import DomainError
from luoshi.emergency import actions, cap
from luoshi.emergency.models import EarlyWarning
from luoshi.emergency.playbook import load_playbook, plan_ids

from .people import *  # noqa: F403  (fixtures)

XSD = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "data" / "CAP-v1.2.xsd")))
NS = {"cap": cap.CAP_NS}
BEIJING = ZoneInfo("Asia/Shanghai")


def _valid(xml: bytes) -> etree._Element:
    doc = etree.fromstring(xml)
    assert XSD.validate(doc), XSD.error_log
    return doc


def test_identifier_follows_gbt_35965_1():
    moment = dt.datetime(2020, 4, 10, 1, 2, 3, tzinfo=dt.UTC)
    code = cap.sender_code("140500", "123")
    ident = cap.identifier(code, moment, 7)
    assert ident == "14050012300000_20200410090203_7"  # Beijing time, 31 characters
    assert len(ident) == 31 and cap.IDENTIFIER.match(ident)


@pytest.mark.parametrize(
    "bad", [lambda: cap.sender_code("1405"), lambda: cap.identifier("123", clock.now())]
)
def test_bad_sender_codes_are_refused(bad):
    with pytest.raises(cap.CapError):
        bad()


def test_sequence_and_time_zone_are_required():
    code = cap.sender_code("140500")
    with pytest.raises(cap.CapError):
        cap.identifier(code, clock.now(), 10)
    with pytest.raises(cap.CapError):
        cap.identifier(code, dt.datetime(2020, 1, 1))


@pytest.mark.parametrize(
    ("colour", "severity"),
    [("red", "Extreme"), ("orange", "Severe"), ("yellow", "Moderate"), ("blue", "Minor")],
)
def test_severity_comes_from_the_colour(colour, severity):
    moment = dt.datetime(2020, 4, 10, 9, tzinfo=BEIJING)
    alert = cap.CapAlert(
        identifier=cap.identifier(cap.sender_code("140500"), moment),
        sender="14050000000000",
        sent=moment,
        msg_type="Alert",
        event="煤矿事故",
        colour=colour,
        headline="h",
        description="d",
        area="泽州县",
        sender_name="市应急局",
    )
    doc = _valid(cap.to_xml(alert))
    assert doc.findtext("cap:info/cap:severity", namespaces=NS) == severity
    assert doc.findtext("cap:sent", namespaces=NS) == "2020-04-10T09:00:00+08:00"


def test_the_schema_rejects_a_broken_alert():
    """The validator is real: a wrong severity and a missing sender both fail."""
    moment = dt.datetime(2020, 4, 10, 9, tzinfo=BEIJING)
    alert = cap.CapAlert(
        identifier=cap.identifier(cap.sender_code("140500"), moment),
        sender="s",
        sent=moment,
        msg_type="Alert",
        event="e",
        colour="red",
        headline="h",
        description="d",
        area="a",
        sender_name="n",
    )
    xml = cap.to_xml(alert)
    assert not XSD.validate(etree.fromstring(xml.replace(b"Extreme", b"Terrible")))
    assert not XSD.validate(etree.fromstring(xml.replace(b"<sender>s</sender>", b"")))
    with pytest.raises(cap.CapError):
        cap.to_xml(cap.CapAlert(**{**alert.__dict__, "colour": "purple"}))


def _issue(user, plan_id="coal-mine", level="II", **kw):
    data = actions.WarningInput(
        plan_id=plan_id,
        level=level,
        area="泽州县",
        geocode="140525",
        headline="某煤矿水害重大隐患",
        description="发现煤矿水害方面重大事故隐患。",
        authority="市应急局",
        instruction="停止采掘作业,撤出人员。",
        **kw,
    )
    return actions.issue_warning(user, data)


@pytest.mark.django_db
def test_issue_adjust_lift_as_alert_update_cancel(duty_officer, frozen_start):
    warning = _issue(duty_officer)
    assert warning.colour == "orange" and warning.number.startswith("预警〔2020〕")
    with clock.frozen(clock.now() + dt.timedelta(hours=1)):
        actions.adjust_warning(duty_officer, warning.pk, "I", "一次发现两条以上重大隐患")
    with clock.frozen(clock.now() + dt.timedelta(hours=5)):
        actions.lift_warning(duty_officer, warning.pk, "隐患已消除")
    warning.refresh_from_db()
    assert warning.state == EarlyWarning.State.LIFTED
    docs = [_valid(cap.to_xml(actions.cap_alert(m))) for m in warning.messages.order_by("seq")]
    types = [d.findtext("cap:msgType", namespaces=NS) for d in docs]
    assert types == ["Alert", "Update", "Cancel"]
    severities = [d.findtext("cap:info/cap:severity", namespaces=NS) for d in docs]
    assert severities == ["Severe", "Extreme", "Extreme"]
    first_id = docs[0].findtext("cap:identifier", namespaces=NS)
    assert first_id.startswith("14050000000000_20200410030000_")
    refs = docs[2].findtext("cap:references", namespaces=NS).split(" ")
    assert len(refs) == 2 and refs[0].split(",")[1] == first_id
    assert docs[0].findtext("cap:info/cap:area/cap:geocode/cap:value", namespaces=NS) == "140525"
    with pytest.raises(DomainError, match="已解除"):
        actions.adjust_warning(duty_officer, warning.pk, "III", "x")


@pytest.mark.django_db
def test_identifiers_stay_unique_within_one_second(duty_officer, frozen_start):
    idents = {_issue(duty_officer).messages.get().identifier for _ in range(12)}
    assert len(idents) == 12
    assert all(cap.IDENTIFIER.match(i) for i in idents)


@pytest.mark.django_db
@pytest.mark.parametrize("plan_id", [p for p in plan_ids() if load_playbook(p).warnings])
def test_every_colour_level_of_every_plan_exports_valid_cap(plan_id, duty_officer, frozen_start):
    for wl in load_playbook(plan_id).warnings.levels:
        warning = _issue(duty_officer, plan_id, wl.level)
        doc = _valid(cap.to_xml(actions.cap_alert(warning.messages.get())))
        expected = cap.SEVERITY_BY_COLOUR[wl.colour]
        assert doc.findtext("cap:info/cap:severity", namespaces=NS) == expected
        category = load_playbook(plan_id).cap_category
        assert category in cap.CATEGORIES and category != "Other"
        assert doc.findtext("cap:info/cap:category", namespaces=NS) == category


@pytest.mark.django_db
def test_warning_levels_and_roles_are_checked(duty_officer, unit_staff, frozen_start):
    with pytest.raises(DomainError, match="未规定预警级别"):
        _issue(duty_officer, "crop-pest")
    with pytest.raises(DomainError, match="预警级别为"):
        _issue(duty_officer, level="none")
    with pytest.raises(PermissionDenied):
        _issue(unit_staff)
    warning = _issue(duty_officer)
    with pytest.raises(DomainError, match="理由"):
        actions.lift_warning(duty_officer, warning.pk, " ")
    with pytest.raises(Http404):  # a unit outside the plan does not even see the warning
        actions.lift_warning(unit_staff, warning.pk, "x")
