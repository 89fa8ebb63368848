"""Chinese full-text search of the document library (文件检索).

Every document is cut into passages (段落: the title, each heading, paragraph and
signature, and each table row) and tokenised (``luoshi.gazette.tokens``). The
index is one ``SearchTerm`` row per (token, document) holding how many passages
of the document contain the token, whether the title does, and which passages:
a document-level inverted index in an ordinary table, so every lookup costs in
proportion to the documents holding a token (never to its passages) and reads
the same on SQLite and PostgreSQL. Scoring is done here in Python with one
formula, so both backends return the same documents in the same order.

A query's tokens must all occur in a document (not necessarily in one passage).
Score = Σ over the query's tokens of idf × (BM25-saturated count of passages
holding the token + TITLE_WEIGHT if the title holds it); ties go to the lower
document id. Two rules come before the score: a query that is a document number
(文号, typed with 〔〕, [] or 【】) puts that document first, and documents in which
one passage holds each CJK run of three or more characters of the query whole
(``直通车``) rank above documents that only hold its bigrams scattered.
"""

from __future__ import annotations

import html
import json
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from luoshi.gazette.models import Document, Passage, SearchTerm
from luoshi.gazette.parsing.numbers import NUMBER_IN_TEXT, normalise_number
from luoshi.gazette.tokens import query_phrases, query_terms, token_spans, tokenize

SNIPPETS_PER_HIT = 2
SNIPPET_CHARS = 120
TABLE_CELL_SEPARATOR = " | "

BM25_K1 = 1.2
TITLE_WEIGHT = 2.0
RESTRICT_BELOW = 500
"""Look a token up only among the candidate documents when there are fewer than this."""


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


EMPTY_PAGE = SearchPage(total=0, hits=[])


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
    """Replace the document's passages and index rows by ones built from its title and blocks.

    Runs in the caller's transaction (opens none) with bulk inserts; returns the number of
    passages. Passage ``seq`` 0 is the title; passages without any token are left out.
    """
    unindex_document(document)
    passages: list[Passage] = []
    occurrences: dict[str, list[int]] = {}
    for seq, (anchor, text) in enumerate(passage_texts(document.title, document.blocks or [])):
        tokens = tokenize(text)
        if not tokens:
            continue
        passages.append(
            Passage(
                document=document, seq=seq, anchor=anchor[:32], text=text, tokens=" ".join(tokens)
            )
        )
        for term in dict.fromkeys(tokens):
            occurrences.setdefault(term, []).append(seq)
    Passage.objects.bulk_create(passages, batch_size=500)
    _insert_terms(
        [
            (term, document.pk, len(seqs), seqs[0] == 0, " ".join(map(str, seqs)))
            for term, seqs in occurrences.items()
        ]
    )
    return len(passages)


_TERM_COLUMNS = ("term", "document_id", "passages", "in_title", "seqs")


def _insert_terms(rows: list[tuple[str, int, int, bool, str]]) -> None:
    """Insert SearchTerm rows fast: one statement on PostgreSQL, executemany elsewhere."""
    if not rows:
        return
    table = SearchTerm._meta.db_table
    columns = "(term, document_id, passages, in_title, seqs)"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {table} {columns} SELECT * FROM json_to_recordset(%s::json) "
                "AS r(term varchar, document_id bigint, passages integer, in_title boolean, seqs text)",
                [json.dumps([dict(zip(_TERM_COLUMNS, row, strict=True)) for row in rows])],
            )
        else:
            cursor.executemany(f"INSERT INTO {table} {columns} VALUES (%s, %s, %s, %s, %s)", rows)


def unindex_document(document: Document) -> int:
    """Remove the document's passages and index rows; returns how many passages went."""
    SearchTerm.objects.filter(document_id=document.pk).delete()
    deleted, _ = Passage.objects.filter(document_id=document.pk).delete()
    return int(deleted)


def rebuild_index() -> int:
    """Index every document again (after a change of tokenisation); returns the passages."""
    return sum(index_document(document) for document in Document.objects.iterator())


# --- lookup and scoring ---------------------------------------------------------

TermStats = dict[int, tuple[int, bool]]  # document id -> (passages holding the term, in title)


def _idf(document_count: int, frequency: int) -> float:
    total = max(document_count, frequency)
    return math.log(1.0 + (total - frequency + 0.5) / (frequency + 0.5))


def _placeholders(values: Collection[object]) -> str:
    return ", ".join(["%s"] * len(values))


