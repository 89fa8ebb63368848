"""The shared builders rendered by LibreOffice: A4 pages, tables inside the 版心 even when they
are long or wide, each level in its font, page numbers on the outer side."""

from __future__ import annotations

import datetime as dt

from luoshi.core.documents import Column, OfficialDocument, house_workbook

MM = 72 / 25.4


def long_document() -> bytes:
    doc = OfficialDocument(
        "关于2020年第二季度重点工作任务落实情况的通报", issuer="晋城市人民政府督查室"
    )
    doc.heading1("总体情况")
    doc.paragraph("截至2020年6月30日,纳入督办的事项共578项次。" * 4)
    doc.heading2("各单位落实情况")
    rows = [[f"市第{i}局", i, i % 3, i % 5, f"{i}/{i + 1}"] for i in range(1, 60)]
    doc.table(["责任单位", "事项数", "已销号", "逾期", "按时报送"], rows)
    wide = [["很长的单位名称" * 4, "很长的事项内容" * 20, "2020年3月31日"]]
    doc.table(["单位", "事项", "时限"], wide)
    doc.signature("晋城市人民政府督查室", dt.date(2020, 7, 1))
    return doc.to_bytes()


def test_official_document_renders_on_a4_inside_the_text_area(render_pdf):
    pdf = render_pdf(long_document(), "official.docx")
    pdf.check_official()
    assert len(pdf.sizes) >= 3
    assert any("NotoSansCJK" in f for f in pdf.fonts_of("一、总体情况"))  # 黑体
    assert any("UKai" in f for f in pdf.fonts_of("\uff08一\uff09各单位落实情况"))  # 楷体
    assert any("NotoSerifCJK" in f for f in pdf.fonts_of("截至2020年6月30日"))  # 仿宋
    assert pdf.text.count("责任单位事项数") >= 2  # the header repeats on the next page
    first = [c for c in pdf.chars if c["page"] == 0]
    red = [c for c in first if c["text"] == "晋"][0]["non_stroking_color"]
    assert tuple(round(v, 2) for v in red[:3]) == (1.0, 0.0, 0.0)  # 红头
    for page, side in ((0, "right"), (1, "left")):
        dash = [c for c in pdf.chars if c["page"] == page and c["text"] == "—"]
        assert dash and dash[0]["top"] > 297 * MM - 35 * MM  # below the 版心
        middle = 105 * MM
        assert (dash[0]["x0"] > middle) == (side == "right")


def test_house_workbook_prints_on_a4_landscape_fitted_to_width(render_pdf):
    columns = [Column(f"第{i}列", 30) for i in range(12)] + [Column("日期", kind="date")]
    rows = [
        [f"文本{r}-{i}" * 3 for i in range(12)] + [dt.date(2020, 3, r % 28 + 1)] for r in range(400)
    ]
    pdf = render_pdf(house_workbook("宽表", columns, rows), "wide.xlsx")
    pdf.check_sheet()
    assert "2020年3月2日" in pdf.text  # dates shown in Chinese form
    assert pdf.text.count("序号") >= 2  # the header row printed on every page
