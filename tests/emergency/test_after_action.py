"""The after-action report is built from the latest facts and the timeline; unfiled reports are 漏报."""

from __future__ import annotations

import datetime as dt

import pytest

from luoshi.core import clock
from luoshi.emergency import actions
from luoshi.emergency.after_action import MISSED, after_action

from .people import *  # noqa: F403  (fixtures)
from .people import coal_input

pytestmark = pytest.mark.django_db


def test_report_reads_the_latest_facts_and_marks_reports_never_filed(
    duty_officer, leader, frozen_start
):
    incident = actions.open_incident(duty_officer, coal_input(4))
    actions.decide_level(leader, incident.pk, "II")
    filed = incident.clocks.exclude(starts_at=None).first()
    actions.file_report(duty_officer, incident.pk, filed.pk, "电话报告市应急局")
    actions.update_facts(duty_officer, incident.pk, {"trapped_or_missing": 12})
    with clock.frozen(clock.now() + dt.timedelta(hours=30)):
        actions.stand_down(leader, incident.pk, ["4.7"], confirmed=True)
        incident.refresh_from_db()
        report = after_action(incident)
    assert ("被困或下落不明人数", "12人") in report.facts  # the latest facts, not the first ones
    assert "Ⅰ级" in report.grading
    states = {row[0]: row[3] for row in report.reports}
    assert MISSED not in states[filed.name]
    assert report.missed == sum(1 for s in states.values() if s == MISSED) > 0
    kinds = [row[1] for row in report.timeline]
    assert kinds[0].startswith("接报登记") and any("终止应急响应" in k for k in kinds)
