"""The supervision ledger (督查台账): tasks, their units and periods, reports and their review.

Rows change only through the named actions in :mod:`luoshi.supervision.services`.
A few columns are denormalised from periods and reports (``next_due``,
``reported``, ``percent``) so that the ledger can filter by status in SQL; the
actions keep them current through ``services.refresh_task``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from luoshi.supervision.status import Status, status_from


class Task(models.Model):
    """One assigned task (督办事项) with its provenance and the extracted values kept."""

    class State(models.TextChoices):
        PENDING = "pending", "待审核"
        ACTIVE = "active", "督办中"
        CLOSED = "closed", "已销号"
        RETIRED = "retired", "已拆分/合并"

    document = models.ForeignKey(
        "gazette.Document", verbose_name="来源文件", null=True, blank=True,
        on_delete=models.PROTECT, related_name="tasks",
    )  # fmt: skip
    ref = models.CharField("出处", max_length=128, blank=True)
    no = models.CharField("序号", max_length=32, blank=True)
    title = models.CharField("事项", max_length=255)
    text = models.TextField("任务内容")
    province_task = models.TextField("省级任务", blank=True)
    category = models.CharField("类别", max_length=128, blank=True)
    lead_unit_names = models.JSONField("牵头单位(原文)", default=list, blank=True)
    co_unit_names = models.JSONField("配合单位(原文)", default=list, blank=True)
    unresolved_units = models.JSONField("未识别单位", default=dict, blank=True)
    responsible_leaders = models.JSONField("责任领导", default=list, blank=True)
    leaders_in_charge = models.JSONField("分管领导", default=list, blank=True)
    sections = models.JSONField("责任科室", default=list, blank=True)
    persons = models.JSONField("责任人", default=list, blank=True)
    due = models.DateField("完成时限", null=True, blank=True)
    due_text = models.CharField("时限原文", max_length=128, blank=True)
    ongoing = models.BooleanField("长期坚持", default=False)
    recurring = models.CharField("周期性要求", max_length=64, blank=True)
    # A deadline counted from an event (汛期前, 收到通知之日起10日内): {"text", "event",
    # "before", "offset"} and, once the office anchors the event to a day, "anchored_on".
    due_event = models.JSONField("事件起算时限", default=dict, blank=True)
    not_applicable = models.BooleanField("不涉及", default=False)
    funds = models.CharField("资金", max_length=255, blank=True)
    targets = models.JSONField("量化指标", default=list, blank=True)
    flags = models.JSONField("待核实问题", default=list, blank=True)
    original = models.JSONField("抽取原值", default=dict, blank=True)
    reporting_rule = models.CharField("报送要求", max_length=255, blank=True)
    state = models.CharField(
        "审核状态", max_length=16, choices=State.choices, default=State.PENDING, db_index=True
    )
    parent = models.ForeignKey(
        "self", verbose_name="拆分自", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="split_children",
    )  # fmt: skip
    merged_into = models.ForeignKey(
        "self", verbose_name="合并至", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="merged_from",
    )  # fmt: skip
    units = models.ManyToManyField(
        "directory.Unit", through="TaskUnit", related_name="supervised_tasks"
    )
    next_due = models.DateField("下一截止", null=True, blank=True)
    reported = models.BooleanField("已报送进展", default=False)
    close_requested = models.BooleanField("申请销号", default=False)
    percent = models.PositiveSmallIntegerField("完成进度", default=0)
    created_at = models.DateTimeField("创建时间")
    updated_at = models.DateTimeField("更新时间")
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="销号人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = "督办事项"
        verbose_name_plural = "督办事项"
        ordering = ["document_id", "id"]
        indexes = [
            models.Index(fields=["document", "state"], name="task_document_state"),
            # Covers the status counts: they read only these columns of every visible task.
            models.Index(
                fields=["state", "not_applicable", "next_due", "reported"],
                name="task_status_columns",
            ),
            # A due window, covering its sort by progress where the planner sorts the window.
            models.Index(fields=["state", "next_due", "percent"], name="task_due_window"),
            # The ledger's sorts (``queries.SORTS``), read in index order for the page's ids.
            models.Index(fields=["next_due", "id"], name="task_sort_due"),
            models.Index(fields=["percent", "id"], name="task_sort_percent"),
            models.Index(fields=["updated_at", "id"], name="task_sort_updated"),
        ]

    def __str__(self) -> str:
        prefix = f"{self.no}. " if self.no else ""
        return f"{prefix}{self.title}"

    @property
    def is_live(self) -> bool:
        """Visible to units and reportable (confirmed, not closed, not retired)."""
        return self.state == self.State.ACTIVE

    def status_on(self, today: dt.date, horizon: dt.date) -> Status:
        """The status from the stored columns (the same rules as ``status.task_status``)."""
        return self.status_of(
            self.not_applicable, self.state, self.next_due, self.reported, today, horizon
        )

    @classmethod
    def status_of(
        cls,
        not_applicable: bool,
        state: str,
        next_due: dt.date | None,
        reported: bool,
        today: dt.date,
        horizon: dt.date,
    ) -> Status:
        """The status of stored columns read without a model row (grouped counts, listings)."""
        return status_from(
            not_applicable=not_applicable,
            closed=state == cls.State.CLOSED,
            next_deadline=next_due,
            reported=reported,
            today=today,
            horizon=horizon,
        )

    def lead_units(self) -> list[models.Model]:
        return [a.unit for a in self.assignments.all() if a.role == TaskUnit.Role.LEAD]

    def co_units(self) -> list[models.Model]:
        return [a.unit for a in self.assignments.all() if a.role == TaskUnit.Role.CO]


class TaskLeader(models.Model):
    """A leader in charge (分管领导) of a task, one row per name: what the ledger's leader
    filter looks up (``Task.leaders_in_charge`` stays the list as printed and edited)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="leader_rows")
    name = models.CharField("分管领导", max_length=32)

    class Meta:
        verbose_name = "分管领导"
        verbose_name_plural = "分管领导"
        constraints = [
            models.UniqueConstraint(fields=["task", "name"], name="task_leader_unique"),
        ]
        indexes = [models.Index(fields=["name", "task"], name="taskleader_name_task")]

    def __str__(self) -> str:
        return self.name


