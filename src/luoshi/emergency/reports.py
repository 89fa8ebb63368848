"""The after-action report (总结评估报告) rendered as a Word document (content: ``after_action``).

The draft carries what the plan requires the report to contain (``assessment.contents``),
who writes it and by when, the level history, the reports filed against their limits,
the measures taken and the full timeline, each citing the plan's clause.
"""

from __future__ import annotations

from luoshi.core.documents import OfficialDocument
from luoshi.emergency.after_action import after_action
from luoshi.emergency.models import Incident


def filename(incident: Incident) -> str:
    return f"{incident.number}总结评估报告(草稿).docx"


def after_action_docx(incident: Incident) -> bytes:
    """The draft report as docx bytes, in the official form (no 版头: it is a draft)."""
    report = after_action(incident)
    doc = OfficialDocument(report.title)
    doc.paragraph(report.basis)
    doc.paragraph(report.duty)

    doc.heading1("事件基本情况")
    doc.table(None, report.basics, widths=[1, 3])
    if report.summary:
        doc.paragraph(report.summary)
    if report.facts:
        doc.paragraph("最新事实:")
        doc.table(None, report.facts, widths=[3, 1.5])
    doc.paragraph(report.grading)

    doc.heading1("应急响应过程")
    doc.table(["时间", "事项", "条款"], report.timeline)

    doc.heading1("信息报告情况")
    if report.missed:
        doc.paragraph(f"有{report.missed}项报告未按预案报送(漏报),见下表。")
    doc.table(["报告", "时限", "截止", "报送", "条款"], report.reports)

    doc.heading1("处置措施落实情况")
    doc.table(["条款", "措施", "落实情况"], report.measures)

    doc.heading1("评估内容(按预案要求)")
    for part in report.contents:
        doc.heading2(part)
        doc.paragraph("(待填写)")
    return doc.to_bytes()