def _term_frequency(cursor: Any, terms: Sequence[str]) -> dict[str, int]:
    """How many documents hold each term (terms found nowhere are left out)."""
    cursor.execute(
        f"SELECT term, COUNT(*) FROM {SearchTerm._meta.db_table} "
        f"WHERE term IN ({_placeholders(terms)}) GROUP BY term",
        list(terms),
    )
    return {term: int(count) for term, count in cursor.fetchall()}


def _term_stats(cursor: Any, term: str, within: set[int] | None) -> TermStats:
    sql = f"SELECT document_id, passages, in_title FROM {SearchTerm._meta.db_table} WHERE term = %s"
    params: list[object] = [term]
    if within is not None:
        if not within:
            return {}
        sql += f" AND document_id IN ({_placeholders(within)})"
        params.extend(sorted(within))
    cursor.execute(sql, params)
    return {doc: (passages, bool(in_title)) for doc, passages, in_title in cursor.fetchall()}


def _matching_documents(
    cursor: Any, terms: Sequence[str], frequency: Mapping[str, int], allowed: set[int] | None
) -> tuple[set[int], dict[str, TermStats]]:
    """Documents holding every term (rarest term first), with each term's statistics."""
    candidates = allowed
    stats: dict[str, TermStats] = {}
    for term in sorted(terms, key=lambda t: (frequency[t], t)):
        narrow = candidates is not None and len(candidates) < RESTRICT_BELOW
        stats[term] = _term_stats(cursor, term, candidates if narrow else None)
        found = set(stats[term])
        candidates = found if candidates is None else candidates & found
        if not candidates:
            return set(), stats
    return candidates or set(), stats


def score(stats: Mapping[str, TermStats], idf: Mapping[str, float], document_id: int) -> float:
    """BM25-like score of one document: saturated passage counts plus title matches."""
    total = 0.0
    for term, weight in idf.items():
        passages, in_title = stats[term][document_id]
        saturated = passages * (BM25_K1 + 1.0) / (passages + BM25_K1)
        total += weight * (saturated + (TITLE_WEIGHT if in_title else 0.0))
    return total


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


def _best_passages(
    cursor: Any, document_ids: Sequence[int], idf: Mapping[str, float]
) -> dict[int, list[int]]:
    """Per document, the seqs of the passages holding most of the query (title last)."""
    cursor.execute(
        f"SELECT document_id, term, seqs FROM {SearchTerm._meta.db_table} "
        f"WHERE document_id IN ({_placeholders(document_ids)}) AND term IN ({_placeholders(idf)})",
        [*document_ids, *idf],
    )
    coverage: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for doc, term, seqs in cursor.fetchall():
        for seq in seqs.split():
            coverage[doc][int(seq)] += idf[term]
    best: dict[int, list[int]] = {}
    for doc in document_ids:
        weights = coverage[doc]
        ranked = sorted(weights, key=lambda seq: (seq == 0, -weights[seq], seq))
        best[doc] = ranked[:SNIPPETS_PER_HIT]
    return best


def _snippets(
    cursor: Any, document_ids: Sequence[int], idf: Mapping[str, float]
) -> dict[int, list[Snippet]]:
    if not document_ids:
        return {}
    best = _best_passages(cursor, document_ids, idf)
    seqs = sorted({seq for wanted in best.values() for seq in wanted}) or [-1]
    cursor.execute(
        f"SELECT document_id, seq, anchor, text FROM {Passage._meta.db_table} "
        f"WHERE document_id IN ({_placeholders(document_ids)}) AND seq IN ({_placeholders(seqs)})",
        [*document_ids, *seqs],
    )
    rows = {(doc, seq): (anchor, text) for doc, seq, anchor, text in cursor.fetchall()}
    return {
        doc: [
            Snippet(anchor=row[0], html=highlight(row[1], idf.keys()))
            for row in (rows.get((doc, seq)) for seq in wanted)
            if row is not None
        ]
        for doc, wanted in best.items()
    }


# --- query --------------------------------------------------------------------


def _numbered_document(query: str, doc_type: str | None) -> int | None:
    """The document whose number the whole query is (晋市政办[2020]7号 → 〔2020〕), if any."""
    number = normalise_number(query)
    if not NUMBER_IN_TEXT.fullmatch(number):
        return None
    documents = Document.objects.filter(number=number)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    return documents.order_by("pk").values_list("pk", flat=True).first()


