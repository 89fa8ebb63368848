"""The after-action report rendered by LibreOffice: A4, every table inside the 版心."""

from __future__ import annotations

from django.urls import reverse

from luoshi.emergency import actions

from . import people
from .people import *  # noqa: F403  (fixtures)


def test_after_action_report_pdf(client, duty_officer, leader, frozen_start, render_pdf):  # noqa: F405
    incident = actions.open_incident(duty_officer, people.coal_input())
    actions.decide_level(leader, incident.pk, "II")
    actions.stand_down(leader, incident.pk, ["4.7"], confirmed=True)
    client.force_login(duty_officer)
    response = client.get(reverse("emergency:report", args=[incident.pk]))
    pdf = render_pdf(response.content, "after-action-report.docx")
    pdf.check_official()
    assert "总结评估报告" in pdf.text and "终止应急响应" in pdf.text
    assert any("UKai" in f for f in pdf.fonts_of("\uff08一\uff09"))  # 楷体 for the second level
