"""The ledger's JSON API: session auth, unit scope, optimistic concurrency, review."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from luoshi.supervision import services
from luoshi.supervision.models import Report

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def put(client, url, data):
    return client.put(url, json.dumps(data), content_type="application/json")


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def pair(make_task, people):
    a = make_task("1", title="甲单位事项")
    b = make_task("2", title="乙单位事项", lead_units=["市财政局"])
    rb = services.save_report(people["b"], b.periods.first(), narrative="乙进展", percent=20)
    return a, b, rb


def test_api_needs_a_session(pair):
    assert Client().get("/api/ledger/tasks").status_code == 401


def test_unit_a_cannot_read_or_change_unit_b_through_the_api(pair, people):
    a, b, rb = pair
    staff_a = client_for(people["a"])
    listed = staff_a.get("/api/ledger/tasks").json()
    assert [t["title"] for t in listed["items"]] == ["甲单位事项"] and listed["total"] == 1
    assert staff_a.get(f"/api/ledger/tasks/{b.pk}").status_code == 404
    assert staff_a.get(f"/api/ledger/tasks/{b.pk}/reports").status_code == 404
    assert staff_a.get(f"/api/ledger/reports/{rb.pk}").status_code == 404
    assert (
        post(staff_a, f"/api/ledger/reports/{rb.pk}/submit", {"version": rb.version}).status_code
        == 404
    )
    period = b.periods.first()
    assert (
        put(
            staff_a, f"/api/ledger/tasks/{b.pk}/periods/{period.pk}/report", {"narrative": "x"}
        ).status_code
        == 404
    )
    rb.refresh_from_db()
    assert rb.state == Report.State.DRAFT and rb.narrative == "乙进展"
    assert sum(staff_a.get("/api/ledger/status").json()["counts"].values()) == 1
    office = client_for(people["office"]).get("/api/ledger/tasks").json()
    assert office["total"] == 2


def test_report_through_the_api_with_versions(pair, people):
    a, b, rb = pair
    staff, colleague = client_for(people["a"]), client_for(people["a2"])
    period = a.periods.order_by("due").first()
    url = f"/api/ledger/tasks/{a.pk}/periods/{period.pk}/report"
    created = put(
        staff,
        url,
        {
            "narrative": "初稿",
            "percent": 10,
            "target_values": [{"metric": "增长", "value": 6.3, "unit": "%"}],
        },
    )
    assert created.status_code == 200, created.content
    report = created.json()
    assert report["version"] == 1 and report["target_values"][0]["value"] == 6.3
    assert (
        put(colleague, url, {"narrative": "同事", "percent": 20, "version": 1}).status_code == 200
    )
    conflict = put(staff, url, {"narrative": "我", "percent": 30, "version": 1})
    assert conflict.status_code == 409
    assert put(staff, url, {"narrative": "没有版本", "percent": 30}).status_code == 409
    assert put(staff, url, {"narrative": "x", "percent": 101, "version": 2}).status_code == 422
    submitted = post(staff, f"/api/ledger/reports/{report['id']}/submit", {"version": 2})
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    assert (
        post(
            staff, f"/api/ledger/reports/{report['id']}/review", {"decision": "accept"}
        ).status_code
        == 403
    )
    office = client_for(people["office"])
    assert (
        post(
            office, f"/api/ledger/reports/{report['id']}/review", {"decision": "return"}
        ).status_code
        == 400
    )
    back = post(
        office,
        f"/api/ledger/reports/{report['id']}/review",
        {"decision": "return", "comment": "补充"},
    )
    assert back.json()["state"] == "returned"
    detail = staff.get(f"/api/ledger/tasks/{a.pk}").json()
    assert (
        detail["status"] in ("not_started", "overdue", "at_risk")
        and detail["periods"][0]["covered"] is False
    )
    assert detail["original"]["title"] == "甲单位事项"


def test_api_writes_need_csrf(pair, people):
    a, _, _ = pair
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["a"])
    period = a.periods.first()
    response = put(
        client, f"/api/ledger/tasks/{a.pk}/periods/{period.pk}/report", {"narrative": "x"}
    )
    assert response.status_code == 403


def test_openapi_schema_lists_the_ledger(db):
    schema = Client().get("/api/openapi.json").json()
    assert "/api/ledger/tasks" in schema["paths"]
    assert "/api/ledger/reports/{report_id}/submit" in schema["paths"]
