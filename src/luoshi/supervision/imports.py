"""A unit's progress sheet (进展填报表) filled in offline: the sheet to download and its import.

The import validates every row first and imports nothing from a sheet with an error; the
rows then go through the same actions as the pages (``save_report`` / ``submit_report``)
inside one transaction, so a refusal there also leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from openpyxl import load_workbook

from luoshi.core.documents import Column, HouseBook
from luoshi.core.errors import DomainError
from luoshi.core.models import User
from luoshi.core.uploads import xlsx_problem
from luoshi.supervision import access, services
from luoshi.supervision.models import Report, ReportingPeriod, Task, TaskUnit

MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024
COLUMNS = [
    ("事项编号", 9, "integer"), ("周期编号", 9, "integer"), ("原表序号", 8, "text"),
    ("督办事项", 40, "text"), ("报送周期", 14, "text"), ("报送截止", 14, "date"),
    ("工作进展", 50, "text"), ("完成进度(%)", 9, "integer"), ("指标完成值", 20, "text"),
    ("申请销号", 9, "text"), ("报送方式", 9, "text"), ("报告版本", 9, "integer"),
]  # fmt: skip
HEADERS = [title for title, _, _ in COLUMNS]
SUBMIT, DRAFT = "报送", "草稿"
YES, NO = "是", "否"
_TARGET = re.compile(r"^\s*([^=:=:]+?)\s*[=:=:]\s*(-?[0-9]+(?:\.[0-9]+)?)\s*([^0-9\s]*)\s*$")


# -- the sheet to fill in ----------------------------------------------------------------------


def open_periods(user: User, today: dt.date) -> list[tuple[Task, ReportingPeriod, Report | None]]:
    """Per live task of the user's unit, the earliest period its report does not yet cover."""
    tasks = access.visible_tasks(user).filter(state=Task.State.ACTIVE, not_applicable=False)
    own = {
        r.period_id: r
        for r in access.visible_reports(user).filter(unit_id=user.unit_id, task__in=tasks)
    }
    out = []
    for task in tasks.order_by("next_due", "id").prefetch_related("periods"):
        for period in sorted(task.periods.all(), key=lambda p: (p.due, p.seq)):
            report = own.get(period.pk)
            if report is None or report.editable:
                out.append((task, period, report))
                break
    return out


def progress_sheet(user: User, today: dt.date) -> bytes:
    book = HouseBook()
    columns = [Column(title, width, kind) for title, width, kind in COLUMNS]
    sheet = book.sheet("进展填报", f"{user.unit}进展填报表", columns, numbered=False,
                       freeze_columns=3)  # fmt: skip
    for task, period, report in open_periods(user, today):
        targets = "; ".join(
            f"{v['metric']}={v['value']}{v['unit']}"
            for v in (report.target_values if report else [])
        )
        sheet.append([
            task.pk, period.pk, task.no, task.title, period.label, period.due,
            report.narrative if report else "", report.percent if report else 0, targets,
            YES if report and report.close_requested else NO, DRAFT,
            report.version if report else None,
        ])  # fmt: skip
    sheet.choices("报送方式", [DRAFT, SUBMIT])
    sheet.choices("申请销号", [YES, NO])
    book.notes("填报说明", (
        "1. 只填写“工作进展”“完成进度(%)”“指标完成值”“申请销号”“报送方式”五列,其余列请勿修改。",
        "2. 完成进度填 0 到 100 的整数;指标完成值按“指标=数值单位”填写,多项用分号分隔,如:增长=6.5%。",
        "3. 报送方式填“草稿”只保存不报送,填“报送”则提交督查室审核;申请销号只限牵头单位。",
        "4. 整张表任何一行有误,系统将不导入任何一行,并列出全部错误。",
        "5. “报告版本”记录下载时报告的版本:下载后报告已在系统中被修改的行不予导入,请重新下载填报表。",
    ))  # fmt: skip
    return book.to_bytes()


# -- the import --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" if self.row else "表格"
        return f"{where}{'“' + self.column + '”' if self.column else ''}: {self.message}"


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    saved: int = 0
    drafts: int = 0
    submitted: int = 0


@dataclass
class _Row:
    number: int
    task: Task
    period: ReportingPeriod
    version: int | None
    narrative: str
    percent: int
    targets: list[dict[str, Any]]
    close_requested: bool
    submit: bool


def import_progress_sheet(user: User, upload: UploadedFile) -> ImportResult:
    """Validate every row; import all of them or, on any error, none."""
    result = ImportResult()
    rows = _read(upload, result)
    if result.errors:
        return result
    checked = [r for r in (_check(user, n, values, result) for n, values in rows) if r is not None]
    seen: dict[tuple[int, int], int] = {}
    for row in checked:
        key = (row.task.pk, row.period.pk)
        if key in seen:
            result.errors.append(RowError(row.number, "周期编号", f"与第{seen[key]}行重复"))
        seen.setdefault(key, row.number)
    if not checked and not result.errors:
        result.errors.append(RowError(0, "", "表中没有可导入的行"))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for row in checked:
                _apply(user, row, result)
    except (DomainError, PermissionDenied) as exc:
        result.errors.append(RowError(getattr(exc, "row", 0), "", str(exc)))
        result.saved = result.drafts = result.submitted = 0
    return result


