"""Actions on progress reports: drafts, evidence, submission, review, close-out and
accountability. Reports use optimistic concurrency: every change names the version it
was made on, and a change on a stale version is refused (409 Conflict)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F

from luoshi.core import audit, clock
from luoshi.core.errors import Conflict, Forbidden, Invalid
from luoshi.core.models import User
from luoshi.core.uploads import content_problem, safe_filename
from luoshi.directory.models import Unit
from luoshi.supervision import notifications
from luoshi.supervision.models import (
    Accountability,
    Attachment,
    Notification,
    Report,
    ReportingPeriod,
    ReportReview,
    Task,
    TaskUnit,
)
from luoshi.supervision.services.common import (
    STALE,
    assignment_of,
    refresh_task,
    report_snapshot,
    require_live,
    require_reviewer,
    task_snapshot,
)

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ALLOWED_SUFFIXES = {
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".ofd",
    ".jpg", ".jpeg", ".png", ".txt", ".zip",
}  # fmt: skip


def _clean_values(
    percent: int, target_values: Sequence[dict[str, Any]] | None
) -> list[dict[str, Any]]:
    if not 0 <= percent <= 100:
        raise Invalid("完成进度应在 0 到 100 之间")
    values: list[dict[str, Any]] = []
    for item in target_values or []:
        metric = str(item.get("metric", "")).strip()
        if not metric:
            continue
        try:
            value = float(item.get("value"))  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise Invalid(f"指标“{metric}”的完成值不是数字") from exc
        values.append(
            {"metric": metric[:64], "value": value, "unit": str(item.get("unit", ""))[:16]}
        )
    return values


@transaction.atomic
def save_report(
    user: User,
    period: ReportingPeriod,
    *,
    narrative: str,
    percent: int,
    target_values: Sequence[dict[str, Any]] | None = None,
    close_requested: bool = False,
    version: int | None = None,
) -> Report:
    """Save the user's unit's report for ``period`` as a draft (保存草稿).

    A new report needs no ``version``; changing an existing one needs the
    version it was read at. Contributions of co-operating units (配合单位) are
    reports with the ``co`` role and cannot ask for close-out.
    """
    task = Task.objects.select_for_update().get(pk=period.task_id)
    require_live(task)
    assignment = assignment_of(user, task)
    values = _clean_values(percent, target_values)
    if close_requested and assignment.role != TaskUnit.Role.LEAD:
        raise Forbidden("只有牵头单位可以申请销号")
    now = clock.now()
    fields = {
        "narrative": narrative.strip(),
        "percent": percent,
        "target_values": values,
        "close_requested": close_requested,
        "author": user,
        "updated_at": now,
    }
    existing = Report.objects.filter(period=period, unit_id=user.unit_id).first()
    if existing is None:
        if version not in (None, 0):
            raise Conflict("该报告已不存在,请刷新")
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    task=task, period=period, unit_id=user.unit_id, role=assignment.role,
                    created_at=now, **fields,
                )  # fmt: skip
        except IntegrityError as exc:  # someone of the unit created it meanwhile
            raise Conflict(STALE) from exc
        audit.record(
            "supervision.report_drafted", report, actor=user, summary=f"起草报告: {report}",
            after=report_snapshot(report),
        )  # fmt: skip
        return report
    if version is None:
        raise Conflict("本期报告已存在,请在已有报告上修改")
    if not existing.editable:
        raise Conflict(f"报告{existing.get_state_display()},不能修改")
    before = report_snapshot(existing)
    updated = Report.objects.filter(
        pk=existing.pk, version=version, state__in=(Report.State.DRAFT, Report.State.RETURNED)
    ).update(version=F("version") + 1, **fields)
    if not updated:
        raise Conflict(STALE)
    existing.refresh_from_db()
    audit.record(
        "supervision.report_saved", existing, actor=user, summary=f"修改报告: {existing}",
        before=before, after=report_snapshot(existing),
    )  # fmt: skip
    return existing


@transaction.atomic
def add_attachment(user: User, report: Report, upload: UploadedFile) -> Attachment:
    """Attach evidence to an editable report (上传佐证材料)."""
    report = _locked_report(report)
    require_live(report.task)
    _own(user, report)
    if not report.editable:
        raise Conflict("已报送的报告不能再添加材料")
    name = safe_filename(upload.name or "")
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in ALLOWED_SUFFIXES:
        raise Invalid(f"不支持的文件类型: {suffix or '无扩展名'}")
    if upload.size is None or upload.size > MAX_ATTACHMENT_BYTES:
        raise Invalid("文件过大(上限 20 MB)")
    if upload.size == 0:
        raise Invalid("文件为空")
    problem = content_problem(upload, suffix[1:])
    if problem is not None:
        raise Invalid(problem)
    attachment = Attachment(
        report=report, name=name, size=upload.size, content_type=(upload.content_type or "")[:128],
        uploaded_by=user, uploaded_at=clock.now(),
    )  # fmt: skip
    attachment.file.save(name, upload, save=False)
    attachment.save()
    Report.objects.filter(pk=report.pk).update(version=F("version") + 1)
    audit.record(
        "supervision.attachment_added", report, actor=user, summary=f"上传材料: {name}",
        after={"attachment": attachment.pk, "name": name, "size": attachment.size},
    )  # fmt: skip
    return attachment


@transaction.atomic
def remove_attachment(user: User, attachment: Attachment) -> None:
    report = _locked_report(attachment.report)
    _own(user, report)
    if not report.editable:
        raise Conflict("已报送的报告不能删除材料")
    before = {"attachment": attachment.pk, "name": attachment.name}
    attachment.file.delete(save=False)
    attachment.delete()
    Report.objects.filter(pk=report.pk).update(version=F("version") + 1)
    audit.record(
        "supervision.attachment_removed", report, actor=user, summary=f"删除材料: {before['name']}",
        before=before,
    )  # fmt: skip


@transaction.atomic
def submit_report(user: User, report: Report, *, version: int) -> Report:
    """Submit a draft or returned report for review (报送)."""
    report = _locked_report(report)
    require_live(report.task)
    _own(user, report)
    if not report.editable:
        raise Conflict(f"报告{report.get_state_display()},不能重复报送")
    if not report.narrative:
        raise Invalid("请填写工作进展后再报送")
    before = report_snapshot(report)
    now = clock.now()
    updated = Report.objects.filter(pk=report.pk, version=version).update(
        state=Report.State.SUBMITTED, submitted_at=now, updated_at=now, version=F("version") + 1
    )
    if not updated:
        raise Conflict(STALE)
    report.refresh_from_db()
    refresh_task(report.task)
    audit.record(
        "supervision.report_submitted", report, actor=user, summary=f"报送: {report}",
        before=before, after=report_snapshot(report),
    )  # fmt: skip
    notifications.notify(
        notifications.supervision_users(), kind=Notification.Kind.SUBMITTED, task=report.task,
        title=f"待审核: {report.unit} 报送《{report.task.title[:40]}》{report.period.label}进展",
        url=notifications.task_url(report.task_id),
    )  # fmt: skip
    return report


@transaction.atomic
def accept_report(user: User, report: Report, *, comment: str = "") -> Report:
    """Accept a submitted report (审核通过)."""
    return _review(user, report, ReportReview.Decision.ACCEPTED, comment)


@transaction.atomic
def return_report(user: User, report: Report, *, comment: str) -> Report:
    """Return a submitted report to its unit with a comment (退回)."""
    if not comment.strip():
        raise Invalid("退回时请填写意见")
    return _review(user, report, ReportReview.Decision.RETURNED, comment)


def _review(user: User, report: Report, decision: str, comment: str) -> Report:
    require_reviewer(user)
    report = _locked_report(report)
    if report.state != Report.State.SUBMITTED:
        raise Conflict(f"报告{report.get_state_display()},不是待审核状态")
    if report.task.state != Task.State.ACTIVE:
        raise Conflict("该事项不在督办中")
    before = report_snapshot(report)
    now = clock.now()
    accepted = decision == ReportReview.Decision.ACCEPTED
    Report.objects.filter(pk=report.pk).update(
        state=Report.State.ACCEPTED if accepted else Report.State.RETURNED,
        reviewed_at=now, reviewed_by=user, review_comment=comment.strip(),
        version=F("version") + 1, updated_at=now,
    )  # fmt: skip
    ReportReview.objects.create(
        report=report, decision=decision, comment=comment.strip(), reviewer=user, created_at=now
    )
    report.refresh_from_db()
    refresh_task(report.task)
    audit.record(
        f"supervision.report_{decision}", report, actor=user,
        summary=f"{'审核通过' if accepted else '退回'}: {report}", reason=comment,
        before=before, after=report_snapshot(report),
    )  # fmt: skip
    verdict = "审核通过" if accepted else "被退回"
    notifications.notify(
        notifications.unit_users([report.unit_id]), kind=Notification.Kind.REVIEW,
        task=report.task, title=f"《{report.task.title[:40]}》{report.period.label}报告{verdict}",
        body=comment.strip(), url=notifications.task_url(report.task_id),
    )  # fmt: skip
    return report


@transaction.atomic
def close_out(user: User, task: Task, *, comment: str = "", override: bool = False) -> Task:
    """Close out a finished task (销号).

    Only when the lead unit's latest report has been accepted: a returned or
    still unreviewed report blocks it. That report must ask for it (申请销号); without
    the request the office closes the task only with ``override`` and a reason.
    """
    require_reviewer(user)
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.state != Task.State.ACTIVE or task.not_applicable:
        raise Conflict("只有督办中的事项可以销号")
    latest = (
        Report.objects.filter(task=task, role=TaskUnit.Role.LEAD)
        .exclude(state=Report.State.DRAFT)
        .order_by("-period__due", "-submitted_at", "-id")
        .first()
    )
    if latest is None:
        raise Conflict("牵头单位尚无报告,不能销号")
    if latest.state == Report.State.RETURNED:
        raise Conflict("最近一期报告已被退回,不能销号")
    if latest.state != Report.State.ACCEPTED:
        raise Conflict("最近一期报告尚未审核通过,不能销号")
    if not latest.close_requested:
        if not override:
            raise Conflict("牵头单位尚未申请销号;确需销号请勾选“未经申请销号”并填写理由")
        if not comment.strip():
            raise Invalid("未经申请销号时须填写理由")
        comment = f"未经申请销号:{comment.strip()}"
    before = task_snapshot(task)
    task.state = Task.State.CLOSED
    task.closed_at = task.updated_at = clock.now()
    task.closed_by = user
    task.save(update_fields=["state", "closed_at", "closed_by", "updated_at"])
    refresh_task(task)
    audit.record(
        "supervision.task_closed", task, actor=user, summary=f"销号: {task}", reason=comment,
        before=before, after=task_snapshot(task),
    )  # fmt: skip
    unit_ids = list(task.assignments.values_list("unit_id", flat=True))
    notifications.notify(
        notifications.unit_users(unit_ids), kind=Notification.Kind.CLOSED, task=task,
        title=f"《{task.title[:40]}》已销号", body=comment, url=notifications.task_url(task.pk),
    )  # fmt: skip
    return task


@transaction.atomic
def record_accountability(
    user: User,
    task: Task,
    *,
    unit: Unit,
    kind: str,
    description: str,
    measure: str = "",
    report: Report | None = None,
) -> Accountability:
    """Keep an accountability record (问责) against a unit of the task."""
    require_reviewer(user)
    if not description.strip():
        raise Invalid("请填写问责事由")
    if kind not in Accountability.Kind.values:
        raise Invalid("问责类型无效")
    if not task.assignments.filter(unit=unit).exists():
        raise Invalid("被问责单位不是该事项的责任单位")
    if report is not None and report.task_id != task.pk:
        raise Invalid("报告不属于该事项")
    entry = Accountability.objects.create(
        task=task, unit=unit, report=report, kind=kind, measure=measure.strip()[:64],
        description=description.strip(), recorded_by=user, recorded_at=clock.now(),
    )  # fmt: skip
    audit.record(
        "supervision.accountability_recorded", entry, actor=user,
        summary=f"问责 {unit}: {entry.get_kind_display()}", reason=description,
        after={"task": task.pk, "unit": unit.name, "kind": kind, "measure": entry.measure},
    )  # fmt: skip
    return entry


def _locked_report(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("task", "period").get(pk=report.pk)


def _own(user: User, report: Report) -> None:
    if not user.is_authenticated or user.unit_id != report.unit_id:
        raise PermissionDenied("只能修改本单位的报告")
    assignment_of(user, report.task)
