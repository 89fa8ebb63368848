"""JSON API: grading, incidents and warnings; 401 without a session, 403 for the wrong role."""

import json

import pytest
from lxml import etree

from .people import *  # noqa: F403  (fixtures)
from .test_cap import XSD

pytestmark = pytest.mark.django_db

BASE = "/api/emergency"


def _post(client, url, body):
    return client.post(BASE + url, json.dumps(body), content_type="application/json")


def test_every_operation_answers_401_without_a_session(client):
    assert client.get(BASE + "/incidents").status_code == 401
    assert client.get(BASE + "/plans").status_code == 401
    assert _post(client, "/grade", {"plan": "coal-mine", "facts": {}}).status_code == 401
    assert client.get(BASE + "/warnings/1/cap").status_code == 401


def test_the_schema_documents_the_emergency_operations_and_their_errors(client):
    schema = client.get("/api/openapi.json").json()
    paths = {p: ops for p, ops in schema["paths"].items() if p.startswith(BASE)}
    assert {f"{BASE}/grade", f"{BASE}/incidents", f"{BASE}/warnings"} <= set(paths)
    for ops in paths.values():
        for op in ops.values():
            assert "401" in op["responses"]
    decision = paths[f"{BASE}/incidents/{{incident_id}}/decision"]["post"]["responses"]
    assert {"400", "403", "404"} <= set(decision)


def test_grading_over_the_api(client, unit_staff):
    client.force_login(unit_staff)
    answer = _post(client, "/grade", {"plan": "coal-mine", "facts": {"trapped_or_missing": 4}})
    body = answer.json()
    assert answer.status_code == 200 and body["level"] == "II"
    assert body["clauses"][0]["ref"].startswith("4.2.2(1)")
    assert body["to_raise"][0]["summary"] == "trapped_or_missing +6 → I"
    bad = _post(client, "/grade", {"plan": "coal-mine", "facts": {"miners": 1}})
    assert bad.status_code == 400 and "unknown field" in bad.json()["detail"]


def test_incident_lifecycle_over_the_api(client, duty_officer, leader, frozen_start):
    client.force_login(duty_officer)
    created = _post(
        client,
        "/incidents",
        {
            "plan_id": "coal-mine",
            "title": "某煤矿透水",
            "county": "泽州县",
            "place": "3号井",
            "occurred_at": "2020-04-10T02:40:00+08:00",
            "reporter": "调度室",
            "facts": {"trapped_or_missing": 4},
        },
    )
    assert created.status_code == 201, created.content
    incident = created.json()
    pk = incident["id"]
    assert incident["proposed_level"] == "II" and incident["level"] is None
    initial = next(c for c in incident["clocks"] if c["name"] == "事故信息报告(一般、较大)")
    assert initial["seconds_left"] == 40 * 60 and not initial["overdue"]

    forbidden = _post(client, f"/incidents/{pk}/decision", {"level": "II"})
    assert forbidden.status_code == 403

    client.force_login(leader)
    decided = _post(client, f"/incidents/{pk}/decision", {"level": "II"})
    assert decided.status_code == 200 and decided.json()["level"] == "II"
    assert decided.json()["roster"]["notify"][0]["name"] == "市应急局"

    client.force_login(duty_officer)
    updated = _post(client, f"/incidents/{pk}/facts", {"facts": {"trapped_or_missing": 10}})
    assert updated.json()["change_pending"] and updated.json()["proposed_level"] == "I"

    client.force_login(leader)
    assert _post(client, f"/incidents/{pk}/decision", {"level": "I"}).json()["level"] == "I"
    refused = _post(client, f"/incidents/{pk}/stand-down", {"conditions": []})
    assert refused.status_code == 400 and "4.7" in refused.json()["detail"]
    unconfirmed = _post(client, f"/incidents/{pk}/stand-down", {"conditions": ["4.7"]})
    assert unconfirmed.status_code == 409 and unconfirmed.json()["code"] == "conflict"
    assert "未确认落实" in unconfirmed.json()["detail"] and "被困" in unconfirmed.json()["detail"]
    body = {"conditions": ["4.7"], "confirmed": True}
    done = _post(client, f"/incidents/{pk}/stand-down", body)
    assert done.json()["state"] == "stood_down"
    kinds = [e["kind"] for e in done.json()["timeline"]]
    assert kinds[:2] == ["opened", "proposed"] and kinds[-1] == "stood_down"
    assert client.get(BASE + "/incidents/999999").status_code == 404
    assert [i["id"] for i in client.get(BASE + "/incidents").json()] == [pk]


def test_warnings_over_the_api(client, duty_officer, unit_staff, frozen_start):
    body = {
        "plan_id": "food-safety",
        "level": "III",
        "area": "城区",
        "headline": "食品安全风险",
        "description": "某批次食品检出致病菌",
        "authority": "市市场监管局",
    }
    client.force_login(unit_staff)
    assert _post(client, "/warnings", body).status_code == 403
    client.force_login(duty_officer)
    made = _post(client, "/warnings", body)
    assert made.status_code == 201 and made.json()["severity"] == "Moderate"
    pk = made.json()["id"]
    adjusted = _post(client, f"/warnings/{pk}/adjust", {"level": "II", "reason": "扩散"})
    assert adjusted.json()["colour"] == "orange"
    xml = client.get(f"{BASE}/warnings/{pk}/cap")
    assert xml["Content-Type"].startswith("application/cap+xml")
    assert XSD.validate(etree.fromstring(xml.content))
    lifted = _post(client, f"/warnings/{pk}/lift", {"reason": "风险消除"})
    assert [m["msg_type"] for m in lifted.json()["messages"]] == ["Alert", "Update", "Cancel"]
    again = _post(client, f"/warnings/{pk}/lift", {"reason": "again"})
    assert again.status_code == 409  # a state conflict, as in the other apps
