"""The printable 重点项目事项处置卡 in the layout of the official form (晋市政办〔2020〕18号 附件).

Layout, as in the attachment: the title, 填报时间, then a table: 项目名称 / 建设单位 / 联系方式
across the full width, and two rows of two boxes: 事项基本情况 | 市重点办处理建议 and
分管市长批示意见 | 责任单位事项落实情况.
"""

from __future__ import annotations

import io

from luoshi.core import clock
from luoshi.express.models import Card


def filed_date_text(card: Card) -> str:
    day = card.filed_at.astimezone(clock.local_zone())
    return f"{day.year}年{day.month}月{day.day}日"


def card_rows(card: Card) -> dict[str, object]:
    """The fields of the official form, in order, for the HTML and docx renderings."""
    return {
        "filed": filed_date_text(card),
        "lines": [
            ("项目名称", card.project_name),
            ("建设单位", card.builder),
            ("联系方式", card.contact),
        ],
        "boxes": [
            (("事项基本情况", card.situation), ("市重点办处理建议", card.advice)),
            (("分管市长批示意见", card.instruction), ("责任单位事项落实情况", card.result)),
        ],
    }


def as_docx(card: Card) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    rows = card_rows(card)
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    normal = doc.styles["Normal"]
    normal.font.name = "仿宋"
    normal.font.size = Pt(12)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("重点项目事项处置卡")
    run.bold = True
    run.font.size = Pt(22)
    meta = doc.add_paragraph(f"填报时间:{rows['filed']}")
    meta.add_run(f"\t\t编号:{card.number}").font.size = Pt(10)

    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label, value in rows["lines"]:  # type: ignore[attr-defined]
        cells = table.add_row().cells
        cells[0].text = label
        merged = cells[1].merge(cells[3])
        merged.text = value
    for (left_label, left), (right_label, right) in rows["boxes"]:  # type: ignore[attr-defined]
        heads = table.add_row().cells
        heads[0].merge(heads[1]).text = left_label
        heads[2].merge(heads[3]).text = right_label
        bodies = table.add_row()
        bodies.height = Cm(6)
        cells = bodies.cells
        cells[0].merge(cells[1]).text = left or ""
        cells[2].merge(cells[3]).text = right or ""
    for row in table.rows:
        row.cells[0].width = Cm(3)
    foot = doc.add_paragraph()
    foot.add_run(
        f"责任单位:{card.responsible_unit or '—'}  办理负责人:{card.handler or '—'}  "
        f"责任科室:{card.section or '—'}  状态:{card.get_state_display()}"
    ).font.size = Pt(9)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