def _passages_with_every_token(
    cursor: Any, tokens: Sequence[str], documents: set[int]
) -> list[tuple[int, int]]:
    """(document, passage seq) pairs where one passage holds every token (from the index)."""
    cursor.execute(
        f"SELECT document_id, seqs FROM {SearchTerm._meta.db_table} "
        f"WHERE term IN ({_placeholders(tokens)}) AND document_id IN ({_placeholders(documents)})",
        [*tokens, *sorted(documents)],
    )
    shared: dict[int, set[int]] = {}
    for doc, seqs in cursor.fetchall():
        passages = {int(seq) for seq in seqs.split()}
        shared[doc] = shared[doc] & passages if doc in shared else passages
    return sorted((doc, seq) for doc, seqs in shared.items() for seq in seqs)


PHRASE_CHECK_CHUNK = 200


def _passages_holding(cursor: Any, pairs: Sequence[tuple[int, int]], phrase: str) -> set[int]:
    """The documents of those (document, seq) passages whose text holds ``phrase``."""
    found: set[int] = set()
    table = Passage._meta.db_table
    for start in range(0, len(pairs), PHRASE_CHECK_CHUNK):
        chunk = pairs[start : start + PHRASE_CHECK_CHUNK]
        rows = ", ".join(["(%s, %s)"] * len(chunk))
        cursor.execute(
            f"SELECT p.document_id, p.text FROM (VALUES {rows}) AS wanted "
            f"JOIN {table} p ON p.document_id = wanted.column1 AND p.seq = wanted.column2",
            [value for pair in chunk for value in pair],
        )
        found.update(doc for doc, text in cursor.fetchall() if phrase in text)
    return found


def _holding_phrases(cursor: Any, phrases: Sequence[str], documents: set[int]) -> set[int]:
    """The documents with, for each phrase, one passage holding it whole.

    The index narrows the passages to read to those holding all the phrase's tokens;
    each document's first such passage is read, and its others only when that one
    does not hold the phrase (the bigrams were scattered in it).
    """
    holding = documents
    for phrase in phrases:
        if not holding:
            break
        pairs = _passages_with_every_token(cursor, list(dict.fromkeys(tokenize(phrase))), holding)
        first: dict[int, tuple[int, int]] = {}
        for pair in pairs:
            first.setdefault(pair[0], pair)
        found = _passages_holding(cursor, list(first.values()), phrase)
        rest = [pair for pair in pairs if pair[0] not in found and pair != first[pair[0]]]
        holding = found | _passages_holding(cursor, rest, phrase)
    return holding


def search(
    query: str, *, limit: int = 20, offset: int = 0, doc_type: str | None = None
) -> SearchPage:
    """Documents holding every token of ``query``, best first (检索).

    An empty or token-less query gives an empty page; any input is safe.
    """
    terms = query_terms(query or "")
    if not terms or limit <= 0:
        return EMPTY_PAGE
    numbered = _numbered_document(query, doc_type)
    with connection.cursor() as cursor:
        frequency = _term_frequency(cursor, terms)
        matching: set[int] = set()
        stats: dict[str, TermStats] = {}
        if len(frequency) == len(terms):
            allowed = None
            if doc_type:
                allowed = set(
                    Document.objects.filter(doc_type=doc_type).values_list("pk", flat=True)
                )
            matching, stats = _matching_documents(cursor, terms, frequency, allowed)
        if not matching and numbered is None:
            return EMPTY_PAGE
        document_count = Document.objects.count()
        idf = {term: _idf(document_count, frequency.get(term, 0)) for term in terms}
        whole = _holding_phrases(cursor, query_phrases(query), matching)
        ranked = sorted(matching, key=lambda doc: (doc not in whole, -score(stats, idf, doc), doc))
        if numbered is not None:
            ranked = [numbered, *(doc for doc in ranked if doc != numbered)]
        start = max(offset, 0)
        page = ranked[start : start + limit]
        snippets = _snippets(cursor, page, idf)
    meta = {
        row[0]: row
        for row in Document.objects.filter(pk__in=page).values_list(
            "pk", "number", "title", "doc_type"
        )
    }
    hits = [
        SearchHit(
            document_id=doc,
            number=meta[doc][1],
            title=meta[doc][2],
            doc_type=meta[doc][3],
            score=round(score(stats, idf, doc), 6) if doc in matching else 0.0,
            snippets=snippets[doc],
        )
        for doc in page
        if doc in meta
    ]
    return SearchPage(total=len(ranked), hits=hits)
