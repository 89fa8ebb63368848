"""Read-side helpers shared by pages, API and CLI."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from luoshi.gazette.models import Document, DocumentReference


def library_documents() -> QuerySet[Document]:
    """Documents in library order (issue, then order of print), with their references."""
    return (
        Document.objects.select_related("issue")
        .prefetch_related(
            Prefetch(
                "references", queryset=DocumentReference.objects.order_by("kind", "target_number")
            )
        )
        .order_by("issue__year", "issue__number", "issue_id", "seq")
    )


def contract_row(document: Document) -> dict[str, object]:
    """One document as ``luoshi documents --json`` describes it."""
    refs = list(document.references.all())
    return {
        "number": document.number,
        "title": document.title,
        "issuer": document.issuer,
        "date": document.signed_on.isoformat() if document.signed_on else None,
        "type": document.doc_type,
        "attachments": list(document.attachments),
        "cites": [r.target_number for r in refs if r.kind == DocumentReference.Kind.CITES],
        "repeals": [r.target_number for r in refs if r.kind == DocumentReference.Kind.REPEALS],
        "approves": [r.target_title for r in refs if r.kind == DocumentReference.Kind.APPROVES],
        "issued": [{"title": i["title"], "type": i["doc_type"]} for i in document.issued],
    }


def document_contract_rows() -> list[dict[str, object]]:
    return [contract_row(d) for d in library_documents()]
