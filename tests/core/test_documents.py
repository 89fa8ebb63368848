"""The shared documents layer: the official Word form (GB/T 9704-2012) and the xlsx house style,
checked on the files themselves (python-docx / openpyxl)."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from luoshi.core.documents import (
    Column,
    OfficialDocument,
    chinese_date,
    content_disposition,
    house_workbook,
)
from luoshi.core.documents.formats import chinese_number, mime_type, typeset
from luoshi.core.documents.official import TEXT_WIDTH_TWIPS, title_lines


def sample() -> docx.document.Document:
    doc = OfficialDocument(
        "关于2020年第一季度督查督办工作情况的通报",
        issuer="晋城市人民政府督查室",
        number="晋督通〔2020〕3号",
        addressees="各县(市、区)人民政府,市直各有关单位",
    )
    doc.paragraph("现将有关情况通报如下。")
    doc.heading1("总体情况")
    doc.heading2("各单位落实情况")
    doc.heading3("按时报送")
    doc.heading4("市财政局")
    doc.heading1("下一步工作")
    doc.heading2("加强调度")
    doc.table(["单位", "事项数"], [["市财政局", 3], ["市发展和改革委员会", 12]], widths=[3, 1])
    doc.signature("晋城市人民政府督查室", dt.date(2020, 3, 31))
    return docx.Document(io.BytesIO(doc.to_bytes()))


def east_asian(paragraph) -> str:
    style = paragraph.style
    while style is not None:
        fonts = style.element.find(qn("w:rPr"))
        fonts = fonts.find(qn("w:rFonts")) if fonts is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
        style = style.base_style
    raise AssertionError(f"no East-Asian font for {paragraph.text}")


def by_text(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def test_page_is_a4_with_the_standard_margins_and_22_lines():
    document = sample()
    s = {k: round(getattr(document.sections[0], k).mm) for k in (
        "page_width", "page_height", "top_margin", "left_margin", "right_margin", "bottom_margin"
    )}  # fmt: skip
    assert (s["page_width"], s["page_height"]) == (210, 297)
    assert (s["top_margin"], s["left_margin"]) == (37, 28)  # 天头, 订口
    assert s["page_width"] - s["left_margin"] - s["right_margin"] == 156  # 版心 156 × 225 mm
    assert s["page_height"] - s["top_margin"] - s["bottom_margin"] == 225
    normal = document.styles["Normal"].paragraph_format
    assert 22 * normal.line_spacing.pt <= Mm(225).pt < 23 * normal.line_spacing.pt


def test_masthead_title_levels_and_signature_are_in_their_fonts():
    document = sample()
    issuer = document.paragraphs[0]
    assert issuer.text == "晋城市人民政府督查室"
    assert str(issuer.runs[0].font.color.rgb) == "FF0000"
    assert east_asian(issuer) == "方正小标宋简体"
    number = by_text(document, "晋督通")
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"  # the red rule under the 发文字号
    assert east_asian(by_text(document, "关于2020年")) == "方正小标宋简体"
    assert by_text(document, "各县").text.endswith("\uff1a")  # full-width colon
    assert east_asian(by_text(document, "一、总体情况")) == "黑体"
    assert east_asian(by_text(document, "\uff08一\uff09各单位落实情况")) == "楷体_GB2312"
    assert east_asian(by_text(document, "1.按时报送")) == "仿宋_GB2312"
    assert east_asian(by_text(document, "\uff081\uff09市财政局")) == "仿宋_GB2312"
    assert by_text(document, "二、下一步工作") and by_text(
        document, "\uff08一\uff09加强调度"
    )  # renumbered
    assert east_asian(by_text(document, "现将")) == "仿宋_GB2312"
    assert document.paragraphs[-1].text == "2020年3月31日"
    names = {p.style.name for p in document.paragraphs}
    assert not any(name.startswith("Heading") or name == "Title" for name in names)


def test_fonts_have_fallbacks_and_page_numbers_sit_on_the_outer_side():
    document = sample()
    table = next(
        p for p in document.part.package.parts if str(p.partname).endswith("fontTable.xml")
    )
    assert '<w:altName w:val="仿宋"/>' in table.blob.decode()
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text.startswith("— ") and odd.text.endswith(" —")
    assert (odd.alignment, even.alignment) == (2, 0)  # right on odd pages, left on even pages
    assert "PAGE" in odd._p.xml


def test_tables_span_the_text_width_with_a_repeated_header():
    document = sample()
    table = document.tables[0]
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(widths) == TEXT_WIDTH_TWIPS and widths[0] == 3 * widths[1] + (widths[0] % 3)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1].cells[1].paragraphs[0].alignment == 1  # numbers centred


def test_body_text_gets_chinese_punctuation():
    assert typeset("截至3月,共2项(其中1项逾期):9:05") == (
        "截至3月\uff0c共2项\uff08其中1项逾期\uff09\uff1a9:05"
    )
    assert typeset("1,000 and 1/1") == "1,000 and 1/1"


@given(st.integers(2, 60))
def test_long_titles_break_into_balanced_lines(n):
    title = "关于" + "督查督办工作" * n + "情况的通报"
    lines = title_lines(title)
    assert "".join(lines) == title
    assert all(len(line) <= 20 for line in lines)
    assert max(map(len, lines)) - min(map(len, lines)) <= 6 or len(lines[-1]) < 20


def test_chinese_forms():
    assert chinese_date(dt.date(2020, 3, 1)) == "2020年3月1日"
    assert [chinese_number(n) for n in (1, 10, 11, 20, 23)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十三",
    ]
    assert mime_type("表.xlsx").endswith("spreadsheetml.sheet")
    header = content_disposition("2020年第1季度督查通报.docx")
    assert header.startswith('attachment; filename="download.docx"; ') and header.isascii()
    assert header.endswith("filename*=UTF-8''2020%E5%B9%B4%E7%AC%AC1%E5%AD%A3%E5%BA%A6"
                           "%E7%9D%A3%E6%9F%A5%E9%80%9A%E6%8A%A5.docx")  # fmt: skip
    assert content_disposition("CAP-1.xml", inline=True).startswith('inline; filename="CAP-1.xml"')


def workbook_of(rows, columns=None):
    columns = columns or [
        Column("事项"),
        Column("截止日期", kind="date"),
        Column("进度", 8, "integer"),
    ]
    book = load_workbook(io.BytesIO(house_workbook("测试台账", columns, rows, note="统计截至…")))
    return book.active


def test_house_workbook_layout_and_print_setup():
    sheet = workbook_of([["甲", dt.date(2020, 3, 31), 30], ["乙", None, 5]])
    assert sheet["A1"].value == "测试台账" and "A1:D1" in sheet.merged_cells
    assert [c.value for c in sheet[3]] == ["序号", "事项", "截止日期", "进度"]
    assert sheet.freeze_panes == "B4" and sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    cell = sheet["B4"]
    assert cell.font.name == "宋体" and cell.alignment.wrap_text and cell.border.left.style
    assert [sheet[f"A{r}"].value for r in (4, 5)] == [1, 2]
    assert sheet["C4"].is_date and sheet["C4"].value.date() == dt.date(2020, 3, 31)
    assert isinstance(sheet["D4"].value, int)
    assert sheet.column_dimensions["B"].width >= 8


@given(
    st.sampled_from(["=", "+", "-", "@", "\t"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
)
def test_text_that_looks_like_a_formula_stays_text(start, rest):
    sheet = workbook_of([[start + rest, None, 1]])
    cell = sheet["B4"]
    assert cell.data_type == "s" and cell.quotePrefix
    assert cell.value == start + rest  # exactly as written, readable back by an import


def test_control_characters_are_dropped():
    assert workbook_of([["=A1\x00\x1b续", None, 1]])["B4"].value == "=A1续"


def test_rows_must_match_the_columns():
    with pytest.raises(ValueError):
        workbook_of([["甲"]])
