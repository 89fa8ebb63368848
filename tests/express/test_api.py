"""The JSON API: every role through every step of a hard card; unit scope; the schema."""

import pytest
from django.http import HttpRequest
from django.test import Client

from luoshi.core import clock
from luoshi.express import services
from luoshi.express.models import Card

from .conftest import CAST, FILING, PASSWORD

pytestmark = pytest.mark.django_db

ROLES = list(CAST)


def client_for(cast, role):
    client = Client()
    if role != "anonymous":
        assert client.login(
            request=HttpRequest(), username=getattr(cast, role).username, password=PASSWORD
        )
    return client


def post(client, card, payload):
    return client.post(
        f"/api/express/cards/{card.pk}/transitions", payload, content_type="application/json"
    )


def hard_path(cast):
    land = cast.units.land.pk
    return [
        (
            "key",
            {
                "action": "triage_hard",
                "comment": "建议由规划部门牵头",
                "vice_mayor_id": cast.mayor.pk,
                "due_date": "2020-10-20",
            },
        ),
        ("mayor", {"action": "instruct", "comment": "请市规划和自然资源局牵头,三日内解决"}),
        ("office", {"action": "dispatch", "unit_id": land, "comment": "已转交"}),
        ("unit", {"action": "accept", "handler": "李科长", "section": "用地科"}),
        ("unit", {"action": "report_progress", "comment": "已现场踏勘"}),
        ("unit", {"action": "complete", "comment": "已迁改完毕"}),
        ("key", {"action": "close", "comment": "同意完结"}),
    ]


def test_should_let_only_the_right_role_take_each_step_of_a_hard_card(cast, filed):
    clients = {role: client_for(cast, role) for role in ROLES}
    for right, payload in hard_path(cast):
        for role in ROLES:
            if role == right:
                continue
            response = post(clients[role], filed, payload)
            assert response.status_code in (403, 404, 409), (role, payload["action"])
        before = Card.objects.get(pk=filed.pk).steps_count
        response = post(clients[right], filed, payload)
        assert response.status_code == 200, response.content
        assert response.json()["history"][-1]["action"] == payload["action"]
        assert Card.objects.get(pk=filed.pk).steps_count == before + 1
    body = clients["key"].get(f"/api/express/cards/{filed.pk}").json()
    assert body["state"] == "closed" and body["allowed_actions"] == []
    assert services.history_problems(Card.objects.get(pk=filed.pk)) == []


def test_should_require_the_written_opinion_through_the_api(cast, filed):
    response = post(
        client_for(cast, "key"),
        filed,
        {"action": "triage_ordinary", "unit_id": cast.units.land.pk, "due_date": "2020-10-09"},
    )
    assert response.status_code == 400
    assert "市重点办处理建议" in response.json()["detail"] or "意见" in response.json()["detail"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("liaison", 200),
        ("key", 200),
        ("mayor", 200),
        ("supervision", 200),
        ("admin", 200),
        ("unit", 200),
        ("other_liaison", 404),
        ("other_unit", 404),
        ("office", 404),
        ("duty", 404),
    ],
)
def test_should_scope_card_reads_to_the_unit(cast, filed, role, status):
    services.triage_ordinary(
        cast.key, filed.pk, "建议", cast.units.land.pk, __import__("datetime").date(2020, 10, 9)
    )
    client = client_for(cast, role)
    assert client.get(f"/api/express/cards/{filed.pk}").status_code == status
    listed = client.get("/api/express/cards?list=all").json()
    assert (filed.pk in [c["id"] for c in listed["items"]]) is (status == 200)


def test_should_refuse_anonymous_callers(cast, filed):
    client = Client()
    assert client.get("/api/express/cards").status_code == 401
    assert client.post("/api/express/cards", {}, content_type="application/json").status_code == 401


def test_should_file_through_the_api_as_a_liaison_only(cast):
    payload = {k: getattr(FILING, k) for k in ("project_name", "builder", "contact", "situation")}
    created = client_for(cast, "liaison").post(
        "/api/express/cards", payload, content_type="application/json"
    )
    assert created.status_code == 201
    assert created.json()["state"] == "filed" and created.json()["seconds_left"] == 24 * 3600
    refused = client_for(cast, "key").post(
        "/api/express/cards", payload, content_type="application/json"
    )
    assert refused.status_code == 403


def test_should_list_what_waits_for_each_role(cast, filed):
    services.triage_hard(
        cast.key, filed.pk, "建议", cast.mayor.pk, __import__("datetime").date(2020, 10, 9)
    )
    waiting = {
        role: [
            c["id"]
            for c in client_for(cast, role).get("/api/express/cards?list=waiting").json()["items"]
        ]
        for role in ("key", "mayor", "other_mayor", "unit", "liaison")
    }
    assert waiting == {"key": [], "mayor": [filed.pk], "other_mayor": [], "unit": [], "liaison": []}
    with clock.frozen("2020-09-29T12:00"):
        overdue = client_for(cast, "supervision").get("/api/express/cards?list=overdue").json()
    assert [c["id"] for c in overdue["items"]] == [filed.pk]
    assert overdue["items"][0]["overdue"] is True


def test_should_publish_the_express_operations_in_the_openapi_schema(cast):
    schema = Client().get("/api/openapi.json").json()
    paths = schema["paths"]
    assert "/api/express/cards/{card_id}/transitions" in paths
    assert "post" in paths["/api/express/cards/{card_id}/transitions"]
    actions = schema["components"]["schemas"]["Action"]["enum"]
    assert {"triage_hard", "instruct", "dispatch", "accept", "complete", "close"} <= set(actions)


def test_should_report_to_city_wide_roles_only(cast, filed):
    assert client_for(cast, "unit").get("/api/express/report").status_code == 403
    body = client_for(cast, "key").get("/api/express/report?start=2020-09-01&end=2020-09-30").json()
    assert body["filed"] == 1
    assert client_for(cast, "key").get("/api/express/report?start=1900-01-01").status_code == 400
