"""The emergency pages: login, plan navigator linked to the library, incident page, briefing."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from docx import Document as Docx

from luoshi.core import clock
from luoshi.emergency import actions
from luoshi.emergency.models import Incident
from luoshi.emergency.playbook import plan_ids

from . import people
from .people import *  # noqa: F403  (fixtures)

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("emergency:board"),
    reverse("emergency:plans"),
    reverse("emergency:plan", args=["coal-mine"]),
    reverse("emergency:warnings"),
    reverse("emergency:incident_new"),
]


@pytest.mark.parametrize("url", PAGES)
def test_login_is_required(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_plan_navigator_links_clauses_to_the_library(client, library, unit_staff):
    client.force_login(unit_staff)
    page = client.get(reverse("emergency:plan", args=["coal-mine"])).content.decode()
    assert "晋城市煤矿事故应急预案" in page
    assert "发生或可能发生10人以上被困或下落不明的生产安全事故" in page
    assert "市指挥部总指挥" in page and "2027255" in page  # decider and the duty phone
    links = set(re.findall(r'href="(/documents/\d+/#[^"]+)"', page))
    assert links, "clauses link to anchors of the plan in the library"
    doc_url = links.pop().split("#")[0]
    document = client.get(doc_url).content.decode()
    assert "晋城市煤矿事故应急预案" in document
    for plan_id in plan_ids():
        assert client.get(reverse("emergency:plan", args=[plan_id])).status_code == 200
    assert client.get(reverse("emergency:plan", args=["no-such-plan"])).status_code == 404


def test_every_ingested_plan_has_a_library_link(client, library, unit_staff):
    client.force_login(unit_staff)
    page = client.get(reverse("emergency:plans")).content.decode()
    assert page.count(">原文</a>") == len(plan_ids())


def test_a_unit_user_reads_but_cannot_open(client, unit_staff):
    client.force_login(unit_staff)
    assert client.get(reverse("emergency:board")).status_code == 200
    assert client.get(reverse("emergency:incident_new")).status_code == 403


def _open_by_form(client):
    return client.post(
        reverse("emergency:incident_new") + "?plan=coal-mine",
        {
            "plan": "coal-mine",
            "title": "某煤矿透水事故",
            "county": "泽州县",
            "place": "3号井",
            "occurred_at": "2020-04-10T02:40",
            "reporter": "调度室",
            "f_trapped_or_missing": "4",
            "f_incident_occurred": "on",
        },
    )


def test_incident_flow_through_the_pages(client, duty_officer, leader, frozen_start):
    client.force_login(duty_officer)
    form = client.get(reverse("emergency:incident_new") + "?plan=coal-mine").content.decode()
    assert "被困或下落不明人数" in form and "f_trapped_or_missing" in form
    response = _open_by_form(client)
    incident = Incident.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "emergency:incident", args=[incident.pk]
    )
    assert incident.facts == {"trapped_or_missing": 4}
    page = client.get(response["Location"]).content.decode()
    assert "Ⅱ级响应" in page and "4.2.2(1)②" in page and "市指挥部总指挥" in page
    assert "事故信息报告(一般、较大)" in page and "剩余40分钟" in page
    assert 'aria-label="响应决定"' not in page  # a duty officer does not decide

    client.force_login(leader)
    url = reverse("emergency:decide", args=[incident.pk])
    assert client.post(url, {"level": "II"}).status_code == 302
    page = client.get(reverse("emergency:incident", args=[incident.pk])).content.decode()
    assert 'id="incident-level">Ⅱ级响应' in page and "应急力量编成" in page
    assert "综合协调组" in page and "处置措施清单" in page

    client.force_login(duty_officer)
    url = reverse("emergency:facts", args=[incident.pk])
    client.post(url, {"f_trapped_or_missing": "10", "f_incident_occurred": "on"})
    page = client.get(reverse("emergency:incident", args=[incident.pk])).content.decode()
    assert "建议调整为" in page and "Ⅰ级响应" in page

    client.force_login(leader)
    client.post(reverse("emergency:decide", args=[incident.pk]), {"level": "I"})
    incident.refresh_from_db()
    assert incident.level == "I"
    url = reverse("emergency:stand_down", args=[incident.pk])
    page_url = reverse("emergency:incident", args=[incident.pk])
    page = client.get(page_url).content.decode()
    assert "未确认落实" in page and "确认终止" in page  # the warning before ending
    refused = client.post(url, {"conditions": ["4.7"]}, HTTP_REFERER="http://testserver" + page_url)
    assert refused.status_code == 302 and refused["Location"].endswith(page_url)
    assert "请勾选" in client.get(page_url).content.decode()  # the refusal, as a message
    client.post(url, {"conditions": ["4.7"], "confirmed": "on"})
    incident.refresh_from_db()
    assert incident.state == Incident.State.STOOD_DOWN


def test_an_override_without_reason_is_shown_as_an_error(
    client, duty_officer, leader, frozen_start
):
    incident = actions.open_incident(duty_officer, people.coal_input())
    client.force_login(leader)
    response = client.post(
        reverse("emergency:decide", args=[incident.pk]), {"level": "I"}, follow=True
    )
    assert "与建议级别不同的决定须说明理由" in response.content.decode()
    incident.refresh_from_db()
    assert incident.state == Incident.State.PROPOSED


def test_clocks_panel_turns_red(client, duty_officer, frozen_start):
    incident = actions.open_incident(duty_officer, people.coal_input())
    client.force_login(duty_officer)
    url = reverse("emergency:incident_clocks", args=[incident.pk])
    assert "red" not in re.findall(r'class="em-clock ([^"]*)"', client.get(url).content.decode())[1]
    with clock.frozen(incident.occurred_at + dt.timedelta(hours=2)):
        panel = client.get(url).content.decode()
    assert "已超时1小时" in panel and " red" in panel


def test_board_shows_several_incidents_and_late_reports(client, duty_officer, frozen_start):
    actions.open_incident(duty_officer, people.coal_input())
    actions.open_incident(duty_officer, people.coal_input(trapped=12))
    client.force_login(duty_officer)
    with clock.frozen(clock.now() + dt.timedelta(hours=3)):
        page = client.get(reverse("emergency:board")).content.decode()
    assert '处置中的事件 <small class="muted">2 起' in page
    assert page.count("项超时") == 2


def test_briefing_and_after_action_report(client, duty_officer, leader, frozen_start):
    incident = actions.open_incident(duty_officer, people.coal_input())
    actions.decide_level(leader, incident.pk, "II")
    actions.stand_down(leader, incident.pk, ["4.7"], confirmed=True)
    client.force_login(duty_officer)
    brief = client.get(reverse("emergency:briefing", args=[incident.pk])).content.decode()
    assert "应急值班快报" in brief and "Ⅱ级" in brief and "市应急局" in brief
    response = client.get(reverse("emergency:report", args=[incident.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Docx(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "总结评估报告" in text and "5.3" in text
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    timeline = next(t for t in tables if t[0] == ["时间", "事项", "条款"])
    assert ["被困或下落不明人数", "4人"] in tables[1]  # the latest facts
    assert any("启动Ⅱ级响应" in row[1] for row in timeline)
    assert any("终止应急响应" in row[1] for row in timeline)
    assert "attachment; filename=" in response["Content-Disposition"]
    for part in ("抢险救援过程", "经验", "改进意见和建议"):
        assert part in text


def test_warning_pages_and_cap_download(client, duty_officer, frozen_start):
    client.force_login(duty_officer)
    response = client.post(
        reverse("emergency:warning_new") + "?plan=coal-mine",
        {
            "plan": "coal-mine",
            "level": "II",
            "area": "泽州县",
            "geocode": "140525",
            "headline": "水害重大隐患",
            "description": "发现煤矿水害方面重大事故隐患",
            "authority": "市应急局",
        },
    )
    assert response.status_code == 302
    url = response["Location"]
    assert "橙色预警" in client.get(url).content.decode()
    client.post(url, {"op": "adjust", "level": "I", "reason": "新发现两条隐患"})
    client.post(url, {"op": "lift", "reason": "隐患消除"})
    xml = client.get(url + "cap.xml")
    assert xml["Content-Type"].startswith("application/cap+xml")
    assert b"<msgType>Cancel</msgType>" in xml.content
    first = client.get(url + "cap.xml?seq=1").content
    assert b"<msgType>Alert</msgType>" in first and b"<severity>Severe</severity>" in first


def test_plan_page_reads_conditions_in_chinese_without_notation(client, leader):
    client.force_login(leader)
    page = client.get(reverse("emergency:plan", args=["coal-mine"])).content.decode()
    assert "被困或下落不明人数3人以上、不足10人" in page
    for notation in ("trapped_or_missing", "&lt;=", "false 仅为", "解读", "potential_event_class"):
        assert notation not in page, notation
