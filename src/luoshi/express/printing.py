"""The printable 重点项目事项处置卡 in the layout of the official form (晋市政办〔2020〕18号 附件).

Layout, as in the attachment: the title, 填报时间, then a table: 项目名称 / 建设单位 / 联系方式
across the full width, and two rows of two boxes: 事项基本情况 | 市重点办处理建议 and
分管市长批示意见 | 责任单位事项落实情况.
"""

from __future__ import annotations

from luoshi.core import clock
from luoshi.core.documents import OfficialDocument
from luoshi.core.documents.wordml import merge
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
    """The card in the official form's layout (A4, 版心 per GB/T 9704, 仿宋 boxes)."""
    from docx.shared import Cm

    rows = card_rows(card)
    doc = OfficialDocument("重点项目事项处置卡")
    doc.paragraph(f"填报时间:{rows['filed']}    编号:{card.number}", indent=False)
    grid: list[list[object]] = [[label, value, "", ""] for label, value in rows["lines"]]  # type: ignore[attr-defined]
    for (left_label, left), (right_label, right) in rows["boxes"]:  # type: ignore[attr-defined]
        grid.append([left_label, "", right_label, ""])
        grid.append([left or "", "", right or "", ""])
    table = doc.table(None, grid, widths=[2.6, 4.4, 2.6, 4.4])
    lines = len(rows["lines"])  # type: ignore[arg-type]
    for i, row in enumerate(table.rows):
        cells = row.cells
        if i < lines:
            merge(cells[1], cells[3])
            continue
        merge(cells[0], cells[1])
        merge(cells[2], cells[3])
        if (i - lines) % 2:
            row.height = Cm(6)  # the boxes to write in
    doc.paragraph(
        f"责任单位:{card.responsible_unit or '—'}  办理负责人:{card.handler or '—'}  "
        f"责任科室:{card.section or '—'}  状态:{card.get_state_display()}",
        indent=False,
    )
    return doc.to_bytes()
