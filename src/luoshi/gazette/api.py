"""JSON API of the public library: documents, issues and search (no login needed)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from luoshi.gazette import search
from luoshi.gazette.models import Document, Issue
from luoshi.gazette.queries import contract_row, library_documents

router = Router(tags=["文件库"])


class IssuedOut(Schema):
    title: str
    type: str


class DocumentOut(Schema):
    id: int
    kind: str
    number: str | None
    title: str
    issuer: str
    date: dt.date | None
    type: str
    attachments: list[str]
    cites: list[str]
    repeals: list[str]
    approves: list[str]
    issued: list[IssuedOut]


class OutlineEntryOut(Schema):
    label: str
    title: str
    level: int
    anchor: str


class DocumentDetailOut(DocumentOut):
    issue: str
    outline: list[OutlineEntryOut]
    body_text: str


class DocumentListOut(Schema):
    total: int
    items: list[DocumentOut]


class DocumentFilter(Schema):
    doc_type: str | None = Field(None, max_length=16, description="文种,如 预案")
    issuer: str | None = Field(None, max_length=128)
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


class IssueOut(Schema):
    id: int
    title: str
    city: str
    year: int | None
    number: int | None
    total_number: int | None
    documents: int


class SnippetOut(Schema):
    anchor: str
    html: str = Field(description="转义后的片段,命中词以 <mark> 标出")


class SearchHitOut(Schema):
    document_id: int
    number: str | None
    title: str
    doc_type: str
    score: float
    snippets: list[SnippetOut]


class SearchPageOut(Schema):
    total: int
    hits: list[SearchHitOut]


class SearchQuery(Schema):
    q: str = Field(..., max_length=200, description="检索词")
    doc_type: str | None = Field(None, max_length=16)
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)


class ValidationErrorOut(Schema):
    detail: list[dict[str, object]]


class NotFoundOut(Schema):
    detail: str


def _document_out(document: Document) -> dict[str, object]:
    row = contract_row(document)
    row["id"] = document.pk
    row["kind"] = document.kind
    return row


@router.get(
    "/documents", response={200: DocumentListOut, 422: ValidationErrorOut}, summary="文件列表"
)
def list_documents(request: HttpRequest, filters: Query[DocumentFilter]) -> dict[str, object]:
    documents = library_documents()
    if filters.doc_type:
        documents = documents.filter(doc_type=filters.doc_type)
    if filters.issuer:
        documents = documents.filter(issuer=filters.issuer)
    page = documents[filters.offset : filters.offset + filters.limit]
    return {"total": documents.count(), "items": [_document_out(d) for d in page]}


@router.get(
    "/documents/{int:document_id}",
    response={200: DocumentDetailOut, 404: NotFoundOut, 422: ValidationErrorOut},
    summary="文件详情",
)
def get_document(request: HttpRequest, document_id: int) -> dict[str, object]:
    document = get_object_or_404(library_documents(), pk=document_id)
    return _document_out(document) | {
        "issue": str(document.issue),
        "outline": document.outline,
        "body_text": document.body_text,
    }


@router.get("/issues", response=list[IssueOut], summary="公报期次")
def list_issues(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "id": i.pk,
            "title": i.title,
            "city": i.city,
            "year": i.year,
            "number": i.number,
            "total_number": i.total_number,
            "documents": i.documents.count(),
        }
        for i in Issue.objects.all()
    ]


@router.get("/search", response={200: SearchPageOut, 422: ValidationErrorOut}, summary="全文检索")
def search_documents(request: HttpRequest, params: Query[SearchQuery]) -> search.SearchPage:
    return search.search(
        params.q, limit=params.limit, offset=params.offset, doc_type=params.doc_type or None
    )
