"""A whole issue (一期公报): cover data, table of contents (目录) and its documents."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from luoshi.gazette.parsing.document import parse_document
from luoshi.gazette.parsing.model import GazetteError, ParsedDocument, ParsedIssue
from luoshi.gazette.parsing.regions import find_regions
from luoshi.gazette.parsing.text import has_punctuation, nonspace, organ_prefix, tidy

_GAZETTE_TITLE = re.compile(
    r"^(?P<city>[\u4e00-\u9fff]{2,12}?[市省州盟县区])?[\u4e00-\u9fff]{0,10}公报$"
)
_ISSUE_NUMBER = re.compile(
    r"(?:(?P<year>\d{4})\s*年)?\s*第\s*(?P<number>\d{1,3})\s*期\s*(?:[(（]\s*总第\s*(?P<total>\d{1,5})\s*期\s*[)）])?"
)
_YEAR_LINE = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年?$")
_CONTENTS = re.compile(r"^目\s*录$")
_PAGE_NUMBER = re.compile(r"(?:\.{2,}|…+)?\s*(\d{1,4})$")
_TITLE_START = re.compile(r"^(?:关于|《)")
_FUZZY = 0.9


@dataclass
class _Cover:
    city: str = ""
    title: str = ""
    year: int | None = None
    number: int | None = None
    total_number: int | None = None


def parse_issue(text: str) -> ParsedIssue:
    """Every document of an issue; GazetteError when not a single one is recognisable."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    regions = find_regions(lines)
    if not regions:
        raise GazetteError(
            "未找到任何公文(没有发文字号、“关于…的通知”式标题加主送机关或大事记标题) / no document found in the text"
        )
    front = lines[: regions[0].start]
    cover = _cover(front)
    year = cover.year
    documents = [
        parse_document(seq, region, lines, year=year, last=seq == len(regions))
        for seq, region in enumerate(regions, start=1)
    ]
    if year is None:
        year = _year_from_documents(documents)
        if year is not None:
            documents = [
                parse_document(seq, region, lines, year=year, last=seq == len(regions))
                for seq, region in enumerate(regions, start=1)
            ]
    contents = _contents(front)
    issue = ParsedIssue(
        city=cover.city,
        title=cover.title,
        year=year,
        number=cover.number,
        total_number=cover.total_number,
        documents=documents,
        contents=contents,
    )
    issue.warnings.extend(_duplicate_numbers(documents))
    if contents:
        issue.warnings.extend(_compare_contents(contents, documents))
    return issue


def _cover(front: list[str]) -> _Cover:
    cover = _Cover()
    for raw in front[:200]:
        line = nonspace(raw)
        if not line:
            continue
        title = _GAZETTE_TITLE.match(line)
        if title and not cover.title:
            cover.title = line
            cover.city = title.group("city") or ""
            continue
        number = _ISSUE_NUMBER.search(line)
        if number and cover.number is None:
            cover.number = int(number["number"])
            cover.total_number = int(number["total"]) if number["total"] else None
            if number["year"] and cover.year is None:
                cover.year = int(number["year"])
            continue
        year = _YEAR_LINE.match(line)
        if year and cover.year is None:
            cover.year = int(year["year"])
    return cover


def _year_from_documents(documents: list[ParsedDocument]) -> int | None:
    years = [d.signed_on.year for d in documents if d.signed_on is not None]
    return max(set(years), key=years.count) if years else None


def _contents(front: list[str]) -> list[str]:
    """Titles listed in the 目录 (page numbers dropped, titles broken over lines joined)."""
    start = next((i for i, line in enumerate(front) if _CONTENTS.match(nonspace(line))), None)
    if start is None:
        return []
    titles: list[str] = []
    pending = ""
    for raw in front[start + 1 :]:
        line = tidy(raw)
        if not line:
            continue
        page = _PAGE_NUMBER.search(line)
        if page and (
            pending or _TITLE_START.match(line) or len(line) > page.end() - page.start() + 4
        ):
            title = tidy(pending + line[: page.start()])
            if title and not _ISSUE_NUMBER.fullmatch(nonspace(title)):
                titles.append(title)
            pending = ""
        elif pending or _TITLE_START.match(line):
            pending += line
        elif has_punctuation(line) and not line.startswith("("):
            pending = ""
    return titles


def _duplicate_numbers(documents: list[ParsedDocument]) -> list[str]:
    seen: set[str] = set()
    warnings = []
    for document in documents:
        if document.number is None:
            continue
        if document.number in seen:
            warnings.append(f"文号重复: {document.number}")
        seen.add(document.number)
    return warnings


def _compare_contents(contents: list[str], documents: list[ParsedDocument]) -> list[str]:
    """Warnings for titles of the 目录 without a document and documents not in the 目录."""
    listed = [_comparable(title) for title in contents]
    unmatched = list(range(len(contents)))
    warnings: list[str] = []
    pending: list[ParsedDocument] = []
    for document in documents:
        key = _comparable(document.title)
        exact = next((i for i in unmatched if listed[i] == key), None)
        if exact is not None:
            unmatched.remove(exact)
        else:
            pending.append(document)
    for document in pending:
        key = _comparable(document.title)
        scored = [(difflib.SequenceMatcher(None, listed[i], key).ratio(), i) for i in unmatched]
        best = max(scored, default=(0.0, -1))
        if best[0] >= _FUZZY:
            unmatched.remove(best[1])
            warnings.append(f"目录标题“{contents[best[1]]}”与正文标题“{document.title}”不一致")
        else:
            warnings.append(f"文件不在目录中: {document.number or ''}{document.title}")
    warnings.extend(f"目录中的标题没有对应的文件: {contents[i]}" for i in unmatched)
    return warnings


def _comparable(title: str) -> str:
    """The title without spaces, quotes and an issuer printed before 关于 (目录 lines of
    some gazettes carry it, the document's title does not)."""
    compact = re.sub(r"[\s《》〈〉“”\"]", "", title)
    about = compact.find("关于")
    return (
        compact[about:]
        if about > 0 and organ_prefix(compact[:about]) == compact[:about]
        else compact
    )