class TaskUnit(models.Model):
    """A unit assigned to a task, as lead (牵头) or co-operating (配合) unit."""

    class Role(models.TextChoices):
        LEAD = "lead", "牵头单位"
        CO = "co", "配合单位"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey("directory.Unit", on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField("角色", max_length=8, choices=Role.choices)

    class Meta:
        verbose_name = "责任分工"
        verbose_name_plural = "责任分工"
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="task_unit_unique"),
        ]
        indexes = [models.Index(fields=["unit", "role"], name="taskunit_unit_role")]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_role_display()}"


class ReportingPeriod(models.Model):
    """One period a task is reported for (报送周期), ending on its report deadline."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="periods")
    seq = models.PositiveIntegerField("序号")
    label = models.CharField("周期", max_length=64)
    starts = models.DateField("开始")
    due = models.DateField("报送截止", db_index=True)
    covered = models.BooleanField("已报送", default=False)

    class Meta:
        verbose_name = "报送周期"
        verbose_name_plural = "报送周期"
        ordering = ["task", "due", "seq"]
        indexes = [models.Index(fields=["task", "covered", "due"], name="period_task_open_due")]

    def __str__(self) -> str:
        return f"{self.label}(截止 {self.due:%Y-%m-%d})"


class Report(models.Model):
    """A unit's progress report for one period (进展报告); co-operating units add contributions."""

    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已报送待审核"
        RETURNED = "returned", "已退回"
        ACCEPTED = "accepted", "已审核通过"

    COVERING_STATES = (State.SUBMITTED, State.ACCEPTED)

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("directory.Unit", verbose_name="报送单位", on_delete=models.PROTECT)
    role = models.CharField("身份", max_length=8, choices=TaskUnit.Role.choices)
    state = models.CharField(
        "状态", max_length=16, choices=State.choices, default=State.DRAFT, db_index=True
    )
    narrative = models.TextField("工作进展", blank=True)
    percent = models.PositiveSmallIntegerField("完成进度(%)", default=0)
    target_values = models.JSONField("指标完成值", default=list, blank=True)
    close_requested = models.BooleanField("申请销号", default=False)
    version = models.PositiveIntegerField("版本", default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填报人", null=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField("创建时间")
    updated_at = models.DateTimeField("更新时间")
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    review_comment = models.TextField("审核意见", blank=True)

    class Meta:
        verbose_name = "进展报告"
        verbose_name_plural = "进展报告"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="report_period_unit_unique"),
        ]
        indexes = [models.Index(fields=["unit", "state"], name="report_unit_state")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period.label}"

    @property
    def editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)

    @property
    def late(self) -> bool:
        """迟报: submitted after its period's deadline (a report never submitted is not late)."""
        if self.submitted_at is None:
            return False
        return timezone.localdate(self.submitted_at) > self.period.due


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"supervision/{instance.report.task_id}/{instance.report_id}/{filename}"


class Attachment(models.Model):
    """Evidence attached to a report (佐证材料)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path, max_length=255)
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveIntegerField("大小")
    content_type = models.CharField(max_length=128, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间")

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class ReportReview(models.Model):
    """The supervision office's decision on a submitted report (审核记录)."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "审核通过"
        RETURNED = "returned", "退回"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField("结论", max_length=16, choices=Decision.choices)
    comment = models.TextField("意见", blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} {self.comment[:20]}"


class Accountability(models.Model):
    """An accountability record (问责记录) against a unit for a late or false report."""

    class Kind(models.TextChoices):
        LATE = "late", "逾期未完成/未报送"
        FALSE = "false", "虚报瞒报"
        OTHER = "other", "其他"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="accountability")
    unit = models.ForeignKey("directory.Unit", verbose_name="被问责单位", on_delete=models.PROTECT)
    report = models.ForeignKey(
        Report, verbose_name="相关报告", null=True, blank=True, on_delete=models.SET_NULL
    )
    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    measure = models.CharField("问责方式", max_length=64, blank=True)
    description = models.TextField("事由")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField("记录时间")

    class Meta:
        verbose_name = "问责记录"
        verbose_name_plural = "问责记录"
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_kind_display()}"


class Notification(models.Model):
    """An in-app message (站内通知): a reminder, an escalation or a review result."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "到期提醒"
        ESCALATION = "escalation", "逾期督办"
        REVIEW = "review", "审核结果"
        SUBMITTED = "submitted", "报告待审"
        CLOSED = "closed", "销号通知"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ledger_notifications"
    )
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    title = models.CharField("标题", max_length=255)
    body = models.TextField("内容", blank=True)
    url = models.CharField(max_length=255, blank=True)
    key = models.CharField("去重键", max_length=128, blank=True)
    created_at = models.DateTimeField("时间")
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~models.Q(key=""),
                name="notification_recipient_key_unique",
            )
        ]  # fmt: skip
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title
