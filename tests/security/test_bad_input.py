"""Bad numbers and dates in query strings, forms and the API: a 4xx with a Chinese message, never a
server error (issue 16 §8: each class the probe found)."""

import json

import pytest

from factories import make_user
from luoshi.core.roles import Role
from supervision.conftest import document, extracted, make_task, people, task, units  # noqa: F401

pytestmark = pytest.mark.django_db

TOO_BIG = "9" * 23
SUPERSCRIPT_TWO = "²"  # str.isdigit() says yes, int() says no


def refused(response, *statuses):
    assert response.status_code in (statuses or (400, 404)), response.status_code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.content.decode()), "no Chinese message"


@pytest.fixture
def office(client, people):  # noqa: F811
    client.force_login(people["office"])
    return client


@pytest.mark.parametrize("year", ["9999", "1", "0", "-5", "9" * 20, "x"])
def test_calendar_year_out_of_range(office, year):
    refused(office.get("/ledger/calendar/", {"year": year, "month": "12"}), 400)


@pytest.mark.parametrize("year", ["0", "10000", "-5", "9" * 20])
def test_summary_year_out_of_range(office, year):
    refused(office.get("/ledger/export/summary.docx", {"year": year, "quarter": "1"}), 400)


@pytest.mark.parametrize("document_id", [SUPERSCRIPT_TWO, TOO_BIG])
def test_review_queue_document_id(office, document_id):
    refused(office.get("/ledger/review/", {"document": document_id}), 400)


def test_review_batch_task_id(office):
    refused(office.post("/ledger/review/batch/", {"action": "confirm", "task": SUPERSCRIPT_TWO}))
    refused(office.post("/ledger/review/batch/", {"action": "confirm", "task": TOO_BIG}))


@pytest.mark.parametrize("period", ["abc", SUPERSCRIPT_TWO, TOO_BIG])
def test_task_periods_delete_period(office, task, period):  # noqa: F811
    response = office.post(
        f"/ledger/tasks/{task.pk}/periods/", {"action": "delete", "period": period}
    )
    assert response.status_code in (302, 400, 404)
    if response.status_code == 302:  # a refused POST goes back with the message
        messages = [str(m) for m in response.wsgi_request._messages]
        assert any("周期" in m for m in messages), messages


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_report_target_not_a_number(client, task, people, value):  # noqa: F811
    client.force_login(people["a"])
    period = task.periods.first()
    body = '{"narrative": "x", "percent": 10, "target_values": [{"metric": "增长", "value": %s}]}'
    response = client.put(
        f"/api/ledger/tasks/{task.pk}/periods/{period.pk}/report",
        body % value,
        content_type="application/json",
    )
    assert response.status_code in (400, 422), response.content


def test_cap_xml_sequence(client):
    officer = make_user("zhiban", Role.DUTY_OFFICER)
    client.force_login(officer)
    body = {"plan_id": "food-safety", "level": "III", "area": "城区", "headline": "食品安全风险",
            "description": "某批次食品检出致病菌", "authority": "市市场监管局"}  # fmt: skip
    made = client.post("/api/emergency/warnings", json.dumps(body), content_type="application/json")
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    for seq in [SUPERSCRIPT_TWO, TOO_BIG, "-1"]:
        refused(client.get(f"/emergency/warnings/{pk}/cap.xml", {"seq": seq}))


@pytest.mark.parametrize("param", ["unit", "project"])
def test_express_list_filters(client, param):
    client.force_login(make_user("duchashi", Role.SUPERVISION))
    refused(client.get("/express/", {param: "9" * 20}), 400)
    refused(client.get("/express/", {param: SUPERSCRIPT_TWO}), 400)


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_decisions_and_refusals_never_redirect_off_site(office, make_task, target):  # noqa: F811
    pending = make_task("12", confirm=False)
    response = office.post(f"/ledger/tasks/{pending.pk}/decide/", {"next": target})
    assert response.status_code == 302 and response["Location"] == f"/ledger/tasks/{pending.pk}/"
    again = office.post(
        f"/ledger/tasks/{pending.pk}/decide/", {"next": target}, HTTP_REFERER=target
    )  # refused: already confirmed
    location = again.get("Location", "")
    assert (
        again.status_code in (302, 409) and "evil" not in location and "javascript" not in location
    )
