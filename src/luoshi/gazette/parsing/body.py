"""The body of a document as blocks in reading order (正文): paragraphs re-joined across the
line and page breaks of print, headings with their labels, tables and the signature."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from luoshi.gazette.parsing.labels import Label, match_label
from luoshi.gazette.parsing.model import Block
from luoshi.gazette.parsing.tables import build_table
from luoshi.gazette.parsing.text import (
    TERMINAL,
    ends_continuing,
    ends_sentence,
    has_punctuation,
    nonspace,
    tidy,
)

#: A line (1-based number in the issue, text as printed).
Line = tuple[int, str]

_HEADING_MAX = 30
_LONG_LINE = 40
_SHORT_LINE = 12
_ROLE_LINE_MAX = 32
_WIDTH_SAMPLES = 5
_SIBLINGS = 3
_KEY_COLON = re.compile(r"^[^\s,，。;；:：、()（）《》“”]{2,12}\s*[:：]\s*\S")
_TITLE_ENDING = re.compile(
    r"(?:职责|分工|名单|办法|方案|预案|计划|措施|意见|通知|制度|规定|细则|清单|大事记|图|表|卡|格式|方式|"
    r"[(（](?:试行|暂行)[)）])$"
)
_ROLE_ENDING = re.compile(
    r"(?:市长|县长|区长|局长|厅长|部长|处长|科长|主任|组长|队长|书记|司令员|秘书长|调研员|委员|主席)$"
)
_ATTACHMENT_LINE = re.compile(r"^附\s*件\s*[:：]")
_ATTACHMENT_ITEM = re.compile(r"^\d{1,2}\s*[.．、]")
_SPACED_CJK = re.compile(r"[\u4e00-\u9fff][ \u3000]+[\u4e00-\u9fff]")
_BULLET = re.compile(r"^[-•·▪●]\s")
_SENTENCE_END = re.compile(r"[。！？!?]")
_CLAUSE_MARK = re.compile(r"[,，、;；:：]")
_SENTENCE_MARK = re.compile(r"[,，;；。]")
_PHRASE_MARK = re.compile(r"[,，;；:：]")
_BRACKETS = re.compile(r"[()（）]")
_TRAILING_NOTE = re.compile(r"[(（][^()（）]*(?:牵头|负责|配合|参与)[^()（）]*[)）]$")
_ARTICLE_TITLE = re.compile(
    r"^(?P<title>【[^【】]{1,16}】|〔[^〔〕]{1,16}〕|[\u4e00-\u9fff]{2,12}(?=[ \u3000]+\S))\s*(?P<rest>.*)$"
)

Verdict = Literal["heading", "paragraph", "ambiguous"]


@dataclass
class BodyResult:
    blocks: list[Block]
    labels: dict[int, Label] = field(default_factory=dict)  # block index → label of a heading
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Decision:
    """How a labelled line is read: a heading (with the rest of the line, if any, as a
    paragraph), a paragraph that starts with a label (an item of a list), or not yet known."""

    verdict: Verdict
    heading: str = ""
    rest: str = ""


def build_blocks(lines: list[Line], signature: tuple[int, int] | None = None) -> BodyResult:
    """Blocks from the body ``lines``; ``signature`` is the (first, last) position in
    ``lines`` of the signature lines, if the caller found them."""
    return _Builder(lines, signature).run()


def standalone_title(text: str) -> bool:
    """A short line printed on its own: a title, a caption, a name or post in a list."""
    compact = nonspace(text)
    if len(compact) <= _ROLE_LINE_MAX and _ROLE_ENDING.search(compact):
        return not _SENTENCE_MARK.search(compact)
    if has_punctuation(_BRACKETS.sub("", compact)):
        return False
    return len(compact) <= _SHORT_LINE or bool(_TITLE_ENDING.search(compact))


class _Builder:
    def __init__(self, lines: list[Line], signature: tuple[int, int] | None) -> None:
        self.lines = lines
        self.signature = signature
        self.blocks: list[Block] = []
        self.labels: dict[int, Label] = {}
        self.warnings: list[str] = []
        self.after_signature = False
        self.bare_decimal = any(
            (label := match_label(text.strip(), allow_bare_decimal=False)) is not None
            and label.kind == "decimal"
            for _, text in lines
        )
        # Print that puts a blank line between paragraphs: there, two lines without a blank
        # between them are one paragraph wrapped (two-column pages).
        blanks = sum(1 for _, text in lines if not text.strip())
        self.spaced = blanks * 100 >= len(lines) * 15
        self.column = self._column_width()
        self.label_at: dict[int, Label] = {}
        for index, (_, text) in enumerate(lines):
            if "\t" not in text and (label := self._label(text.strip())) is not None:
                self.label_at[index] = label
        self.decisions = self._decide_all()

    def run(self) -> BodyResult:
        index = 0
        while index < len(self.lines):
            text = self.lines[index][1]
            if not text.strip():
                index += 1
            elif self.signature is not None and index == self.signature[0]:
                index = self._signature()
            elif "\t" in text:
                index = self._table(index)
            else:
                index = self._text(index)
        return BodyResult(self.blocks, self.labels, self.warnings)

    # -- pieces -------------------------------------------------------------------------

    def _signature(self) -> int:
        assert self.signature is not None
        first, last = self.signature
        texts = [t.strip() for _, t in self.lines[first : last + 1] if t.strip()]
        self.blocks.append(
            Block(kind="signature", text="\n".join(texts), line=self.lines[first][0])
        )
        self.after_signature = True
        return last + 1

    def _table(self, index: int) -> int:
        rows: list[str] = []
        end = index
        while end < len(self.lines):
            text = self.lines[end][1]
            if "\t" in text and not self._is_signature(end):
                rows.append(text)
                end += 1
            elif not text.strip() and self._next_is_table(end):
                end += 1
            else:
                break
        result = build_table(rows, line_no=self.lines[index][0])
        self.blocks.append(result.block)
        self.warnings.extend(result.warnings)
        return end

    def _next_is_table(self, index: int) -> bool:
        nxt = self._next_nonblank(index)
        return nxt is not None and "\t" in self.lines[nxt][1] and not self._is_signature(nxt)

    def _text(self, index: int) -> int:
        line_no, raw = self.lines[index]
        text = raw.strip()
        first_after_signature = self.after_signature
        self.after_signature = False
        decision = self.decisions.get(index)
        if decision is not None and decision.verdict == "heading":
            label = self.label_at[index]
            self.labels[len(self.blocks)] = label
            self.blocks.append(
                Block(kind="heading", label=label.text, text=decision.heading, line=line_no)
            )
            if not decision.rest.strip():
                return index + 1
            return self._paragraph(index, decision.rest.strip(), first_line=text)
        if decision is None and first_after_signature and _printed_title(text):
            # The title of the plan a notice issues, printed right after the signature.
            self.blocks.append(Block(kind="paragraph", text=text, line=line_no))
            return index + 1
        return self._paragraph(index, text, first_line=text)

    def _paragraph(self, index: int, text: str, *, first_line: str) -> int:
        parts = [text]
        last_line = first_line
        attachment_list = bool(_ATTACHMENT_LINE.match(text))
        line_no = self.lines[index][0]
        current = index
        while True:
            nxt = self._next_nonblank(current)
            if nxt is None or "\t" in self.lines[nxt][1] or self._is_signature(nxt):
                break
            candidate = self.lines[nxt][1].strip()
            joined = "".join(parts)
            if attachment_list:
                if not (_ATTACHMENT_ITEM.match(candidate) or ends_continuing(joined)):
                    break
                parts.append("\n" + candidate)
            elif self._continues(joined, last_line, candidate, wrapped=self._wrapped(current, nxt)):
                parts.append(_glue(joined, candidate))
            else:
                break
            last_line = candidate
            current = nxt
        self.blocks.append(Block(kind="paragraph", text="".join(parts), line=line_no))
        return current + 1

    # -- decisions ----------------------------------------------------------------------

    def _label(self, text: str) -> Label | None:
        return match_label(text, allow_bare_decimal=self.bare_decimal)

    def _continues(self, paragraph: str, last_line: str, candidate: str, *, wrapped: bool) -> bool:
        """Does ``candidate`` (the next line) go on with ``paragraph``?"""
        if self._label(candidate) is not None or _BULLET.match(candidate):
            return False
        if ends_sentence(paragraph):
            return False
        if ends_continuing(paragraph):
            return True
        if _KEY_COLON.match(candidate) or _SPACED_CJK.search(self._unlabelled(last_line)):
            return False
        if wrapped or self._column_full(last_line):
            return True
        if len(nonspace(last_line)) >= _LONG_LINE:
            # A page break inside a paragraph, unless what follows is a caption of its own.
            return not (len(nonspace(candidate)) <= _HEADING_MAX and standalone_title(candidate))
        return not standalone_title(last_line)

    def _unlabelled(self, line: str) -> str:
        label = self._label(line.strip())
        return label.rest if label is not None else line

    def _decide_all(self) -> dict[int, _Decision]:
        decisions = {index: self._decide(label, index) for index, label in self.label_at.items()}
        first_verdicts = {index: decision.verdict for index, decision in decisions.items()}
        ordered = sorted(self.label_at)
        for position, index in enumerate(ordered):
            decision = decisions[index]
            if decision.verdict != "ambiguous":
                continue
            label = self.label_at[index]
            siblings = self._siblings(ordered, position, label, same_parent=True)
            if not siblings:
                siblings = self._siblings(ordered, position, label, same_parent=False)
            paragraphs = sum(1 for sibling in siblings if first_verdicts[sibling] == "paragraph")
            listed = bool(siblings) and paragraphs * 2 >= len(siblings)
            decision.verdict = "paragraph" if listed else "heading"
        return decisions

    def _siblings(
        self, ordered: list[int], position: int, label: Label, *, same_parent: bool
    ) -> list[int]:
        """Nearby labelled lines of the same kind (under the same parent heading)."""
        found: list[int] = []
        for step in (-1, 1):
            cursor, seen = position + step, 0
            while 0 <= cursor < len(ordered) and seen < _SIBLINGS:
                other = self.label_at[ordered[cursor]]
                if same_parent and other.rank < label.rank:
                    break
                if other.key == label.key:
                    found.append(ordered[cursor])
                    seen += 1
                cursor += step
        return found

    def _decide(self, label: Label, index: int) -> _Decision:
        rest = label.rest
        compact = nonspace(rest)
        if label.kind in ("chapter", "section"):
            return _Decision("heading", tidy(rest))
        if label.kind == "article":
            titled = _ARTICLE_TITLE.match(rest)
            if titled:  # 第一条【适用范围】… / 第一条 适用范围 …: the article's own heading
                return _Decision("heading", titled["title"], titled["rest"])
            return _Decision("heading", "", rest)
        if not compact:
            return _Decision("heading")
        if label.kind == "decimal" and len(compact) <= _LONG_LINE:
            return _Decision("heading", tidy(rest))
        if not any(ch in TERMINAL for ch in compact) and not ends_continuing(compact):
            # a note closing the heading (市城管局牵头,市商务局配合) is not part of its words
            plain = _TRAILING_NOTE.sub("", compact)
            if len(plain) <= _HEADING_MAX and not self._wraps_on(index):
                if _CLAUSE_MARK.search(plain) or self._column_full(self.lines[index][1]):
                    return _Decision("ambiguous", tidy(rest))
                return _Decision("heading", tidy(rest))
        match = _SENTENCE_END.search(rest)
        if match is not None:
            first, remainder = rest[: match.end()], rest[match.end() :]
            if len(nonspace(first)) <= _HEADING_MAX and not _PHRASE_MARK.search(first[:-1]):
                if remainder.strip():
                    return _Decision("ambiguous", tidy(first), remainder)
                if self._followed_by_text(index):
                    return _Decision("ambiguous", tidy(first))
        if label.kind == "decimal":
            return _Decision("heading", tidy(rest))
        return _Decision("paragraph")

    def _followed_by_text(self, index: int) -> bool:
        nxt = self._next_nonblank(index)
        if nxt is None or "\t" in self.lines[nxt][1]:
            return False
        following = self.lines[nxt][1].strip()
        return self._label(following) is None and not _BULLET.match(following)

    def _wraps_on(self, index: int) -> bool:
        """The labelled line at ``index`` is the first line of a wrapped paragraph."""
        nxt = self._next_nonblank(index)
        if nxt is None or not self._wrapped(index, nxt):
            return False
        following = self.lines[nxt][1]
        return "\t" not in following and self._label(following.strip()) is None

    def _column_width(self) -> int:
        """Characters per line of two-column print, from lines wrapped without a blank; 0 if none."""
        if not self.spaced:
            return 0
        widths = sorted(
            len(nonspace(text))
            for (_, text), (_, following) in zip(self.lines, self.lines[1:], strict=False)
            if text.strip()
            and following.strip()
            and "\t" not in text + following
            and not ends_sentence(text)
            and match_label(following.strip()) is None
        )
        return widths[len(widths) // 2] if len(widths) >= _WIDTH_SAMPLES else 0

    def _column_full(self, text: str) -> bool:
        """``text`` fills a line of two-column print: it was wrapped there."""
        return self.column > 0 and abs(len(nonspace(text)) - self.column) <= 2

    def _wrapped(self, index: int, nxt: int) -> bool:
        """Lines printed without a blank between them, where blanks separate paragraphs."""
        return self.spaced and nxt == index + 1

    def _next_nonblank(self, index: int) -> int | None:
        nxt = index + 1
        while nxt < len(self.lines) and not self.lines[nxt][1].strip():
            nxt += 1
        return nxt if nxt < len(self.lines) else None

    def _is_signature(self, index: int) -> bool:
        return self.signature is not None and index == self.signature[0]


def _printed_title(text: str) -> bool:
    compact = nonspace(text)
    return len(compact) <= 60 and not ends_sentence(compact) and not _CLAUSE_MARK.search(compact)


def _glue(before: str, after: str) -> str:
    """Join two print lines: no space in Chinese, one space between Latin words."""
    if before and after and before[-1].isascii() and before[-1].isalnum():
        if after[0].isascii() and after[0].isalnum():
            return " " + after
    return after
