"""What the after-action report (总结评估报告) says, apart from how it is printed.

Built from the incident as it stands at the end: its latest facts and grading, the whole
timeline, every report clock (a report never filed is marked 漏报 once it fell due or the
response ended), and the measures. :mod:`luoshi.emergency.reports` renders it as a document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from luoshi.core import clock
from luoshi.core.documents import chinese_datetime
from luoshi.emergency.models import Incident, ReportClock
from luoshi.emergency.playbook import Assessment, load_playbook
from luoshi.emergency.wording import facts_rows

MISSED = "未报送(漏报)"


def moment(value: dt.datetime | None) -> str:
    return "—" if value is None else chinese_datetime(value.astimezone(clock.local_zone()))


@dataclass(frozen=True)
class AfterAction:
    title: str
    basis: str
    duty: str
    basics: list[tuple[str, str]]
    summary: str
    facts: list[tuple[str, str]]
    grading: str
    timeline: list[list[str]]
    reports: list[list[str]]
    missed: int
    measures: list[list[str]]
    contents: tuple[str, ...]
    assessment: Assessment


def report_state(c: ReportClock, incident: Incident, now: dt.datetime, filings: int) -> str:
    """报送情况 of one clock: filed (on time or late), still running, or missed."""
    status = c.status(now)
    if c.filed_at is not None:
        return f"{moment(c.filed_at)} {status.label}"
    if c.within == "ongoing":
        return f"续报{filings}次" if filings else "未续报"
    overdue = c.due_at is not None and c.due_at < now
    if overdue or (not incident.is_open and c.phase != "final"):
        return MISSED
    return status.label


def after_action(incident: Incident) -> AfterAction:
    playbook = load_playbook(incident.plan_id)
    assessment, now = playbook.assessment, clock.now()
    entries = list(incident.timeline.select_related("actor").order_by("at", "id"))
    filings: dict[int, int] = {}
    for e in entries:
        if e.kind == "report_filed" and isinstance(e.data, dict) and "clock" in e.data:
            filings[e.data["clock"]] = filings.get(e.data["clock"], 0) + 1
    reports = [
        [
            c.name,
            c.within_text,
            moment(c.due_at),
            report_state(c, incident, now, filings.get(c.pk, 0)),
            c.ref,
        ]
        for c in incident.clocks.all()
    ]
    clauses = incident.proposal.get("clauses", [])
    due = (
        moment(incident.assessment_due_at) if incident.assessment_due_at else assessment.within_text
    )
    return AfterAction(
        title=f"{incident.title}\n应急处置总结评估报告(草稿)",
        basis=f"依据:{playbook.title}({playbook.document})第{assessment.ref}条:{assessment.text}",
        duty=f"报告主体:{assessment.by};报送期限:{due}。",
        basics=[
            ("事件编号", incident.number),
            ("事发时间", moment(incident.occurred_at)),
            ("事发地点", f"{incident.county}{incident.place}"),
            ("报告人", incident.reporter),
            ("接报时间", moment(incident.reported_at)),
            ("响应级别", incident.level_label),
            ("启动响应", moment(incident.launched_at)),
            ("终止响应", moment(incident.stood_down_at)),
        ],
        summary=incident.summary,
        facts=facts_rows(incident.facts),
        grading=(
            f"按最新事实研判为{incident.proposed_label}"
            + (":" + ";".join(f"{c['ref']} {c['text']}" for c in clauses) if clauses else "。")
        ),
        timeline=[
            [moment(e.at), e.summary + (f"({e.actor})" if e.actor else ""), e.ref or ""]
            for e in entries
        ],
        reports=reports,
        missed=sum(1 for r in reports if r[3] == MISSED),
        measures=[
            [m.ref, m.text, f"已落实({moment(m.done_at)})" if m.done_at else "未记录落实"]
            for m in incident.checklist.all()
        ],
        contents=assessment.contents or ("总结评估",),
        assessment=assessment,
    )
