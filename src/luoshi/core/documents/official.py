"""Word documents in the official form of GB/T 9704-2012 党政机关公文格式.

Page: A4, 天头 (top margin) 37 mm, 订口 (left margin) 28 mm, a 156 × 225 mm 版心 of 22 lines
× 28 characters. 版头: the issuing body (发文机关标志) in red 方正小标宋简体 35 mm below the top of
the 版心, the 发文字号 two lines below it, a red rule across the 版心 4 mm under the number. Then
the title in 二号小标宋, the 主送机关, the body in 三号仿宋_GB2312 with its levels 一、(黑体)
› (一)(楷体_GB2312) › 1. › (1) (仿宋), the 落款 with the 成文日期 written 2020年3月31日, and
page numbers "— 1 —" in 四号宋体 on the outer side (odd pages right, even pages left).

Usage::

    doc = OfficialDocument(title="关于……的通报", issuer="晋城市人民政府督查室",
                           number="晋督通〔2020〕3号", addressees="各县(市、区)人民政府:")
    doc.heading1("总体情况")          # 一、总体情况
    doc.paragraph("截至……")
    doc.table(["单位", "事项数"], [["市财政局", 3]], widths=[3, 1])
    doc.signature("晋城市人民政府督查室", dt.date(2020, 7, 1))
    data = doc.to_bytes()

Without ``issuer`` the document has no 版头 (forms such as the 处置卡, drafts).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.shared import Mm, Pt, RGBColor

from luoshi.core.documents import wordml
from luoshi.core.documents.formats import chinese_date, chinese_number, typeset
from luoshi.core.documents.workbook import text_width

TEXT_WIDTH_MM, TEXT_HEIGHT_MM = 156, 225
TOP_MM, LEFT_MM = 37, 28
LINES, CHARS = 22, 28
BODY_PT = 16  # 三号
TABLE_PT = 12  # 小四
LINE_PITCH_PT = 28.9  # 225 mm / 22 lines, rounded down so that 22 lines always fit
CHAR_PITCH_PT = BODY_PT - 0.25  # 28 characters in 156 mm (442 pt)
TEXT_WIDTH_TWIPS = int(Mm(TEXT_WIDTH_MM).twips)
RED = RGBColor(0xFF, 0x00, 0x00)

TITLE_FONT, BODY_FONT, HEI, KAI, SONG = (
    "方正小标宋简体",
    "仿宋_GB2312",
    "黑体",
    "楷体_GB2312",
    "宋体",
)


class OfficialDocument:
    """One document in the official form; add parts in reading order, then ``to_bytes()``."""

    def __init__(
        self,
        title: str,
        *,
        issuer: str | None = None,
        number: str | None = None,
        addressees: str | None = None,
    ) -> None:
        self._doc: Any = Document()
        self._counters = [0, 0, 0, 0]
        self._page_setup()
        self._styles()
        wordml.add_font_fallbacks(self._doc)
        self._doc.core_properties.title = title
        self._doc.core_properties.author = issuer or ""
        body = self._doc.element.body
        for paragraph in list(body.iterchildren()):
            if paragraph.tag.endswith("}p"):
                body.remove(paragraph)
        if issuer:
            self._masthead(issuer, number)
        elif number:
            self._add(number, "GW Number")
        self._title(title)
        if addressees:
            self._add(addressees.rstrip(":\uff1a") + "\uff1a", "GW Addressee")

    # -- page and styles -----------------------------------------------------------------------

    def _page_setup(self) -> None:
        section = self._doc.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.left_margin = Mm(TOP_MM), Mm(LEFT_MM)
        section.right_margin = Mm(210 - LEFT_MM - TEXT_WIDTH_MM)
        section.bottom_margin = Mm(297 - TOP_MM - TEXT_HEIGHT_MM)
        section.header_distance = Mm(15)
        section.footer_distance = Mm(23)  # the page number's line 7 mm below the 版心
        wordml.set_line_grid(section, round(LINE_PITCH_PT * 20))
        self._doc.settings.odd_and_even_pages_header_footer = True
        self._page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
        self._page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)

    def _page_number(self, footer: Any, side: WD_ALIGN_PARAGRAPH) -> None:
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = self._doc.styles["Normal"]
        paragraph.alignment = side
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if side == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(14)  # 单页码居右空一字
        else:
            fmt.left_indent = Pt(14)  # 双页码居左空一字
        for part in ("— ", None, " —"):
            run = paragraph.add_run(part) if part else wordml.page_field(paragraph)
            run.font.size = Pt(14)  # 四号
            wordml.set_fonts(run._r, SONG, SONG)

    def _styles(self) -> None:
        wordml.set_defaults(self._doc, BODY_FONT, BODY_PT)
        normal = self._doc.styles["Normal"]
        wordml.set_fonts(normal.element, BODY_FONT)
        normal.font.size = Pt(BODY_PT)
        normal.font.color.rgb = RGBColor(0, 0, 0)
        # 28 characters of 三号 need 15.79 pt each in the 156 mm line: condense by a quarter
        # point (a character grid would do it in Word but spreads the text in LibreOffice/WPS).
        wordml.character_spacing(normal.element, twentieths=-5)
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PITCH_PT)
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.widow_control = True
        wordml.no_hanging_punctuation(normal)
        indent = Pt(2 * CHAR_PITCH_PT)
        self._style("GW Body", BODY_FONT, first_line=indent)
        self._style("GW Heading 1", HEI, first_line=indent, outline=0)
        self._style("GW Heading 2", KAI, first_line=indent, outline=1)
        self._style("GW Heading 3", BODY_FONT, first_line=indent, outline=2)
        self._style("GW Heading 4", BODY_FONT, first_line=indent, outline=3)
        self._style("GW Addressee", BODY_FONT)
        self._style("GW Signature", BODY_FONT, align=WD_ALIGN_PARAGRAPH.RIGHT)
        # Display lines and tables keep their own spacing instead of the body's grid.
        center = WD_ALIGN_PARAGRAPH.CENTER
        for style in (
            self._style("GW Title", TITLE_FONT, size=22, align=center, line=36),
            self._style("GW Issuer", TITLE_FONT, size=36, align=center, line=0),
            self._style("GW Number", BODY_FONT, align=center),
            self._style("GW Caption", HEI, align=center),
            self._style(
                "GW Table", BODY_FONT, size=TABLE_PT, line=20, align=WD_ALIGN_PARAGRAPH.LEFT
            ),
            self._style("GW Table Head", HEI, size=TABLE_PT, line=20, align=center),
        ):
            wordml.snap_to_grid(style, False)
        wordml.no_space_around_latin(self._doc.styles["GW Title"])

    def _style(
        self,
        name: str,
        font: str,
        *,
        size: float = BODY_PT,
        first_line: Any = None,
        align: WD_ALIGN_PARAGRAPH | None = None,
        line: float | None = None,
        outline: int | None = None,
    ) -> Any:
        style = self._doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self._doc.styles["Normal"]
        style.quick_style = True
        wordml.set_fonts(style.element, font)
        style.font.size = Pt(size)
        fmt = style.paragraph_format
        if first_line is not None:
            fmt.first_line_indent = first_line
        if align is not None:
            fmt.alignment = align
        if line == 0:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        elif line is not None:
            fmt.line_spacing = Pt(line)
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        if outline is not None:
            wordml.outline_level(style, outline)
            fmt.keep_with_next = True
        return style

    # -- 版头, title --------------------------------------------------------------------------

    def _masthead(self, issuer: str, number: str | None) -> None:
        mark = self._add(issuer, "GW Issuer")
        size = min(36.0, Mm(TEXT_WIDTH_MM).pt * 0.9 / max(1.0, text_width(issuer) / 2))
        mark.runs[0].font.size = Pt(size)
        mark.runs[0].font.color.rgb = RED
        mark.paragraph_format.space_before = Mm(35) - Pt(size)  # top edge 35 mm below the 版心
        self._blank(2)
        rule = self._add(number or "", "GW Number")
        wordml.bottom_rule(rule, "FF0000", eighths=12, space_pt=11)  # 4 mm under the number
        self._blank(2)

    def _title(self, title: str) -> None:
        paragraph = self._doc.add_paragraph(style="GW Title")
        lines = [part for line in typeset(title).split("\n") for part in title_lines(line)]
        for i, line in enumerate(lines):
            if i:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            paragraph.add_run(line)
        self._blank(1)

    def _blank(self, lines: int) -> None:
        for _ in range(lines):
            self._doc.add_paragraph()

    def _add(self, text: str, style: str) -> Any:
        return self._doc.add_paragraph(typeset(text), style=style)

    # -- body ------------------------------------------------------------------------------------

    def _heading(self, level: int, text: str) -> Any:
        self._counters[level - 1] += 1
        for deeper in range(level, len(self._counters)):
            self._counters[deeper] = 0
        n = self._counters[level - 1]
        label = {
            1: f"{chinese_number(n)}、",
            2: f"\uff08{chinese_number(n)}\uff09",  # (一), full-width
            3: f"{n}.",
            4: f"\uff08{n}\uff09",
        }[level]
        return self._add(label + text, f"GW Heading {level}")

    def heading1(self, text: str) -> Any:
        """一、 level (黑体), numbered in order."""
        return self._heading(1, text)

    def heading2(self, text: str) -> Any:
        """(一) level (楷体), numbered within its 一、."""
        return self._heading(2, text)

    def heading3(self, text: str) -> Any:
        """1. level (仿宋)."""
        return self._heading(3, text)

    def heading4(self, text: str) -> Any:
        """(1) level (仿宋)."""
        return self._heading(4, text)

    def paragraph(self, text: str, *, indent: bool = True, align: str | None = None) -> Any:
        """A body paragraph (三号仿宋, first line indented two characters)."""
        paragraph = self._add(text, "GW Body" if indent else "Normal")
        if align:
            paragraph.alignment = {
                "left": WD_ALIGN_PARAGRAPH.LEFT,
                "center": WD_ALIGN_PARAGRAPH.CENTER,
                "right": WD_ALIGN_PARAGRAPH.RIGHT,
            }[align]
        return paragraph

    def table(
        self,
        headers: Sequence[str] | None,
        rows: Sequence[Sequence[object]],
        *,
        widths: Sequence[float] | None = None,
        caption: str | None = None,
    ) -> Any:
        """A table across the 版心 width: columns in proportion to ``widths`` (fitted to the
        content when None), 小四仿宋 with a 黑体 header repeated on every page; numbers centred.
        Returns the python-docx table (to merge cells of a form)."""
        if caption:
            self._add(caption, "GW Caption")
        count = len(headers) if headers else max((len(r) for r in rows), default=1)
        twips = column_twips(widths or content_widths(headers, rows, count))
        table = self._doc.add_table(rows=0, cols=count)
        if headers:
            cells = table.add_row().cells
            for cell, text in zip(cells, headers, strict=True):
                self._cell(cell, text, "GW Table Head", WD_ALIGN_PARAGRAPH.CENTER)
            wordml.repeat_header(table.rows[0])
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=False):
                numeric = isinstance(value, int | float) and not isinstance(value, bool)
                align = WD_ALIGN_PARAGRAPH.CENTER if numeric else WD_ALIGN_PARAGRAPH.LEFT
                self._cell(cell, "" if value is None else str(value), "GW Table", align)
        wordml.fix_table_geometry(table, twips)
        return table

    def _cell(self, cell: Any, text: str, style: str, align: WD_ALIGN_PARAGRAPH) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.style = self._doc.styles[style]
        paragraph.alignment = align
        for i, line in enumerate(typeset(text).split("\n")):
            if i:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            paragraph.add_run(line)
        wordml.center_vertically(cell)

    def page_break(self) -> None:
        self._doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def signature(self, issuer: str, day: dt.date) -> None:
        """落款 without a seal: one blank line, the issuer 右空二字, the 成文日期 below it with its
        first character two characters right of the issuer's (GB/T 9704-2012 7.3.5.2)."""
        date = chinese_date(day)
        issuer_chars, date_chars = text_width(issuer) / 2, text_width(date) / 2
        issuer_right = max(2.0, date_chars + 4 - issuer_chars)
        date_right = issuer_right + issuer_chars - 2 - date_chars
        self._blank(1)
        for text, right in ((issuer, issuer_right), (date, date_right)):
            paragraph = self._add(text, "GW Signature")
            paragraph.paragraph_format.right_indent = Pt(right * CHAR_PITCH_PT)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self._doc.save(buffer)
        return buffer.getvalue()


