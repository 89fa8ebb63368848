"""The after-action report (总结评估报告) drafted as a Word document from the incident's timeline.

The draft carries what the plan requires the report to contain (``assessment.contents``),
who writes it and by when, the level history, the reports filed against their limits,
the measures taken and the full timeline, each citing the plan's clause.
"""

from __future__ import annotations

import datetime as dt

from luoshi.core import clock
from luoshi.core.documents import OfficialDocument, chinese_datetime
from luoshi.emergency.levels import chinese_level
from luoshi.emergency.models import Incident
from luoshi.emergency.playbook import load_playbook


def _fmt(moment: dt.datetime | None) -> str:
    if moment is None:
        return "—"
    return chinese_datetime(moment.astimezone(clock.local_zone()))


def filename(incident: Incident) -> str:
    return f"{incident.number}总结评估报告(草稿).docx"


def after_action_docx(incident: Incident) -> bytes:
    """The draft report as docx bytes, in the official form (no 版头: it is a draft)."""
    playbook = load_playbook(incident.plan_id)
    assessment = playbook.assessment
    doc = OfficialDocument(f"{incident.title}\n应急处置总结评估报告(草稿)")
    doc.paragraph(
        f"依据:{playbook.title}({playbook.document})第{assessment.ref}条:{assessment.text}"
    )
    due = _fmt(incident.assessment_due_at) if incident.assessment_due_at else assessment.within_text
    doc.paragraph(f"报告主体:{assessment.by};报送期限:{due}。")

    doc.heading1("事件基本情况")
    doc.table(None, [
        ("事件编号", incident.number),
        ("事发时间", _fmt(incident.occurred_at)),
        ("事发地点", f"{incident.county}{incident.place}"),
        ("报告人", incident.reporter),
        ("接报时间", _fmt(incident.reported_at)),
        ("响应级别", incident.level_label),
        ("启动响应", _fmt(incident.launched_at)),
        ("终止响应", _fmt(incident.stood_down_at)),
    ], widths=[1, 3])  # fmt: skip
    if incident.summary:
        doc.paragraph(incident.summary)
    clauses = incident.proposal.get("clauses", [])
    if clauses:
        doc.paragraph("分级依据:" + ";".join(f"{c['ref']} {c['text']}" for c in clauses))

    doc.heading1("应急响应过程")
    timeline = []
    for entry in incident.timeline.select_related("actor").order_by("at", "id"):
        who = f"({entry.actor})" if entry.actor else ""
        timeline.append([_fmt(entry.at), f"{entry.summary}{who}", entry.ref or ""])
    doc.table(["时间", "事项", "条款"], timeline, widths=[3, 8, 1.6])

    doc.heading1("信息报告情况")
    now = clock.now()
    filed = []
    for c in incident.clocks.all():
        status = c.status(now)
        shown = f"{_fmt(c.filed_at)} {status.label}" if c.filed_at else status.label
        filed.append([c.name, c.within_text, _fmt(c.due_at), shown, c.ref])
    doc.table(["报告", "时限", "截止", "报送", "条款"], filed, widths=[3, 2, 3, 3.5, 1.6])

    doc.heading1("处置措施落实情况")
    measures = [
        [item.ref, item.text, f"已落实({_fmt(item.done_at)})" if item.done_at else "未记录落实"]
        for item in incident.checklist.all()
    ]
    doc.table(["条款", "措施", "落实情况"], measures, widths=[1.6, 8, 3])

    doc.heading1("评估内容(按预案要求)")
    for part in assessment.contents or ("总结评估",):
        doc.heading2(part)
        doc.paragraph("(待填写)")
    if incident.level and incident.level != "none":
        doc.paragraph(f"本次响应级别:{chinese_level(incident.level)}。")  # type: ignore[arg-type]
    return doc.to_bytes()
