"""The playbook editor pages: who may see them, review rule by rule, publish."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.emergency.drafting.samples import CORPUS
from luoshi.emergency.grading import grade
from luoshi.emergency.playbook_versions import PlaybookVersion
from luoshi.pipeline import ingest_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    ingest_file(CORPUS / "datong-hazchem.txt")
    return PlaybookVersion.objects.get(title="大同市危险化学品事故应急预案")


@pytest.fixture
def office(client):
    user = User.objects.create(username="office", role=Role.EMERGENCY_OFFICE)
    client.force_login(user)
    return user


def test_duty_officers_and_unit_staff_cannot_open_or_change_the_editor(client, draft):
    for role in (Role.DUTY_OFFICER, Role.UNIT_STAFF):
        client.force_login(User.objects.create(username=f"u-{role}", role=role))
        assert client.get(reverse("emergency:playbooks")).status_code == 403
        assert client.get(reverse("emergency:playbook_editor", args=[draft.pk])).status_code == 403
        url = reverse("emergency:playbook_review", args=[draft.pk])
        assert client.post(url, {"key": "levels.I.0", "decision": "rejected"}).status_code == 403
        publish = reverse("emergency:playbook_publish", args=[draft.pk])
        assert client.post(publish).status_code == 403
    assert PlaybookVersion.objects.get(pk=draft.pk).state == "draft"


def test_login_is_required(client, draft):
    response = client.get(reverse("emergency:playbook_editor", args=[draft.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_editor_shows_each_rule_beside_its_clause_in_chinese(client, office, draft):
    page = client.get(reverse("emergency:playbook_editor", args=[draft.pk])).content.decode()
    assert "造成10人以上死亡,或者50人以上重伤的" in page
    assert "死亡人数 10人以上" in page and "重伤人数" in page
    shown = re.sub(r'(?:value|name|id|for|class)="[^"]*"', "", page)
    assert "deaths" not in shown and "gte" not in shown  # no developer notation on the page
    assert "待审核" in page and "发布此版本" in page


def test_review_edit_and_publish_through_the_pages(client, office, draft):
    url = reverse("emergency:playbook_review", args=[draft.pk])
    bad = client.post(
        url, {"key": "levels.I.0", "decision": "edited", "field_1": "deaths", "value_1": "x"}
    )
    assert bad.status_code == 302
    assert (
        PlaybookVersion.objects.get(pk=draft.pk).rules["levels"]["I"]["rules"][0].get("decision")
        is None
    )
    edit = {
        "key": "levels.I.0",
        "decision": "edited",
        "field_1": "deaths",
        "op_1": "gte",
        "value_1": "8",
    }
    client.post(url, edit)
    for level, body in draft.rules["levels"].items():
        for i, rule in enumerate(body["rules"]):
            if (level, i) == ("I", 0):
                continue
            decision = "accepted" if "when" in rule else "rejected"
            client.post(url, {"key": f"levels.{level}.{i}", "decision": decision})
    client.post(reverse("emergency:playbook_publish", args=[draft.pk]))
    version = PlaybookVersion.objects.get(pk=draft.pk)
    assert version.state == "published" and version.published_by == office
    assert grade(version.plan_id, {"deaths": 8}).level == "I"
    assert grade(version.plan_id, {"deaths": 4}).level == "II"


def test_script_in_a_plan_is_shown_escaped(client, office, draft):
    rules = draft.rules
    rules["levels"]["I"]["rules"][0]["text"] = "<script>alert(1)</script>"
    PlaybookVersion.objects.filter(pk=draft.pk).update(rules=rules)
    page = client.get(reverse("emergency:playbook_editor", args=[draft.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
