"""The library's own part of ingestion: read and decode a file, store an issue's documents.

Orchestration (one transaction, idempotence, the apps' steps) lives in :mod:`luoshi.pipeline`;
this module stores only what the library owns and imports no other app.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Q

from luoshi.core import clock
from luoshi.core.models import User
from luoshi.gazette import search
from luoshi.gazette.models import ChronicleEvent, Document, DocumentReference, Issue
from luoshi.gazette.parsing import decode_gazette
from luoshi.gazette.parsing.model import GazetteError, ParsedDocument, ParsedIssue, Reference

EMERGENCY_PLAN_TYPE = "预案"


@dataclass
class IngestContext:
    """What each ingest step receives (``luoshi.pipeline``): the issue as stored and as parsed,
    the documents stored now, and what the steps report (warnings, counts such as ``tasks``)."""

    issue: Issue
    parsed: ParsedIssue
    documents: list[Document]
    actor: User | None = None
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def read_gazette_file(path: Path) -> str:
    """Read and decode a gazette file, refusing what cannot be one (GazetteError)."""
    if not path.exists():
        raise GazetteError(f"文件不存在: {path}")
    if not path.is_file():
        raise GazetteError(f"不是文件: {path}")
    size = path.stat().st_size
    limit = settings.LUOSHI_MAX_GAZETTE_BYTES
    if size > limit:
        raise GazetteError(
            f"文件过大({size / 1048576:.1f} MB,上限 {limit / 1048576:.0f} MB): 一期公报的文本不会这么大,请检查文件"
        )
    return decode_gazette(path.read_bytes())


def store_issue(
    parsed: ParsedIssue, fingerprint: str, source_name: str, *, actor: User | None = None
) -> IngestContext:
    """Store the issue and its documents (inside the caller's transaction).

    The context holds the documents stored now (a number already in the library from another
    issue is skipped with a warning) and the parser's warnings.
    """
    warnings = list(parsed.warnings)
    issue = Issue.objects.create(
        city=parsed.city,
        title=parsed.title,
        year=parsed.year,
        number=parsed.number,
        total_number=parsed.total_number,
        source_name=source_name[:255],
        source_sha256=fingerprint,
        ingested_at=clock.now(),
    )
    taken = set(
        Document.objects.filter(
            number__in=[d.number for d in parsed.documents if d.number]
        ).values_list("number", flat=True)
    )
    stored: list[Document] = []
    for parsed_doc in parsed.documents:
        warnings.extend(f"{_label(parsed_doc)}: {w}" for w in parsed_doc.warnings)
        if parsed_doc.number is not None:
            if parsed_doc.number in taken:
                warnings.append(f"{parsed_doc.number} 已在文件库中(来自另一期),本次未重复导入")
                continue
            taken.add(parsed_doc.number)
        stored.append(_store_document(issue, parsed_doc))
    link_references()
    return IngestContext(issue, parsed, stored, actor=actor, warnings=warnings)


def plan_count(issue: Issue) -> int:
    return issue.documents.filter(doc_type=EMERGENCY_PLAN_TYPE).count()


def _label(parsed_doc: ParsedDocument) -> str:
    return parsed_doc.number or parsed_doc.title


def _store_document(issue: Issue, parsed_doc: ParsedDocument) -> Document:
    document = Document.objects.create(
        issue=issue,
        seq=parsed_doc.seq,
        kind=parsed_doc.kind,
        number=parsed_doc.number,
        title=parsed_doc.title[:255],
        issuer=parsed_doc.issuer[:128],
        signed_on=parsed_doc.signed_on,
        doc_type=parsed_doc.doc_type,
        issued=[asdict(issued) for issued in parsed_doc.issued],
        attachments=list(parsed_doc.attachments),
        blocks=[asdict(block) for block in parsed_doc.blocks],
        outline=[asdict(entry) for entry in parsed_doc.outline],
        body_text=parsed_doc.body_text,
    )
    DocumentReference.objects.bulk_create(
        [
            DocumentReference(
                source=document,
                kind=ref.kind,
                target_number=ref.number,
                target_title=ref.title[:255],
            )
            for ref in _unique_references(parsed_doc)
        ]
    )
    ChronicleEvent.objects.bulk_create(
        [
            ChronicleEvent(document=document, seq=i, date=event.date, text=event.text)
            for i, event in enumerate(parsed_doc.events, start=1)
        ]
    )
    search.index_document(document)
    return document


def _unique_references(parsed_doc: ParsedDocument) -> list[Reference]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for ref in parsed_doc.references:
        if (ref.kind, ref.number) not in seen and ref.number != parsed_doc.number:
            seen.add((ref.kind, ref.number))
            unique.append(ref)
    return unique


def link_references() -> None:
    """Point every dangling reference at its document when the library now holds it: by
    number, or, for what a consent notice approves, by the title (the approved document's
    own, or that of the notice issuing it: 关于印发X的通知)."""
    dangling = DocumentReference.objects.filter(target__isnull=True)
    numbers = set(dangling.exclude(target_number="").values_list("target_number", flat=True))
    by_number = dict(Document.objects.filter(number__in=numbers).values_list("number", "pk"))
    for number, pk in by_number.items():
        dangling.filter(target_number=number).update(target_id=pk)
    approvals = dangling.filter(kind=DocumentReference.Kind.APPROVES).exclude(target_title="")
    for reference in approvals:
        title = reference.target_title
        match = (
            Document.objects.exclude(pk=reference.source_id)
            .filter(
                Q(title=title)
                | Q(title__contains=f"印发{title}")
                | Q(title__contains=f"《{title}》")
            )
            .order_by("pk")
            .first()
        )
        if match is not None:
            DocumentReference.objects.filter(pk=reference.pk).update(target=match)
