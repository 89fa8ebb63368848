"""Rows of the 直通车 workflow: projects, cards, their steps, attachments, escalations, notices.

The card keeps exactly the fields of the official 重点项目事项处置卡 (晋市政办〔2020〕18号
附件) plus what the workflow needs. State changes go through :mod:`luoshi.express.services`
only; the rules themselves live in :mod:`luoshi.express.workflow`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luoshi.express import workflow as wf


def _choices(enum: type[wf.State] | type[wf.Track] | type[wf.Category] | type[wf.Severity]):
    return [(m.value, m.label) for m in enum]


class Project(models.Model):
    """A key project (重点项目) that cards are filed for."""

    name = models.CharField("项目名称", max_length=200)
    builder = models.CharField("建设单位", max_length=200)
    county = models.ForeignKey(
        "directory.Unit",
        verbose_name="所在县(市、区)/部门",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间")

    class Meta:
        verbose_name = "重点项目"
        verbose_name_plural = "重点项目"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "builder"], name="express_project_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Card(models.Model):
    """One 重点项目事项处置卡 and where it stands."""

    number = models.CharField("编号", max_length=32, unique=True)
    # -- the official fields of the 处置卡 --
    filed_at = models.DateTimeField("填报时间", db_index=True)
    project_name = models.CharField("项目名称", max_length=200)
    builder = models.CharField("建设单位", max_length=200)
    contact = models.CharField("联系方式", max_length=200)
    situation = models.TextField("事项基本情况")
    advice = models.TextField("市重点办处理建议", blank=True)
    instruction = models.TextField("分管市长批示意见", blank=True)
    result = models.TextField("责任单位事项落实情况", blank=True)
    # -- the workflow --
    project = models.ForeignKey(
        Project, verbose_name="项目", on_delete=models.PROTECT, related_name="cards"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报联络员",
        on_delete=models.PROTECT,
        related_name="express_cards_filed",
    )
    filing_unit = models.ForeignKey(
        "directory.Unit",
        verbose_name="报送单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="express_cards_filed",
    )
    responsible_unit = models.ForeignKey(
        "directory.Unit",
        verbose_name="责任单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="express_cards",
    )
    vice_mayor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="分管副市长",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="express_cards_to_instruct",
    )
    handler = models.CharField("办理负责人", max_length=64, blank=True)
    section = models.CharField("责任科室", max_length=64, blank=True)
    category = models.CharField(
        "问题类别", max_length=16, choices=_choices(wf.Category), blank=True
    )
    track = models.CharField(
        "督办方式", max_length=16, choices=_choices(wf.Track), default=wf.Track.EXPRESS.value
    )
    severity = models.CharField(
        "问题性质(13710)", max_length=16, choices=_choices(wf.Severity), blank=True
    )
    due_date = models.DateField("办结时限", null=True, blank=True)
    plan_due = models.DateField("解决计划完成日期", null=True, blank=True)
    state = models.CharField(
        "状态", max_length=24, choices=_choices(wf.State), default=wf.State.FILED.value
    )
    step_started_at = models.DateTimeField("本环节开始")
    step_due_at = models.DateTimeField("本环节时限", null=True, blank=True)
    clock_origin = models.DateTimeField("13710起算时间", null=True, blank=True)
    closed_at = models.DateTimeField("完结时间", null=True, blank=True)
    is_open = models.BooleanField("未办结", default=True)
    steps_count = models.PositiveIntegerField("环节数", default=0)

    class Meta:
        verbose_name = "重点项目事项处置卡"
        verbose_name_plural = "重点项目事项处置卡"
        ordering = ["-filed_at", "-id"]
        indexes = [
            models.Index(fields=["is_open", "step_due_at"], name="express_open_due"),
            models.Index(fields=["state", "step_due_at"], name="express_state_due"),
            models.Index(fields=["responsible_unit", "state"], name="express_unit_state"),
            models.Index(fields=["vice_mayor", "state"], name="express_mayor_state"),
            models.Index(fields=["filing_unit", "state"], name="express_filing_state"),
            models.Index(
                fields=["responsible_unit", "is_open", "step_due_at"], name="express_unit_open_due"
            ),
            models.Index(
                fields=["filing_unit", "is_open", "step_due_at"], name="express_filing_open_due"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.project_name}"

    @property
    def state_enum(self) -> wf.State:
        return wf.State(self.state)

    def snapshot(self) -> wf.Card:
        """The workflow's view of this row."""
        return wf.Card(
            state=wf.State(self.state),
            entered_at=self.step_started_at,
            track=wf.Track(self.track),
            category=wf.Category(self.category) if self.category else None,
            severity=wf.Severity(self.severity) if self.severity else None,
            advice=self.advice,
            instruction=self.instruction,
            result=self.result,
            responsible_unit=self.responsible_unit_id,
            vice_mayor=self.vice_mayor_id,
            handler=self.handler,
            section=self.section,
            due_date=self.due_date,
            plan_due=self.plan_due,
            clock_origin=self.clock_origin,
        )

    TAKEN_FIELDS = (
        "state", "step_started_at", "step_due_at", "track", "category", "severity", "advice",
        "instruction", "result", "responsible_unit", "vice_mayor", "handler", "section",
        "due_date", "plan_due", "clock_origin", "is_open",
    )  # fmt: skip
    """The columns :meth:`take` writes."""

    def take(self, card: wf.Card, due_at: object) -> None:
        """Copy a workflow card (and its running step's deadline) onto this row."""
        self.state = card.state.value
        self.step_started_at = card.entered_at
        self.step_due_at = due_at  # type: ignore[assignment]
        self.track = card.track.value
        self.category = card.category.value if card.category else ""
        self.severity = card.severity.value if card.severity else ""
        self.advice, self.instruction, self.result = card.advice, card.instruction, card.result
        self.responsible_unit_id = card.responsible_unit
        self.vice_mayor_id = card.vice_mayor
        self.handler, self.section = card.handler, card.section
        self.due_date, self.plan_due = card.due_date, card.plan_due
        self.clock_origin = card.clock_origin
        self.is_open = not card.state.terminal