def _read(upload: UploadedFile, result: ImportResult) -> list[tuple[int, list[Any]]]:
    if (upload.size or 0) > MAX_BYTES:
        result.errors.append(RowError(0, "", "文件过大(上限 10 MB)"))
        return []
    problem = xlsx_problem(upload, max_rows=MAX_ROWS + 3)
    if problem is not None:
        result.errors.append(RowError(0, "", problem))
        return []
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file is the same error to the user
        result.errors.append(RowError(0, "", "无法读取文件:请上传由本系统下载并填写的 xlsx 表格"))
        return []
    sheet = book.worksheets[0]
    # max_col: never pad rows out to a column a hostile sheet declares (XFD is the 16,384th)
    rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 3, max_col=len(HEADERS)))
    header = next(  # under the sheet's title row
        (i for i, row in enumerate(rows[:3]) if [str(v or "").strip() for v in row[: len(HEADERS)]] == HEADERS),
        None,
    )  # fmt: skip
    if header is None:
        result.errors.append(RowError(1, "", "表头与填报表不一致,请使用本系统下载的填报表"))
        return []
    if len(rows) > MAX_ROWS + header + 1:
        result.errors.append(RowError(0, "", f"行数超过上限 {MAX_ROWS}"))
        return []
    out = []
    for number, values in enumerate(rows[header + 1 :], start=header + 2):
        values = list(values) + [None] * (len(HEADERS) - len(values))
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        out.append((number, values))
    return out


def _check(user: User, number: int, values: list[Any], result: ImportResult) -> _Row | None:
    errors = result.errors
    before = len(errors)
    task_id, period_id = _int(values[0]), _int(values[1])
    task = access.visible_tasks(user).filter(pk=task_id).first() if task_id else None
    if task is None:
        errors.append(RowError(number, "事项编号", "事项不存在或不属于本单位"))
        return None
    if task.state != Task.State.ACTIVE or task.not_applicable:
        errors.append(RowError(number, "事项编号", "事项已销号或无需报送"))
    role = access.own_role(user, task)
    if role is None:
        errors.append(RowError(number, "事项编号", "本单位不是该事项的责任单位"))
    period = ReportingPeriod.objects.filter(pk=period_id, task=task).first() if period_id else None
    if period is None:
        errors.append(RowError(number, "周期编号", "周期不属于该事项"))
        return None
    report = Report.objects.filter(period=period, unit_id=user.unit_id).first()
    version = _int(values[11])
    if report is not None and not report.editable:
        errors.append(
            RowError(number, "周期编号", f"本期报告{report.get_state_display()},不能再修改")
        )
    elif (report.version if report else None) != version:
        errors.append(
            RowError(
                number, "报告版本", f"{_name(task)}的本期报告在下载填报表后已被修改,请重新下载"
            )
        )
    narrative = str(values[6] or "").strip()
    percent = _int(values[7])
    if percent is None or not 0 <= percent <= 100:
        errors.append(RowError(number, "完成进度(%)", "应为 0 到 100 的整数"))
    targets = _targets(number, values[8], errors)
    close = str(values[9] or NO).strip()
    if close not in (YES, NO):
        errors.append(RowError(number, "申请销号", "只能填“是”或“否”"))
    elif close == YES and role != TaskUnit.Role.LEAD:
        errors.append(RowError(number, "申请销号", "只有牵头单位可以申请销号"))
    mode = str(values[10] or DRAFT).strip()
    if mode not in (DRAFT, SUBMIT):
        errors.append(RowError(number, "报送方式", "只能填“草稿”或“报送”"))
    if mode == SUBMIT and not narrative:
        errors.append(RowError(number, "工作进展", "报送时工作进展不能为空"))
    if len(narrative) > 20000:
        errors.append(RowError(number, "工作进展", "内容过长"))
    if len(errors) > before:
        return None
    return _Row(
        number,
        task,
        period,
        version,
        narrative,
        percent or 0,
        targets,
        close == YES,
        mode == SUBMIT,
    )


def _name(task: Task) -> str:
    """How a row's task is named in a message: its number in the gazette's table and its title."""
    title = task.title if len(task.title) <= 20 else task.title[:20] + "…"
    return f"事项{task.no or task.pk}《{title}》"


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _targets(number: int, value: Any, errors: list[RowError]) -> list[dict[str, Any]]:
    out = []
    for part in re.split(r"[;;\n]+", str(value or "")):
        if not part.strip():
            continue
        match = _TARGET.match(part)
        if match is None:
            errors.append(
                RowError(number, "指标完成值", f"“{part.strip()[:20]}”应写作 指标=数值单位")
            )
            continue
        out.append({"metric": match[1], "value": float(match[2]), "unit": match[3]})
    return out


def _apply(user: User, row: _Row, result: ImportResult) -> None:
    try:
        report = services.save_report(
            user, row.period, narrative=row.narrative, percent=row.percent,
            target_values=row.targets, close_requested=row.close_requested,
            version=row.version,
        )  # fmt: skip
        if row.submit:
            services.submit_report(user, report, version=report.version)
    except DomainError as exc:
        exc.row = row.number  # type: ignore[attr-defined]
        raise
    result.saved += 1
    if row.submit:
        result.submitted += 1
    else:
        result.drafts += 1
