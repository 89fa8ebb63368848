"""The periodic report to the city government (通报, 第十一条): cards filed and solved,
average and worst time per step, and overdue steps by unit, as a page and as docx."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Max, Q, QuerySet

from luoshi.core import clock
from luoshi.core.documents import OfficialDocument, chinese_date
from luoshi.core.models import User
from luoshi.core.timeleft import span_text
from luoshi.express import access
from luoshi.express import workflow as wf
from luoshi.express.models import Escalation, Step


@dataclass
class StepFigure:
    state: str
    label: str
    count: int
    average: dt.timedelta | None
    worst: dt.timedelta | None
    worst_card: str
    overdue: int

    @property
    def average_text(self) -> str:
        return span_text(int(self.average.total_seconds())) if self.average else "—"

    @property
    def worst_text(self) -> str:
        return span_text(int(self.worst.total_seconds())) if self.worst else "—"


@dataclass
class Report:
    start: dt.date
    end: dt.date
    filed: int = 0
    filed_hard: int = 0
    closed: int = 0
    withdrawn: int = 0
    moved_to_13710: int = 0
    escalations: int = 0
    open_now: int = 0
    overdue_now: int = 0
    steps: list[StepFigure] = field(default_factory=list)
    late_by_unit: list[dict[str, object]] = field(default_factory=list)
    overdue_by_unit: list[dict[str, object]] = field(default_factory=list)

    @property
    def title(self) -> str:
        period = f"{chinese_date(self.start)}至{chinese_date(self.end)}"
        return f"关于项目“24小时直通车”制度落实情况的通报\n\uff08{period}\uff09"


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The previous calendar month (the usual 通报 period)."""
    day = today or clock.today()
    end = day.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def checked_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """``start``..``end`` in order; ValueError for a period outside 2000–2100."""
    if end < start:
        start, end = end, start
    if start.year < 2000 or end.year > 2100:
        raise ValueError("通报期间须在2000年至2100年之间")
    return start, end


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    zone = clock.local_zone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )


def build(user: User, start: dt.date, end: dt.date) -> Report:
    """The report for ``start``..``end`` (inclusive) over the cards ``user`` may see."""
    low, high = _bounds(start, end)
    cards = access.visible_cards(user)
    report = Report(start=start, end=end)
    filed = cards.filter(filed_at__gte=low, filed_at__lt=high)
    report.filed = filed.count()
    report.filed_hard = filed.filter(category=wf.Category.HARD.value).count()
    report.closed = cards.filter(closed_at__gte=low, closed_at__lt=high).count()
    steps = Step.objects.filter(card__in=cards.values("id"), at__gte=low, at__lt=high)
    report.withdrawn = steps.filter(to_state=wf.State.WITHDRAWN.value).count()
    report.moved_to_13710 = steps.filter(action=wf.Action.MOVE_TO_13710.value).count()
    report.escalations = Escalation.objects.filter(
        card__in=cards.values("id"), created_at__gte=low, created_at__lt=high
    ).count()
    now = clock.now()
    report.open_now = cards.filter(is_open=True).count()
    report.overdue_now = cards.filter(is_open=True, step_due_at__lt=now).count()
    report.steps = _step_figures(steps)
    report.late_by_unit = list(
        steps.filter(overdue=True)
        .values("actor_unit__name")
        .annotate(n=Count("id"))
        .order_by("-n", "actor_unit__name")
    )
    report.overdue_by_unit = list(
        cards.filter(is_open=True, step_due_at__lt=now)
        .values("responsible_unit__name")
        .annotate(n=Count("id"))
        .order_by("-n", "responsible_unit__name")
    )
    return report


def _finished_steps(steps: QuerySet[Step]) -> QuerySet[Step]:
    """Steps that ended a stage: the state changed, or a new unit or track restarted it."""
    restart = [wf.Action.REASSIGN.value, wf.Action.MOVE_TO_13710.value]
    return (
        steps.exclude(from_state="")
        .filter(~Q(from_state=F("to_state")) | Q(action__in=restart))
        .annotate(
            took=ExpressionWrapper(F("at") - F("step_started_at"), output_field=DurationField())
        )
    )


def _step_figures(steps: QuerySet[Step]) -> list[StepFigure]:
    finished = _finished_steps(steps)
    rows = {
        r["from_state"]: r
        for r in finished.values("from_state").annotate(
            n=Count("id"),
            avg=Avg("took"),
            worst=Max("took"),
            late=Count("id", filter=Q(overdue=True)),
        )
    }
    figures = []
    for state in wf.State:
        row = rows.get(state.value)
        if row is None:
            continue
        worst = (
            finished.filter(from_state=state.value).order_by("-took").select_related("card").first()
        )
        figures.append(
            StepFigure(
                state=state.value,
                label=state.label,
                count=row["n"],
                average=row["avg"],
                worst=row["worst"],
                worst_card=worst.card.number if worst else "",
                overdue=row["late"],
            )
        )
    return figures


def as_docx(report: Report, *, issuer: str, issued: dt.date) -> bytes:
    """The report as an official document (通报) of ``issuer``."""
    doc = OfficialDocument(
        report.title, issuer=issuer, addressees="各县(市、区)人民政府,市直各有关单位"
    )
    doc.paragraph(
        f"本期共受理重点项目事项处置卡{report.filed}件(其中疑难问题{report.filed_hard}件),"
        f"完结{report.closed}件,撤回{report.withdrawn}件,纳入13710平台督办{report.moved_to_13710}件,"
        f"超时督办{report.escalations}次。截至通报时,未办结{report.open_now}件,其中超时{report.overdue_now}件。"
    )
    doc.heading1("各环节办理用时")
    doc.table(
        ["环节", "办理次数", "平均用时", "最长用时(卡号)", "超时次数"],
        [
            [f.label, f.count, f.average_text, f"{f.worst_text}({f.worst_card})", f.overdue]
            for f in report.steps
        ],
    )
    doc.heading1("本期超时环节(按办理单位)")
    _count_table(doc, report.late_by_unit, "actor_unit__name", "超时环节数")
    doc.heading1("当前超时未办结(按责任单位)")
    _count_table(doc, report.overdue_by_unit, "responsible_unit__name", "超时处置卡数")
    doc.signature(issuer, issued)
    return doc.to_bytes()


def _count_table(
    doc: OfficialDocument, rows: list[dict[str, object]], key: str, label: str
) -> None:
    if not rows:
        doc.paragraph("无。")
        return
    doc.table(
        ["单位", label],
        [[row[key] or "(未确定责任单位)", row["n"]] for row in rows],
    )
