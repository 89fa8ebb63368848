"""The ledger's ingest step: the tasks an issue's documents assign, pending review."""

from __future__ import annotations

from luoshi.gazette.services import IngestContext
from luoshi.supervision.services import store_extracted_tasks


def step(context: IngestContext) -> None:
    context.counts["tasks"] = store_extracted_tasks(context.issue, context.parsed)
