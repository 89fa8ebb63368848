"""Playbook versions: ingest drafts a plan, the office reviews and publishes, grading follows."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from luoshi.core.errors import Conflict, Invalid
from luoshi.core.models import AuditEntry, User
from luoshi.core.roles import Role
from luoshi.emergency.drafting.review import items
from luoshi.emergency.drafting.samples import CORPUS
from luoshi.emergency.grading import grade
from luoshi.emergency.playbook import UnknownPlan, plan_ids
from luoshi.emergency.playbook_review import PublishVersion, ReviewRule, seed_bundled_versions
from luoshi.emergency.playbook_versions import PlaybookVersion
from luoshi.pipeline import ingest_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return User.objects.create(username="office", role=Role.EMERGENCY_OFFICE)


def _draft() -> PlaybookVersion:
    ingest_file(CORPUS / "changzhi-geohazard.txt")
    return PlaybookVersion.objects.get(title="长治市突发地质灾害应急预案")


def test_bundled_playbooks_are_published_version_one():
    seed_bundled_versions()  # done by the migration; a flushed test database needs it again
    assert seed_bundled_versions() == 0
    rows = PlaybookVersion.objects.filter(state="published", number=1)
    assert sorted(rows.values_list("plan_id", flat=True)) == sorted(plan_ids())
    assert grade("coal-mine", {"trapped_or_missing": 12}).level == "I"


def test_a_draft_is_not_graded_until_published_then_it_is(office):
    version = _draft()
    assert version.state == "draft" and version.plan_id not in plan_ids()
    with pytest.raises(UnknownPlan):
        grade(version.plan_id, {"deaths_and_missing": 12})
    for item in list(items(version.rules)):
        decision = "accepted" if "when" in item.rule or item.rule.get("discretion") else "rejected"
        ReviewRule(office, version, item.key, decision).run()
    ReviewRule(
        office, version, "levels.I.0", "edited", {"field": "deaths_and_missing", "gte": 8}
    ).run()
    PublishVersion(office, version).run()
    assert grade(version.plan_id, {"deaths_and_missing": 9}).level == "I"
    assert grade(version.plan_id, {"people_threatened": 600}).level == "II"
    assert AuditEntry.objects.filter(action="emergency.playbook.publish").count() == 1
    assert AuditEntry.objects.filter(action="emergency.playbook.review").count() > 10


def test_publishing_needs_every_rule_reviewed(office):
    version = _draft()
    with pytest.raises(Invalid):
        PublishVersion(office, version).run()
    assert PlaybookVersion.objects.get(pk=version.pk).state == "draft"


def test_only_the_emergency_office_reviews_and_publishes():
    version = _draft()
    duty = User.objects.create(username="duty", role=Role.DUTY_OFFICER)
    with pytest.raises(PermissionDenied):
        ReviewRule(duty, version, "levels.I.0", "accepted").run()
    with pytest.raises(PermissionDenied):
        PublishVersion(duty, version).run()
    assert not PublishVersion(duty, version).allowed()


def test_a_published_version_cannot_be_reviewed_again(office):
    seed_bundled_versions()
    coal = PlaybookVersion.objects.get(plan_id="coal-mine", state="published")
    with pytest.raises(Conflict):
        ReviewRule(office, coal, "levels.I.0", "rejected").run()


def test_reingesting_does_not_draft_twice():
    _draft()
    ingest_file(CORPUS / "changzhi-geohazard.txt")
    assert PlaybookVersion.objects.filter(title="长治市突发地质灾害应急预案").count() == 1
