"""The drafting step of ingest: every plan (文种 预案) of the issue gets a draft playbook."""

from __future__ import annotations

from luoshi.emergency.drafting import DraftingError
from luoshi.emergency.playbook_review import draft_for_document, seed_bundled_versions
from luoshi.gazette.services import IngestContext


def step(context: IngestContext) -> None:
    seed_bundled_versions()  # the migration seeds them too; a flushed database gets them back here
    drafted = 0
    for document in context.documents:
        if document.doc_type != "预案":
            continue
        try:
            version = draft_for_document(document, context.actor)
        except DraftingError as exc:
            context.warnings.append(f"{document.number}: 无法起草预案规则({exc})")
            continue
        drafted += version is not None
    context.counts["playbook_drafts"] = drafted