class CardSequence(models.Model):
    """The last card number given out in a year: 直通车〔2020〕N号 counts from 1 each year."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    last = models.PositiveIntegerField("已用编号", default=0)

    class Meta:
        verbose_name = "处置卡编号"
        verbose_name_plural = "处置卡编号"

    def __str__(self) -> str:
        return f"{self.year}年 {self.last}"


class Step(models.Model):
    """One line of a card's history (办理记录): who, as which party, did what, when, how timely."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="steps")
    seq = models.PositiveIntegerField("序号")
    action = models.CharField(
        "操作", max_length=24, choices=[(a.value, a.label) for a in wf.Action]
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL
    )
    actor_role = models.CharField(
        "身份", max_length=24, choices=[(a.value, a.label) for a in wf.Actor]
    )
    actor_unit = models.ForeignKey(
        "directory.Unit",
        verbose_name="操作人单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_state = models.CharField("原状态", max_length=24, choices=_choices(wf.State), blank=True)
    to_state = models.CharField("新状态", max_length=24, choices=_choices(wf.State))
    at = models.DateTimeField("时间")
    comment = models.TextField("意见", blank=True)
    step_started_at = models.DateTimeField("环节开始", null=True, blank=True)
    step_due_at = models.DateTimeField("环节时限", null=True, blank=True)
    overdue = models.BooleanField("超时", default=False)
    details = models.JSONField("其他内容", default=dict, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["card", "seq"]
        constraints = [models.UniqueConstraint(fields=["card", "seq"], name="express_step_seq")]
        indexes = [models.Index(fields=["at"], name="express_step_at")]

    def __str__(self) -> str:
        return f"{self.card_id}#{self.seq} {self.get_action_display()}"

    @classmethod
    def of_entry(
        cls,
        card_id: int,
        seq: int,
        entry: wf.Entry,
        actor_id: int | None,
        actor_unit_id: int | None = None,
        details: dict[str, object] | None = None,
    ) -> Step:
        """The row of a workflow history line (unsaved)."""
        return cls(
            card_id=card_id,
            seq=seq,
            action=entry.action.value,
            actor_id=actor_id,
            actor_role=entry.actor.value if entry.actor else "",
            actor_unit_id=actor_unit_id,
            from_state=entry.from_state.value if entry.from_state else "",
            to_state=entry.to_state.value,
            at=entry.at,
            comment=entry.comment,
            step_started_at=entry.step_started_at,
            step_due_at=entry.step_due_at,
            overdue=entry.overdue,
            details=details or {},
        )

    def entry(self) -> wf.Entry:
        return wf.Entry(
            action=wf.Action(self.action),
            actor=wf.Actor(self.actor_role) if self.actor_role else None,
            from_state=wf.State(self.from_state) if self.from_state else None,
            to_state=wf.State(self.to_state),
            at=self.at,
            comment=self.comment,
            step_started_at=self.step_started_at,
            step_due_at=self.step_due_at,
        )

    @property
    def duration(self):  # type: ignore[no-untyped-def]
        return self.at - self.step_started_at if self.step_started_at else None


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"express/{instance.card_id}/{filename}"


class Attachment(models.Model):
    """A file attached to a card (附件: 照片、批复、会议纪要 …)."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField("上传时间")

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class Escalation(models.Model):
    """An overdue step reported to the supervision office and the vice mayor (超时督办)."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="escalations")
    state = models.CharField("超时环节", max_length=24, choices=_choices(wf.State))
    step_started_at = models.DateTimeField("环节开始")
    step_due_at = models.DateTimeField("环节时限")
    created_at = models.DateTimeField("督办时间")
    responsible_unit = models.ForeignKey(
        "directory.Unit",
        verbose_name="责任单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "超时督办"
        verbose_name_plural = "超时督办"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["card", "state", "step_started_at"], name="express_escalation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.card} {self.get_state_display()} 超时"


class Notification(models.Model):
    """An in-app notice (站内提醒) to one user about one card."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="express_notifications"
    )
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField("类型", max_length=32)
    message = models.CharField("内容", max_length=255)
    created_at = models.DateTimeField("时间")
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "提醒"
        verbose_name_plural = "提醒"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="express_notice_unread")]

    def __str__(self) -> str:
        return self.message
