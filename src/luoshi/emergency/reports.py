"""The after-action report (总结评估报告) drafted as a Word document from the incident's timeline.

The draft carries what the plan requires the report to contain (``assessment.contents``),
who writes it and by when, the level history, the reports filed against their limits,
the measures taken and the full timeline, each citing the plan's clause.
"""

from __future__ import annotations

import io
from urllib.parse import quote

from docx import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from luoshi.core import clock
from luoshi.emergency.levels import chinese_level
from luoshi.emergency.models import Incident
from luoshi.emergency.playbook import load_playbook

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _fmt(moment: object) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(clock.local_zone()).strftime("%Y-%m-%d %H:%M")  # type: ignore[attr-defined]


def filename(incident: Incident) -> str:
    return quote(f"{incident.number}总结评估报告(草稿).docx")


def after_action_docx(incident: Incident) -> bytes:
    """The draft report as docx bytes."""
    playbook = load_playbook(incident.plan_id)
    assessment = playbook.assessment
    doc = Docx()
    style = doc.styles["Normal"]
    style.font.size = Pt(11)
    title = doc.add_heading(f"{incident.title}应急处置总结评估报告(草稿)", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(
        f"依据:{playbook.title}({playbook.document})第{assessment.ref}条:{assessment.text}"
    )
    due = _fmt(incident.assessment_due_at) if incident.assessment_due_at else assessment.within_text
    doc.add_paragraph(f"报告主体:{assessment.by};报送期限:{due}。")

    doc.add_heading("一、事件基本情况", level=1)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    rows = [
        ("事件编号", incident.number),
        ("事发时间", _fmt(incident.occurred_at)),
        ("事发地点", f"{incident.county}{incident.place}"),
        ("报告人", incident.reporter),
        ("接报时间", _fmt(incident.reported_at)),
        ("响应级别", incident.level_label),
        ("启动响应", _fmt(incident.launched_at)),
        ("终止响应", _fmt(incident.stood_down_at)),
    ]
    for key, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value
    if incident.summary:
        doc.add_paragraph(incident.summary)
    clauses = incident.proposal.get("clauses", [])
    if clauses:
        doc.add_paragraph("分级依据:" + ";".join(f"{c['ref']} {c['text']}" for c in clauses))

    doc.add_heading("二、应急响应过程", level=1)
    for entry in incident.timeline.select_related("actor").order_by("at", "id"):
        who = f"({entry.actor})" if entry.actor else ""
        ref = f" [{entry.ref}]" if entry.ref else ""
        doc.add_paragraph(f"{_fmt(entry.at)} {entry.summary}{who}{ref}", style="List Bullet")

    doc.add_heading("三、信息报告情况", level=1)
    grid = doc.add_table(rows=1, cols=5)
    grid.style = "Table Grid"
    for cell, text in zip(
        grid.rows[0].cells, ("报告", "时限", "截止", "报送", "条款"), strict=True
    ):
        cell.text = text
    now = clock.now()
    for c in incident.clocks.all():
        status = c.status(now)
        cells = grid.add_row().cells
        cells[0].text = c.name
        cells[1].text = c.within_text
        cells[2].text = _fmt(c.due_at)
        cells[3].text = f"{_fmt(c.filed_at)} {status.label}" if c.filed_at else status.label
        cells[4].text = c.ref

    doc.add_heading("四、处置措施落实情况", level=1)
    for item in incident.checklist.all():
        done = f"已落实({_fmt(item.done_at)})" if item.done_at else "未记录落实"
        doc.add_paragraph(f"{item.ref} {item.text} —— {done}", style="List Bullet")

    doc.add_heading("五、评估内容(按预案要求)", level=1)
    for n, part in enumerate(assessment.contents or ("总结评估",), start=1):
        doc.add_heading(f"{n}. {part}", level=2)
        doc.add_paragraph("(待填写)")
    if incident.level and incident.level != "none":
        doc.add_paragraph(f"本次响应级别:{chinese_level(incident.level)}。")  # type: ignore[arg-type]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
