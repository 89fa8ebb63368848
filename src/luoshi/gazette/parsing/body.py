"""The body of a document as blocks in reading order (正文): paragraphs re-joined across the
line and page breaks of print, headings with their labels, tables and the signature."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
_KEY_COLON = re.compile(r"^[^\s,，。;；:：、()（）《》“”]{2,12}\s*[:：]")
_TITLE_ENDING = re.compile(
    r"(?:职责|分工|名单|办法|方案|预案|计划|措施|意见|通知|制度|规定|细则|清单|大事记|图|表|卡|格式|方式|"
    r"[(（](?:试行|暂行)[)）])$"
)
_ATTACHMENT_LINE = re.compile(r"^附\s*件\s*[:：]")
_ATTACHMENT_ITEM = re.compile(r"^\d{1,2}\s*[.．、]")
_SPACED_CJK = re.compile(r"[\u4e00-\u9fff][ \u3000]+[\u4e00-\u9fff]")
_BULLET = re.compile(r"^[-•·▪●]\s")
_SENTENCE_END = re.compile(r"[。！？!?]")
_CLAUSE_MARK = re.compile(r"[,，、;；:：]")


@dataclass
class BodyResult:
    blocks: list[Block]
    labels: dict[int, Label] = field(default_factory=dict)  # block index → label of a heading
    warnings: list[str] = field(default_factory=list)


def build_blocks(lines: list[Line], signature: tuple[int, int] | None = None) -> BodyResult:
    """Blocks from the body ``lines``; ``signature`` is the (first, last) position in
    ``lines`` of the signature lines, if the caller found them."""
    return _Builder(lines, signature).run()


def standalone_title(text: str) -> bool:
    """A short line printed on its own: a title, a name in a list, a caption."""
    compact = nonspace(text)
    if has_punctuation(compact.strip("()（）")):
        return False
    return len(compact) <= _SHORT_LINE or bool(_TITLE_ENDING.search(compact))


class _Builder:
    def __init__(self, lines: list[Line], signature: tuple[int, int] | None) -> None:
        self.lines = lines
        self.signature = signature
        self.blocks: list[Block] = []
        self.labels: dict[int, Label] = {}
        self.warnings: list[str] = []
        self.bare_decimal = any(
            (label := match_label(text.strip(), allow_bare_decimal=False)) is not None
            and label.kind == "decimal"
            for _, text in lines
        )
        self.after_signature = False

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
            if "\t" in text:
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
        label = self._label(text)
        first_after_signature = self.after_signature
        self.after_signature = False
        if label is not None:
            split = self._split_heading(label, index)
            if split is not None:
                heading, rest = split
                self.labels[len(self.blocks)] = label
                self.blocks.append(
                    Block(kind="heading", label=label.text, text=heading, line=line_no)
                )
                if not rest.strip():
                    return index + 1
                return self._paragraph(index, rest.strip())
        if first_after_signature and _printed_title(text):
            # The title of the plan a notice issues, printed right after the signature.
            self.blocks.append(Block(kind="paragraph", text=text, line=line_no))
            return index + 1
        return self._paragraph(index, text)

    def _paragraph(self, index: int, text: str) -> int:
        parts = [text]
        last_line = text
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
            elif self._continues(joined, last_line, candidate):
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

    def _continues(self, paragraph: str, last_line: str, candidate: str) -> bool:
        """Does ``candidate`` (the next line) go on with ``paragraph``?"""
        if self._label(candidate) is not None or _BULLET.match(candidate):
            return False
        if ends_sentence(paragraph):
            return False
        if ends_continuing(paragraph):
            return True
        if _KEY_COLON.match(candidate):
            return False
        if len(nonspace(last_line)) >= _LONG_LINE:
            return True
        if standalone_title(last_line) or _SPACED_CJK.search(last_line):
            return False
        return True

    def _split_heading(self, label: Label, index: int) -> tuple[str, str] | None:
        """(heading text, rest of the line) when the labelled line is a heading, else None."""
        rest = label.rest
        compact = nonspace(rest)
        if label.kind in ("chapter", "section"):
            return tidy(rest), ""
        if label.kind == "article":
            return "", rest
        if not compact:
            return "", ""
        if label.kind == "decimal" and len(compact) <= _LONG_LINE:
            return tidy(rest), ""
        if not any(ch in TERMINAL for ch in compact) and not ends_continuing(compact):
            if len(compact) <= _HEADING_MAX:
                return tidy(rest), ""
        match = _SENTENCE_END.search(rest)
        if match is None:
            return (tidy(rest), "") if label.kind == "decimal" else None
        first, remainder = rest[: match.end()], rest[match.end() :]
        if len(nonspace(first)) > _HEADING_MAX or _CLAUSE_MARK.search(first[:-1]):
            return (tidy(rest), "") if label.kind == "decimal" else None
        if remainder.strip():
            return tidy(first), remainder
        nxt = self._next_nonblank(index)
        if nxt is not None and "\t" not in self.lines[nxt][1]:
            following = self.lines[nxt][1].strip()
            if self._label(following) is None and not _BULLET.match(following):
                return tidy(first), ""
        return None

    def _next_nonblank(self, index: int) -> int | None:
        nxt = index + 1
        while nxt < len(self.lines) and not self.lines[nxt][1].strip():
            nxt += 1
        return nxt if nxt < len(self.lines) else None

    def _is_signature(self, index: int) -> bool:
        return self.signature is not None and index == self.signature[0]


def _printed_title(text: str) -> bool:
    compact = nonspace(text)
    if len(compact) > 60 or ends_sentence(compact) or _CLAUSE_MARK.search(compact):
        return False
    return True


def _glue(before: str, after: str) -> str:
    """Join two print lines: no space in Chinese, one space between Latin words."""
    if before and after and before[-1].isascii() and before[-1].isalnum():
        if after[0].isascii() and after[0].isalnum():
            return " " + after
    return after
