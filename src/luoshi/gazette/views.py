"""Public library pages: list, detail, print, search, chronicles. No login needed."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from luoshi.gazette import search
from luoshi.gazette.forms import LibraryFilterForm, SearchForm
from luoshi.gazette.links import tool_links
from luoshi.gazette.models import Document, DocumentReference, Issue
from luoshi.gazette.queries import library_documents

SEARCH_PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    form = LibraryFilterForm(request.GET or None)
    documents = library_documents()
    status = 200
    if form.is_bound:
        if form.is_valid():
            documents = form.filter(documents)
        else:
            status = 400
    context = {
        "nav": "library",
        "form": form,
        "documents": documents if status == 200 else Document.objects.none(),
        "issues": Issue.objects.annotate(n=Count("documents")),
        "type_counts": Document.objects.values("doc_type").annotate(n=Count("id")).order_by("-n"),
    }
    return render(request, "gazette/home.html", context, status=status)


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = _document_context(pk)
    context["tool_links"] = tool_links(request.user, context["document"])
    return render(request, "gazette/document_detail.html", context)


def document_print(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "gazette/document_print.html", _document_context(pk))


def _document_context(pk: int) -> dict[str, object]:
    document = get_object_or_404(Document.objects.select_related("issue"), pk=pk)
    references = list(
        document.references.select_related("target").order_by("kind", "target_number")
    )
    incoming = list(
        DocumentReference.objects.filter(target=document)
        .select_related("source")
        .order_by("kind", "source__seq")
    )
    return {
        "nav": "library",
        "document": document,
        "cites": [r for r in references if r.kind == DocumentReference.Kind.CITES],
        "repeals": [r for r in references if r.kind == DocumentReference.Kind.REPEALS],
        "cited_by": [r for r in incoming if r.kind == DocumentReference.Kind.CITES],
        "repealed_by": [r for r in incoming if r.kind == DocumentReference.Kind.REPEALS],
        "links": {r.target_number: r.target_id for r in references if r.target_id},
        "events": document.events.all() if document.kind == Document.Kind.CHRONICLE else [],
    }


def search_view(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "gazette/search.html", {"nav": "search", "form": form}, status=400)
    query = form.cleaned_data["q"] or ""
    page_number = form.cleaned_data["page"] or 1
    page = search.search(
        query,
        limit=SEARCH_PAGE_SIZE,
        offset=(page_number - 1) * SEARCH_PAGE_SIZE,
        doc_type=form.cleaned_data["doc_type"] or None,
    )
    context = {
        "nav": "search",
        "form": form,
        "search_query": query,
        "page": page,
        "page_number": page_number,
        "has_next": page_number * SEARCH_PAGE_SIZE < page.total,
    }
    return render(request, "gazette/search.html", context)


def chronicles(request: HttpRequest) -> HttpResponse:
    documents = library_documents().filter(kind=Document.Kind.CHRONICLE).prefetch_related("events")
    return render(request, "gazette/chronicles.html", {"nav": "chronicles", "documents": documents})
