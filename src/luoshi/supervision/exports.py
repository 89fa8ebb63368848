"""Exports: the decomposition table as xlsx (the gazette's own columns plus progress) and the
quarterly summary (督查通报) as docx. Both read only what the user may see."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from luoshi.core import clock
from luoshi.core.documents import Column, HouseBook, chinese_date
from luoshi.core.models import User
from luoshi.supervision import access, bulletin, queries
from luoshi.supervision import status as rules
from luoshi.supervision.models import Report, ReportingPeriod, Task, TaskUnit
from luoshi.supervision.status import Status

CHUNK = 2000

# The gazette's decomposition-table columns (its own numbers kept as 原表序号, since the sheet's
# 序号 counts rows and a gazette's numbers repeat), then the ledger's progress columns.
GAZETTE_COLUMNS = [
    Column("原表序号", 6), Column("省政府重点工作任务", 24), Column("市重点工作任务", 32),
    Column("牵头责任单位", 14), Column("责任领导", 8), Column("分管领导", 8),
    Column("责任科室", 10), Column("责任人", 8),
]  # fmt: skip
PROGRESS_COLUMNS = [
    Column("配合单位", 14), Column("完成时限", 10), Column("截止日期", 14, "date"),
    Column("来源文件", 14), Column("督办状态", 8), Column("完成进度(%)", 8, "integer"),
    Column("下一报送截止", 14, "date"), Column("最近报送周期", 10), Column("最近进展", 30),
    Column("审核意见", 16),
]  # fmt: skip
COLUMNS = GAZETTE_COLUMNS + PROGRESS_COLUMNS


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def latest_reports(reports: QuerySet[Report], task_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Per task, the lead unit's latest non-draft report that ``reports`` allows reading."""
    latest: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(task_ids):
        rows = (
            reports.filter(task_id__in=chunk, role=TaskUnit.Role.LEAD)
            .exclude(state=Report.State.DRAFT)
            .order_by("task_id", "period__due", "id")
            .values("task_id", "period__label", "narrative", "review_comment", "state")
        )
        for row in rows:
            latest[row["task_id"]] = row
    return latest


def tasks_workbook(user: User, tasks: QuerySet[Task], moment: queries.Moment) -> bytes:
    """The ledger as an xlsx decomposition table (督查督办事项台账) in the house style."""
    book = HouseBook()
    sheet = book.sheet("督查台账", "督查督办事项台账", COLUMNS,
                       note=f"统计截至{chinese_date(moment.today)}", freeze_columns=2)  # fmt: skip
    rows = list(tasks.select_related("document"))
    ids = [t.pk for t in rows]
    names: dict[int, dict[str, list[str]]] = {}
    for chunk in _chunks(ids):
        names.update(queries.unit_names(chunk))
    latest = latest_reports(access.visible_reports(user), ids)
    for task in rows:
        units = names.get(task.pk, {"lead": [], "co": []})
        report = latest.get(task.pk, {})
        sheet.append([
            task.no, task.province_task, task.text, "、".join(units["lead"]),
            "、".join(task.responsible_leaders), "、".join(task.leaders_in_charge),
            "、".join(task.sections), "、".join(task.persons),
            "、".join(units["co"]), task.due_text, task.due,
            task.document.number if task.document else "",
            task.status_on(moment.today, moment.horizon).label, task.percent,
            task.next_due, report.get("period__label", ""), report.get("narrative", ""),
            report.get("review_comment", ""),
        ])  # fmt: skip
    return book.to_bytes()


# -- quarterly summary (docx) ------------------------------------------------------------------


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * quarter - 2, 1)
    last_month = 3 * quarter
    last = (
        dt.date(year, 12, 31)
        if last_month == 12
        else dt.date(year, last_month + 1, 1) - dt.timedelta(days=1)
    )
    return first, last