SHORT = 10  # characters of a value that should not wrap (2020年3月31日 9:05)
TITLE_CHARS = 19.5  # 二号 characters in the 156 mm line (20 at most)
_GOOD_BREAKS = "的于和与及、"


def title_lines(title: str) -> list[str]:
    """A title too long for one line split into balanced lines (the standard's 梯形), at a
    word boundary where one is near (after 的/于/和/与/及/、, before a parenthesis)."""
    width = text_width(title) / 2
    if width <= TITLE_CHARS:
        return [title]
    best, cost = len(title) // 2, float("inf")
    for i in range(1, len(title)):
        head, tail = text_width(title[:i]) / 2, text_width(title[i:]) / 2
        if head > TITLE_CHARS:
            break
        good = title[i - 1] in _GOOD_BREAKS or title[i] == "\uff08"
        quoted = title[:i].count("\u201c") > title[:i].count("\u201d")  # inside “…”
        candidate = abs(head - tail) + (0 if good else 3) + (100 if tail > TITLE_CHARS else 0)
        candidate += 20 if quoted else 0
        if candidate < cost:
            best, cost = i, candidate
    return [title[:best], *title_lines(title[best:])]


def content_widths(
    headers: Sequence[str] | None, rows: Sequence[Sequence[object]], count: int
) -> list[float]:
    """Relative column widths from the content: every column at least as wide as its header and
    its short values (dates, times, numbers, short names: they should not break), the
    rest of the line shared in proportion to how much longer each column's text is."""
    line = Mm(TEXT_WIDTH_MM).pt / TABLE_PT - count * 0.9  # characters, less the cell padding
    lows, wants = [], []
    for i in range(count):
        sizes = [text_width(str(r[i])) / 2 for r in rows if i < len(r) and r[i] is not None]
        head = text_width(headers[i]) / 2 if headers else 0
        low = max([head, 2.0, *(w for w in sizes if w <= SHORT)]) + 0.6  # rounding, CJK spacing
        lows.append(low)
        wants.append(max(low, min(40.0, max(sizes, default=0))))
    spare = line - sum(lows)
    extra = [want - low for want, low in zip(wants, lows, strict=True)]
    if spare <= 0 or not sum(extra):
        return lows
    return [low + spare * e / sum(extra) for low, e in zip(lows, extra, strict=True)]


def column_twips(weights: Sequence[float]) -> list[int]:
    """Column widths in twips summing to the 版心 width."""
    total = sum(weights)
    twips = [int(TEXT_WIDTH_TWIPS * w / total) for w in weights]
    twips[-1] += TEXT_WIDTH_TWIPS - sum(twips)
    return twips
