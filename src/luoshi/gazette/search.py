"""Chinese full-text search of the document library (文件检索).

Every document is cut into passages (段落: the title, each heading, paragraph and
signature, and each table row) whose tokens (``luoshi.gazette.tokens``) are
indexed by the database: SQLite FTS5 or a PostgreSQL GIN tsvector index (see
migration 0002). The index only finds which passages hold a token; scoring is
done here in Python from those postings, with one formula, so both backends
return the same documents in the same order.

A query's tokens must all occur in a document (not necessarily in one passage).
Score per document = Σ over tokens of idf × saturated count of passages holding
the token (BM25 without length norm), plus a bonus for the share of the query
found together in one passage and for the share found in the title; ties go to
the lower document id.
"""

from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q

from luoshi.gazette.models import Document, Passage
from luoshi.gazette.tokens import index_tokens, query_terms, token_spans

SEQ_BITS = 20
"""The SQLite index's rowid is ``document_id << SEQ_BITS | seq`` (see migration 0002)."""
MAX_SEQ = (1 << SEQ_BITS) - 1

MAX_POSTINGS_PER_TERM = 50_000
"""Passages read per query token, newest documents first. A token more common than
this is only looked up in the newest part of the archive (same cut on every backend)."""

SNIPPETS_PER_HIT = 2
SNIPPET_CHARS = 120
TABLE_CELL_SEPARATOR = " | "

BM25_K1 = 1.2
PROXIMITY_WEIGHT = 1.0
TITLE_WEIGHT = 2.0


@dataclass(frozen=True)
class Snippet:
    """A passage excerpt: HTML-escaped text with the query's tokens in <mark>."""

    anchor: str
    html: str


@dataclass(frozen=True)
class SearchHit:
    document_id: int
    number: str | None
    title: str
    doc_type: str
    score: float
    snippets: list[Snippet]


@dataclass(frozen=True)
class SearchPage:
    total: int
    hits: list[SearchHit]


# --- indexing -----------------------------------------------------------------


def _field(block: Any, name: str, default: Any) -> Any:
    if isinstance(block, Mapping):
        return block.get(name, default)
    return getattr(block, name, default)


def passage_texts(title: str, blocks: Iterable[Any]) -> list[tuple[str, str]]:
    """(anchor, text) of every passage of a document, title first.

    ``blocks`` are the parser's ``Block`` objects or their JSON form (``Document.blocks``).
    """
    texts: list[tuple[str, str]] = [("", title)]
    for block in blocks:
        kind = _field(block, "kind", "")
        anchor = str(_field(block, "anchor", "") or "")
        if kind == "table":
            for row in _field(block, "rows", []) or []:
                cells = (str(cell).strip() for cell in row)
                texts.append((anchor, TABLE_CELL_SEPARATOR.join(c for c in cells if c)))
        else:
            label = str(_field(block, "label", "") or "")
            texts.append((anchor, f"{label}{_field(block, 'text', '') or ''}"))
    return texts


def index_document(document: Document) -> int:
    """Replace the document's passages (检索段落) by ones built from its title and blocks.

    Runs in the caller's transaction (opens none); returns the number of passages.
    Passage ``seq`` 0 is the title; passages without any token are left out.
    """
    unindex_document(document)
    passages = []
    for seq, (anchor, text) in enumerate(passage_texts(document.title, document.blocks or [])):
        tokens = index_tokens(text)
        if not tokens:
            continue
        if seq > MAX_SEQ:
            raise ValueError(f"文件过长，无法建立检索索引：{document}")
        passages.append(
            Passage(document=document, seq=seq, anchor=anchor[:32], text=text, tokens=tokens)
        )
    Passage.objects.bulk_create(passages, batch_size=500)
    return len(passages)


def unindex_document(document: Document) -> int:
    """Remove the document's passages (and so its index entries); returns how many."""
    deleted, _ = Passage.objects.filter(document_id=document.pk).delete()
    return int(deleted)


