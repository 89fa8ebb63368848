"""Ingestion (导入): the library stores an issue, then each app's step runs, in one transaction.

The steps are listed, in order, in ``settings.LUOSHI_INGEST_STEPS`` (as Django lists its
middleware): each is a function ``step(context: IngestContext) -> None`` that an app provides
in its ``ingest`` module (the context type is the library's, ``gazette.services``). It receives the stored issue, the parsed issue and the documents
stored now, may add warnings and counts, and runs inside the ingest's transaction: a step that
raises leaves nothing written. A new app joins ingestion by adding one line to that list.

Ingesting the same text twice changes nothing: the issue is identified by the SHA-256 of its
decoded text.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from luoshi.core import audit
from luoshi.core.models import User
from luoshi.gazette.models import Issue
from luoshi.gazette.parsing import ParsedIssue, parse_issue
from luoshi.gazette.services import IngestContext, plan_count, read_gazette_file, store_issue

Step = Callable[[IngestContext], None]


@dataclass
class IngestSummary:
    """What an ingest did (the ``luoshi ingest --json`` contract)."""

    documents: int
    tasks: int
    plans: int
    warnings: list[str] = field(default_factory=list)
    issue_id: int | None = None
    already_ingested: bool = False

    def as_contract(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "tasks": self.tasks,
            "plans": self.plans,
            "warnings": self.warnings,
            "issue": self.issue_id,
            "already_ingested": self.already_ingested,
        }


def steps() -> list[Step]:
    return [import_string(path) for path in settings.LUOSHI_INGEST_STEPS]


def ingest_file(path: Path, *, actor: User | None = None) -> IngestSummary:
    return ingest_text(read_gazette_file(path), source_name=path.name, actor=actor)


def ingest_text(text: str, *, source_name: str, actor: User | None = None) -> IngestSummary:
    """Parse ``text`` and store it with every app's step. Idempotent."""
    fingerprint = hashlib.sha256(identity_text(text).encode("utf-8")).hexdigest()
    existing = Issue.objects.filter(source_sha256=fingerprint).first()
    if existing is not None:
        return _summary_of(existing, already_ingested=True)
    parsed = parse_issue(text)
    try:
        return _store(parsed, fingerprint, source_name, actor)
    except IntegrityError:
        # Another ingest of the same issue committed first (the fingerprint is unique).
        existing = Issue.objects.filter(source_sha256=fingerprint).first()
        if existing is None:
            raise
        return _summary_of(existing, already_ingested=True)


def identity_text(text: str) -> str:
    """The text an issue is identified by: its decoded text (line ends already made ``\\n``, so
    the encoding and the line ends of the file do not count) in Unicode's composed form."""
    return unicodedata.normalize("NFC", text)


def _store(
    parsed: ParsedIssue, fingerprint: str, source_name: str, actor: User | None
) -> IngestSummary:
    with transaction.atomic():
        # checked again inside the transaction: on SQLite it now holds the write lock, so an
        # ingest that committed meanwhile is seen here
        existing = Issue.objects.filter(source_sha256=fingerprint).first()
        if existing is not None:
            return _summary_of(existing, already_ingested=True)
        context = store_issue(parsed, fingerprint, source_name, actor=actor)
        issue = context.issue
        for step in steps():
            step(context)
        issue.warnings = list(dict.fromkeys(context.warnings))  # one finding said once
        issue.counts = context.counts
        issue.save(update_fields=["warnings", "counts"])
        audit.record(
            "gazette.ingest",
            issue,
            actor=actor,
            summary=f"导入 {source_name}: {len(context.documents)} 份文件",
            after={"documents": len(context.documents), "counts": context.counts},
        )
    return _summary_of(issue)


def _summary_of(issue: Issue, *, already_ingested: bool = False) -> IngestSummary:
    return IngestSummary(
        documents=issue.documents.count(),
        tasks=issue.counts.get("tasks", 0),
        plans=plan_count(issue),
        warnings=list(issue.warnings),
        issue_id=issue.pk,
        already_ingested=already_ingested,
    )
