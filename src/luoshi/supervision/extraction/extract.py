"""Every task an issue assigns, from every document, by the shape of its text.

Documents are read by what they contain, never by their number: decomposition
tables, task tables, schedule phases, clauses with assignment brackets, projects
with duty lists, duty lists, then dated obligations in whatever prose is left.
A clause read by one extractor is not read again by a later one. Emergency plans
(预案) assign conditional duties handled by the emergency module, and chronicles
(大事记) record events: neither is read here.
Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Callable

from luoshi.gazette.parsing.model import ParsedDocument, ParsedIssue
from luoshi.supervision.extraction.assigned import extract_assigned
from luoshi.supervision.extraction.clauses import Clause, build_clauses
from luoshi.supervision.extraction.dated import apply_event_due, extract_dated
from luoshi.supervision.extraction.decomposition import extract_decomposition
from luoshi.supervision.extraction.duties import extract_duties, extract_projects
from luoshi.supervision.extraction.model import ExtractedTask
from luoshi.supervision.extraction.schedule import extract_schedule
from luoshi.supervision.extraction.task_table import extract_task_table

ClauseExtractor = Callable[[ParsedDocument, Clause, set[int]], list[ExtractedTask]]

# In this order: the more specific shape wins a clause.
CLAUSE_EXTRACTORS: tuple[ClauseExtractor, ...] = (
    extract_schedule,
    extract_assigned,
    extract_projects,
    extract_duties,
    extract_dated,
)
SKIPPED_TYPES = ("预案", "应急预案")


def is_assigning(document: ParsedDocument) -> bool:
    """Does the document assign supervised work (not a chronicle, not an emergency plan)?
    A notice printed without its number (downloaded from a website) assigns work too."""
    if document.kind == "chronicle":
        return False
    return document.doc_type not in SKIPPED_TYPES and "应急预案" not in document.title


def extract_document(document: ParsedDocument) -> list[ExtractedTask]:
    """The tasks of one document, tables first, then its prose."""
    if not is_assigning(document):
        return []
    tasks = extract_decomposition(document) + extract_task_table(document)
    root = build_clauses(document)
    consumed: set[int] = set()
    for extractor in CLAUSE_EXTRACTORS:
        tasks.extend(extractor(document, root, consumed))
    _unique_refs(tasks)
    for task in tasks:
        task.document_seq = document.seq
        apply_event_due(task)
    return tasks


def extract_tasks(issue: ParsedIssue) -> list[ExtractedTask]:
    """Every assigned task of the issue, document by document, in reading order."""
    return [task for document in issue.documents for task in extract_document(document)]


def _unique_refs(tasks: list[ExtractedTask]) -> None:
    """Make refs unique inside a document (a ref is half of a task's stable id)."""
    seen: dict[str, int] = {}
    for task in tasks:
        count = seen.get(task.ref, 0) + 1
        seen[task.ref] = count
        if count > 1:
            task.ref = f"{task.ref}~{count}"
