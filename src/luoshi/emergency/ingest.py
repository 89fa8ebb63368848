"""The emergency step of ingest: every playbook quote checked against its plan's text."""

from __future__ import annotations

from luoshi.emergency.library import check_plan_quotes
from luoshi.gazette.services import IngestContext


def step(context: IngestContext) -> None:
    _, warnings = check_plan_quotes(list(context.issue.documents.all()))
    context.warnings.extend(warnings)
