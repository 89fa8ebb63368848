"""The directory's ingest step: units, aliases, people and unresolved names of an issue."""

from __future__ import annotations

from luoshi.directory.services import sync_directory
from luoshi.gazette.services import IngestContext


def step(context: IngestContext) -> None:
    sync_directory(context.parsed, source_label=context.issue.source_name)