def quarterly_summary(user: User, year: int, quarter: int) -> bytes:
    """督查通报: per unit, tasks done / on track / overdue and the quarter's reports on time."""
    first, last = quarter_bounds(year, quarter)
    as_of = min(clock.today(), last)
    tasks = access.visible_tasks(user)
    lead = TaskUnit.objects.filter(role=TaskUnit.Role.LEAD, task__in=tasks)
    if not user.sees_all_units:
        lead = lead.filter(unit_id=user.unit_id)
    task_units: dict[int, list[str]] = defaultdict(list)
    for task_id, unit in lead.values_list("task_id", "unit__name"):
        task_units[task_id].append(unit)
    figures = bulletin.QuarterFigures(year, quarter, first, last, as_of)
    calendar = queries.load_working_calendar()
    for task, facts, percent in tasks_as_of(tasks.filter(pk__in=list(task_units)), as_of):
        status = rules.task_status(facts, as_of, calendar)
        for unit in task_units[task.pk]:
            figures.by_unit[unit]["tasks"] += 1
            figures.by_unit[unit][status.value] += 1
            if status is Status.OVERDUE:
                missed = rules.next_due(facts) or as_of
                figures.overdue.append(bulletin.Late(unit, task.title, missed, percent))
    _count_quarter_reports(figures.by_unit, task_units, first, last)
    issuer = f"{settings.LUOSHI_CITY}人民政府督查室"
    return bulletin.quarterly_bulletin(figures, issuer=issuer, issued=clock.today())


def tasks_as_of(tasks: QuerySet[Task], day: dt.date) -> Iterator[tuple[Task, rules.TaskFacts, int]]:
    """Each task with its status inputs and percent complete as they stood at the end of
    ``day`` (``status.facts_as_of``), reading periods and lead reports a chunk at a time."""
    ids = list(tasks.values_list("pk", flat=True))
    for chunk in _chunks(ids):
        periods: dict[int, dict[int, dt.date]] = defaultdict(dict)
        for pk, task_id, due in ReportingPeriod.objects.filter(task_id__in=chunk).values_list(
            "pk", "task_id", "due"
        ):
            periods[task_id][pk] = due
        submissions: dict[int, list[rules.Submission]] = defaultdict(list)
        for row in Report.objects.filter(
            task_id__in=chunk, role=TaskUnit.Role.LEAD, state__in=Report.COVERING_STATES,
            submitted_at__isnull=False,
        ).values("task_id", "period_id", "submitted_at", "percent", "close_requested"):  # fmt: skip
            submissions[row["task_id"]].append(
                rules.Submission(
                    row["period_id"],
                    _local_day(row["submitted_at"]),
                    row["percent"],
                    row["close_requested"],
                )  # fmt: skip
            )
        for task in Task.objects.filter(pk__in=chunk).order_by("pk"):
            closed_at = task.closed_at if task.state == Task.State.CLOSED else None
            facts, percent = rules.facts_as_of(
                day, not_applicable=task.not_applicable,
                closed_on=_local_day(closed_at) if closed_at else None,
                due=task.due, periods=periods[task.pk], submissions=submissions[task.pk],
            )  # fmt: skip
            yield task, facts, percent


def _local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(clock.local_zone()).date()


def _count_quarter_reports(
    by_unit: dict[str, Counter[str]],
    task_units: dict[int, list[str]],
    first: dt.date,
    last: dt.date,
) -> None:
    """Periods due in the quarter per lead unit, and those reported by their deadline."""
    ids = list(task_units)
    for chunk in _chunks(ids):
        periods = ReportingPeriod.objects.filter(task_id__in=chunk, due__gte=first, due__lte=last)
        submitted = {
            (r["period_id"], r["unit__name"]): r["submitted_at"]
            for r in Report.objects.filter(
                period__in=periods, role=TaskUnit.Role.LEAD, state__in=Report.COVERING_STATES
            ).values("period_id", "unit__name", "submitted_at")
        }
        for period in periods.values("id", "task_id", "due"):
            for unit in task_units[period["task_id"]]:
                by_unit[unit]["due"] += 1
                at = submitted.get((period["id"], unit))
                if at is not None and _local_day(at) <= period["due"]:
                    by_unit[unit]["on_time"] += 1