def rebuild_index() -> None:
    """Rebuild the SQLite FTS table from gazette_passage (PostgreSQL's index needs nothing)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO gazette_passage_fts(gazette_passage_fts) VALUES ('delete-all')")
        cursor.execute(
            "INSERT INTO gazette_passage_fts(rowid, tokens) "
            f"SELECT (document_id << {SEQ_BITS}) + seq, tokens FROM gazette_passage"
        )


# --- postings -----------------------------------------------------------------

Posting = tuple[int, int]  # (document_id, seq), newest document first


def _postings_sqlite(cursor: Any, term: str, cap: int) -> list[Posting]:
    cursor.execute(
        "SELECT rowid FROM gazette_passage_fts WHERE gazette_passage_fts MATCH %s "
        "ORDER BY rowid DESC LIMIT %s",
        [f'"{term}"', cap],
    )
    return [(rowid >> SEQ_BITS, rowid & MAX_SEQ) for (rowid,) in cursor.fetchall()]


def _postings_postgresql(cursor: Any, term: str, cap: int) -> list[Posting]:
    cursor.execute(
        "SELECT document_id, seq FROM gazette_passage "
        "WHERE array_to_tsvector(string_to_array(tokens, ' ')) @@ %s::tsquery "
        "ORDER BY document_id DESC, seq DESC LIMIT %s",
        [f"'{term}'", cap],
    )
    return [(doc, seq) for doc, seq in cursor.fetchall()]


def _postings_other(cursor: Any, term: str, cap: int) -> list[Posting]:
    spaced = f" {term} "
    rows = (
        Passage.objects.filter(
            Q(tokens=term)
            | Q(tokens__startswith=spaced[1:])
            | Q(tokens__endswith=spaced[:-1])
            | Q(tokens__contains=spaced)
        )
        .order_by("-document_id", "-seq")
        .values_list("document_id", "seq")[:cap]
    )
    return list(rows)


def postings(terms: Sequence[str], cap: int = MAX_POSTINGS_PER_TERM) -> dict[str, list[Posting]]:
    """Passages holding each term. Stops at the first term found nowhere (AND cannot match)."""
    lookup = {"sqlite": _postings_sqlite, "postgresql": _postings_postgresql}.get(
        connection.vendor, _postings_other
    )
    found: dict[str, list[Posting]] = {}
    with connection.cursor() as cursor:
        for term in terms:
            found[term] = lookup(cursor, term, cap)
            if not found[term]:
                break
    return found


# --- scoring ------------------------------------------------------------------


@dataclass
class _Scored:
    document_id: int
    score: float
    best_passages: list[int]  # seqs, best first


def _idf(document_count: int, frequency: int) -> float:
    total = max(document_count, frequency)
    return math.log(1.0 + (total - frequency + 0.5) / (frequency + 0.5))


def score_documents(
    found: Mapping[str, Sequence[Posting]], document_count: int, candidates: Collection[int]
) -> list[_Scored]:
    """Score the candidate documents from the postings; best first, ties by id."""
    per_term = {term: Counter(doc for doc, _ in rows) for term, rows in found.items()}
    idf = {term: _idf(document_count, len(counts)) for term, counts in per_term.items()}
    total_idf = sum(idf.values()) or 1.0
    coverage: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for term, rows in found.items():
        for doc, seq in rows:
            if doc in candidates:
                coverage[doc][seq] += idf[term]
    scored = []
    for doc in candidates:
        body = 0.0
        for term, counts in per_term.items():
            n = counts[doc]
            body += idf[term] * n * (BM25_K1 + 1.0) / (n + BM25_K1)
        seqs = coverage[doc]
        best = sorted(seqs, key=lambda seq: (seq == 0, -seqs[seq], seq))
        together = max(seqs.values()) / total_idf
        in_title = seqs.get(0, 0.0) / total_idf
        score = body + total_idf * (PROXIMITY_WEIGHT * together + TITLE_WEIGHT * in_title)
        scored.append(_Scored(doc, score, best[:SNIPPETS_PER_HIT]))
    scored.sort(key=lambda s: (-s.score, s.document_id))
    return scored


# --- snippets -----------------------------------------------------------------


def _marked_intervals(text: str, terms: Collection[str]) -> list[tuple[int, int]]:
    intervals: list[tuple[int, int]] = []
    for span in token_spans(text):
        if span.token not in terms:
            continue
        if intervals and span.start <= intervals[-1][1]:
            intervals[-1] = (intervals[-1][0], max(intervals[-1][1], span.end))
        else:
            intervals.append((span.start, span.end))
    return intervals


def highlight(text: str, terms: Collection[str], width: int = SNIPPET_CHARS) -> str:
    """HTML of ``text`` around its first match: escaped, matches in <mark>, cut with ….

    The text is never trusted: every piece is escaped before the <mark> tags go in.
    """
    intervals = _marked_intervals(text, terms)
    first = intervals[0][0] if intervals else 0
    start = max(0, first - width // 4)
    end = min(len(text), start + width)
    start = max(0, end - width)
    parts = ["…"] if start > 0 else []
    position = start
    for low, high in intervals:
        low, high = max(low, start), min(high, end)
        if low >= high:
            continue
        parts.append(html.escape(text[position:low]))
        parts.append(f"<mark>{html.escape(text[low:high])}</mark>")
        position = high
    parts.append(html.escape(text[position:end]))
    if end < len(text):
        parts.append("…")
    return "".join(parts)


def _snippets(scored: Sequence[_Scored], terms: Collection[str]) -> dict[int, list[Snippet]]:
    if not scored:
        return {}
    wanted = Q()
    for item in scored:
        wanted |= Q(document_id=item.document_id, seq__in=item.best_passages)
    rows = {
        (row["document_id"], row["seq"]): row
        for row in Passage.objects.filter(wanted).values("document_id", "seq", "anchor", "text")
    }
    snippets: dict[int, list[Snippet]] = {}
    for item in scored:
        found = (rows.get((item.document_id, seq)) for seq in item.best_passages)
        snippets[item.document_id] = [
            Snippet(anchor=row["anchor"], html=highlight(row["text"], terms))
            for row in found
            if row is not None
        ]
    return snippets


# --- query --------------------------------------------------------------------


def search(
    query: str, *, limit: int = 20, offset: int = 0, doc_type: str | None = None
) -> SearchPage:
    """Documents holding every token of ``query``, best first (检索).

    An empty or token-less query gives an empty page; any input is safe.
    """
    terms = query_terms(query or "")
    if not terms or limit <= 0:
        return SearchPage(total=0, hits=[])
    found = postings(terms)
    if len(found) < len(terms) or not all(found.values()):
        return SearchPage(total=0, hits=[])
    doc_sets = sorted(({doc for doc, _ in rows} for rows in found.values()), key=len)
    candidate_ids = set.intersection(*doc_sets)
    documents = Document.objects.filter(pk__in=candidate_ids)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    meta = {row[0]: row for row in documents.values_list("pk", "number", "title", "doc_type")}
    scored = score_documents(found, Document.objects.count(), set(meta))
    page = scored[max(offset, 0) : max(offset, 0) + limit]
    snippets = _snippets(page, set(terms))
    hits = [
        SearchHit(
            document_id=item.document_id,
            number=meta[item.document_id][1],
            title=meta[item.document_id][2],
            doc_type=meta[item.document_id][3],
            score=round(item.score, 6),
            snippets=snippets[item.document_id],
        )
        for item in page
    ]
    return SearchPage(total=len(scored), hits=hits)
