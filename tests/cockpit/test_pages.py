"""The cockpit page and its JSON endpoint: who may see what, what is on the page, how many
queries it costs."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from luoshi.supervision import services as ledger
from luoshi.supervision.extraction.model import ExtractedTask

pytestmark = pytest.mark.django_db

URL = "/cockpit/"
API = "/api/cockpit"


def _chart_data(html: str) -> dict:
    match = re.search(
        r'<script id="cockpit-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, "chart data block missing"
    return json.loads(match.group(1))


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/cockpit/")


@pytest.mark.parametrize("who", ["leader", "office", "admin", "key"])
def test_city_wide_roles_see_the_whole_city(client, cast, tasks, cards, emergencies, who):
    client.force_login(getattr(cast, who))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "领导驾驶舱" in html and "全市" in html
    assert "数据截至 <time" in html and "2020年9月28日 11:00" in html
    assert 'data-figure="ledger-overdue"' in html
    assert "/static/vendor/echarts/dist/echarts.min.js" in html
    assert "/static/cockpit/cockpit.js" in html
    data = _chart_data(html)
    assert [r["name"] for r in data["overdue_by_unit"]] == ["市发展和改革委员会", "市财政局"]
    assert {r["name"] for r in data["by_leader"]} == {"杨跃卿", "邢海斌"}
    assert [r["value"] for r in data["by_step"]] == [2, 1]


def test_tiles_link_to_the_filtered_list_pages(client, cast, tasks, cards, emergencies):
    client.force_login(cast.leader)
    html = client.get(URL).content.decode()
    for href in (
        "/ledger/?status=overdue",
        "/ledger/?status=at_risk",
        "/express/?list=overdue",
        "/express/?list=all&amp;state=closed",
        "/emergency/warnings/",
        f"/ledger/?unit={cast.units.ndrc.pk}&amp;role=lead&amp;status=overdue",
    ):
        assert f'href="{href}"' in html, href


def test_the_linked_ledger_list_holds_what_the_tile_counts(client, cast, tasks):
    client.force_login(cast.leader)
    ledger_page = client.get("/ledger/?status=overdue").content.decode()
    assert ledger_page.count("<tr data-task=") == 3


def test_unit_staff_see_only_their_unit(client, cast, tasks, cards):
    client.force_login(cast.finance)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "仅显示市财政局可见的事项" in html
    data = _chart_data(html)
    assert [r["name"] for r in data["overdue_by_unit"]] == ["市财政局"]
    assert data["by_step"] == []


def test_a_user_without_unit_or_city_role_is_refused(client, cast, tasks):
    client.force_login(cast.nobody)
    assert client.get(URL).status_code == 403


def test_the_nav_link_is_for_leaders_office_and_admins(client, cast):
    link = f'href="{URL}"'
    for who in ("leader", "office", "admin"):
        client.force_login(getattr(cast, who))
        assert link in client.get("/ledger/").content.decode(), who
    client.force_login(cast.ndrc)
    assert link not in client.get("/ledger/").content.decode()


def test_names_are_embedded_as_data_never_as_markup(client, cast, tasks):
    item = ExtractedTask(
        document="", ref="x", no="99", title="注入测试", text="注入测试",
        lead_units=[cast.units.ndrc.name], leaders_in_charge=["</script><b>王丽"],
        due=dt.date(2020, 9, 1), due_text="",
    )  # fmt: skip
    ledger.confirm_task(cast.office, ledger.create_task(item, document=None))
    client.force_login(cast.leader)
    html = client.get(URL).content.decode()
    assert "</script><b>王丽" not in html
    assert "&lt;/script&gt;&lt;b&gt;王丽" in html  # the fallback table, escaped
    names = {r["name"] for r in _chart_data(html)["by_leader"]}
    assert "</script><b>王丽" in names


def test_the_page_costs_a_handful_of_queries(
    client, cast, tasks, cards, emergencies, django_assert_max_num_queries
):
    client.force_login(cast.leader)
    client.get(URL)  # warm the per-process caches (holiday calendar, content types)
    # figures, charts, the three latest bulletins, the header's unread counts and its grants link
    with django_assert_max_num_queries(13):
        assert client.get(URL).status_code == 200


def test_the_query_count_does_not_grow_with_the_data(
    client, cast, tasks, cards, emergencies, django_assert_num_queries
):
    client.force_login(cast.leader)
    client.get(URL)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    for no in range(20, 30):
        item = ExtractedTask(
            document="", ref=f"x{no}", no=str(no), title=f"任务{no}", text="内容",
            lead_units=[cast.units.finance.name], leaders_in_charge=[f"领导{no}"],
            due=dt.date(2020, 9, 1), due_text="",
        )  # fmt: skip
        ledger.confirm_task(cast.office, ledger.create_task(item, document=None))
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(URL)


# -- JSON ------------------------------------------------------------------------------------


def test_api_without_a_session_answers_401(client):
    response = client.get(API)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_api_gives_the_figures_of_the_page(client, cast, tasks, cards, emergencies):
    client.force_login(cast.leader)
    response = client.get(API)
    assert response.status_code == 200
    body = response.json()
    assert body["scope"] == "city" and body["unit"] is None
    assert body["as_of"].startswith("2020-09-28T11:00")
    statuses = {f["key"]: f["count"] for f in body["ledger"]["statuses"]}
    assert statuses["overdue"] == 3 and body["ledger"]["total"] == 8
    assert body["ledger"]["overdue_by_unit"][0] == {
        "key": str(cast.units.ndrc.pk), "label": "市发展和改革委员会", "count": 2,
        "url": f"/ledger/?unit={cast.units.ndrc.pk}&role=lead&status=overdue",
    }  # fmt: skip
    assert body["express"]["open"]["count"] == 3
    assert body["express"]["closed_this_month"]["count"] == 1
    assert body["express"]["average_handling_seconds"] == 3 * 86400
    assert body["emergency"]["active_warnings"] == 2
    assert [k for k, _ in body["statuses"]][:2] == ["not_started", "on_track"]


def test_api_is_scoped_for_unit_staff(client, cast, tasks, cards):
    client.force_login(cast.ndrc)
    body = client.get(API).json()
    assert body["scope"] == "unit" and body["unit"] == "市发展和改革委员会"
    assert body["ledger"]["total"] == 5  # tasks 1, 3, 4, 6 and 7
    assert body["express"]["open"]["count"] == 0


def test_api_documents_the_401(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/cockpit"]["get"]
    assert set(operation["responses"]) == {"200", "401"}
