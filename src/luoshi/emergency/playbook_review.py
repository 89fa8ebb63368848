"""Drafting, reviewing and publishing playbook versions (预案规则的起草、审核与发布).

``draft_for_document`` turns a plan document of the library into a draft version (at
ingest and from the editor); ``ReviewRule`` records the officer's decision on one rule;
``PublishVersion`` makes a reviewed draft the plan's published version and supersedes the
previous one. Every change is audited through the ``Action`` base.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max

from luoshi.core import audit, clock
from luoshi.core.actions import Action, AuditNote
from luoshi.core.errors import Conflict, Invalid
from luoshi.core.models import User
from luoshi.core.permissions import require_role
from luoshi.core.roles import Role
from luoshi.emergency.drafting import DraftingError, PlanText, draft_plan, plan_id_for
from luoshi.emergency.drafting.review import (
    Decision,
    ReviewError,
    changes,
    decide,
    to_playbook_data,
)
from luoshi.emergency.playbook import (
    PlaybookError,
    bundled_data,
    bundled_plan_ids,
    playbook_from_data,
)
from luoshi.emergency.playbook_versions import PlaybookVersion
from luoshi.gazette.models import Document

EDITORS = (Role.EMERGENCY_OFFICE, Role.ADMIN)


def plan_text(document: Document) -> PlanText:
    return PlanText(
        number=document.number or "",
        title=document.title,
        issuer=document.issuer,
        date=document.signed_on.isoformat() if document.signed_on else "",
        blocks=document.blocks,
    )


def plan_id_of(number: str) -> str:
    """The plan id of a plan document: a bundled playbook's id when it encodes that document."""
    for plan_id in bundled_plan_ids():
        if bundled_data(plan_id).get("document") == number:
            return plan_id
    return plan_id_for(number)


def published(plan_id: str) -> PlaybookVersion | None:
    return PlaybookVersion.objects.filter(
        plan_id=plan_id, state=PlaybookVersion.State.PUBLISHED
    ).first()


def seed_bundled_versions() -> int:
    """Publish each bundled playbook file as version 1 of its plan, once (idempotent)."""
    created = 0
    for plan_id in bundled_plan_ids():
        if PlaybookVersion.objects.filter(plan_id=plan_id).exists():
            continue
        data = bundled_data(plan_id)
        now = clock.now()
        PlaybookVersion.objects.create(
            plan_id=plan_id,
            number=1,
            state=PlaybookVersion.State.PUBLISHED,
            origin=PlaybookVersion.Origin.BUNDLED,
            title=data["title"],
            rules=data,
            playbook=data,
            created_at=now,
            published_at=now,
        )
        created += 1
    return created


def draft_for_document(document: Document, actor: User | None = None) -> PlaybookVersion | None:
    """A new draft version drafted from ``document``; ``None`` when the latest version of the
    plan already holds this very draft (re-ingest changes nothing). Raises ``DraftingError``."""
    plan_id = plan_id_of(document.number or "")
    rules = draft_plan(plan_text(document), plan_id=plan_id)
    latest = PlaybookVersion.objects.filter(plan_id=plan_id, origin="drafted").first()
    if latest is not None and latest.document_id == document.pk:
        return None
    current = published(plan_id)
    number = (
        PlaybookVersion.objects.filter(plan_id=plan_id).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    version = PlaybookVersion.objects.create(
        plan_id=plan_id,
        number=number,
        origin=PlaybookVersion.Origin.DRAFTED,
        title=rules["title"],
        document=document,
        rules=rules,
        changes=changes(rules, current.playbook if current else None),
        created_at=clock.now(),
        created_by=actor,
    )
    audit.record(
        "emergency.playbook.draft",
        version,
        actor=actor,
        summary=f"由《{version.title}》起草预案规则第{number}版",
    )
    return version


class ReviewRule(Action[PlaybookVersion]):
    """Accept, edit or reject one drafted rule (采纳 / 修改 / 驳回)."""

    name = "emergency.playbook.review"

    def __init__(
        self,
        actor: User,
        version: PlaybookVersion,
        key: str,
        decision: Decision,
        when: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(actor)
        self.version, self.key, self.decision, self.when = version, key, decision, when
        self.before: Any = None

    def targets(self) -> list[PlaybookVersion]:
        return [self.version]

    def check(self) -> None:
        require_role(self.actor, *EDITORS)
        if self.version.state != PlaybookVersion.State.DRAFT:
            raise Conflict("只能审核草案,已发布的版本不可修改")

    def execute(self) -> PlaybookVersion:
        try:
            rules = decide(self.version.rules, self.key, self.decision, self.when)
        except ReviewError as exc:
            raise Invalid(str(exc)) from exc
        self.before = _rule_at(self.version.rules, self.key)
        self.version.rules = rules
        self.version.save(update_fields=["rules"])
        return self.version

    def audit(self, result: PlaybookVersion) -> AuditNote:
        after = _rule_at(result.rules, self.key)
        labels = {"accepted": "采纳", "edited": "修改", "rejected": "驳回"}
        return AuditNote(
            result,
            summary=f"{labels[self.decision]} {result.plan_id} 第{result.number}版 {after.get('ref', '')}",
            before=self.before,
            after=after,
        )


class PublishVersion(Action[PlaybookVersion]):
    """Publish a reviewed draft: grading uses it from now on; the previous one is superseded."""

    name = "emergency.playbook.publish"

    def __init__(self, actor: User, version: PlaybookVersion) -> None:
        super().__init__(actor)
        self.version = version

    def targets(self) -> list[PlaybookVersion]:
        current = published(self.version.plan_id)
        return [self.version, *([current] if current is not None else [])]

    def check(self) -> None:
        require_role(self.actor, *EDITORS)
        if self.version.state != PlaybookVersion.State.DRAFT:
            raise Conflict("该版本不是草案,不能发布")

    def execute(self) -> PlaybookVersion:
        try:
            data = to_playbook_data(self.version.rules)
            playbook_from_data(data, where=self.version.plan_id)
        except (ReviewError, PlaybookError) as exc:
            raise Invalid(str(exc)) from exc
        PlaybookVersion.objects.filter(
            plan_id=self.version.plan_id, state=PlaybookVersion.State.PUBLISHED
        ).update(state=PlaybookVersion.State.SUPERSEDED)
        self.version.state = PlaybookVersion.State.PUBLISHED
        self.version.playbook = data
        self.version.published_at = clock.now()
        self.version.published_by = self.actor
        self.version.save(update_fields=["state", "playbook", "published_at", "published_by"])
        return self.version

    def audit(self, result: PlaybookVersion) -> AuditNote:
        return AuditNote(result, summary=f"发布 {result.title} 第{result.number}版")


def _rule_at(rules: dict[str, Any], key: str) -> dict[str, Any]:
    parts = key.split(".")
    try:
        if parts[0] == "levels":
            return dict(rules["levels"][parts[1]]["rules"][int(parts[2])])
        return dict(rules["classification"][int(parts[1])])
    except (KeyError, IndexError, ValueError):
        return {}


__all__ = ["DraftingError", "PublishVersion", "ReviewRule", "draft_for_document"]
