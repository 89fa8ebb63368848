"""Incidents (突发事件), their timeline, checklist and report clocks; warnings (预警) and CAP messages.

Rows change only through the named actions in :mod:`luoshi.emergency.actions`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from luoshi.emergency import clocks, posts
from luoshi.emergency.levels import chinese_level


class Incident(models.Model):
    """One incident handled under one plan (突发事件), from the first report to the after-action report."""

    class State(models.TextChoices):
        PROPOSED = "proposed", "待决定响应"
        ACTIVE = "active", "响应中"
        MONITORING = "monitoring", "未启动响应"
        STOOD_DOWN = "stood_down", "响应已终止"

    number = models.CharField("事件编号", max_length=64, unique=True)
    plan_id = models.CharField("预案", max_length=32, db_index=True)
    title = models.CharField("事件名称", max_length=200)
    county = models.CharField("事发县(市、区)", max_length=32)
    place = models.CharField("事发地点", max_length=200)
    occurred_at = models.DateTimeField("事发时间")
    reported_at = models.DateTimeField("接报时间")
    reporter = models.CharField("报告人", max_length=100)
    summary = models.TextField("事件概况", blank=True)
    facts = models.JSONField("事实", default=dict, blank=True)
    state = models.CharField(
        "状态", max_length=16, choices=State.choices, default=State.PROPOSED, db_index=True
    )
    level = models.CharField("响应级别", max_length=8, blank=True)
    proposed_level = models.CharField("建议级别", max_length=8)
    proposal = models.JSONField("分级研判", default=dict)
    launched_at = models.DateTimeField("启动响应时间", null=True, blank=True)
    stood_down_at = models.DateTimeField("终止响应时间", null=True, blank=True)
    assessment_due_at = models.DateTimeField("总结评估报告期限", null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField("登记时间")
    updated_at = models.DateTimeField("更新时间")

    class Meta:
        verbose_name = "突发事件"
        verbose_name_plural = "突发事件"
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def level_label(self) -> str:
        return chinese_level(self.level) if self.level else "未决定"  # type: ignore[arg-type]

    @property
    def proposed_label(self) -> str:
        return chinese_level(self.proposed_level)  # type: ignore[arg-type]

    @property
    def change_pending(self) -> bool:
        """A launched response whose facts now meet another level (升级/降级 proposed)."""
        return self.state == self.State.ACTIVE and self.proposed_level != self.level

    @property
    def is_open(self) -> bool:
        return self.state != self.State.STOOD_DOWN


class TimelineEntry(models.Model):
    """One line of an incident's timeline (事件时间线): what happened, when, by whom."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField("时间")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField("类型", max_length=32)
    summary = models.CharField("摘要", max_length=500)
    ref = models.CharField("预案条款", max_length=64, blank=True)
    data = models.JSONField("详情", null=True, blank=True)

    class Meta:
        verbose_name = "事件时间线"
        verbose_name_plural = "事件时间线"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["incident", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%m-%d %H:%M} {self.summary}"


class ChecklistItem(models.Model):
    """A response measure of the launched level (主要措施), to tick off."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="checklist")
    level = models.CharField("响应级别", max_length=8)
    seq = models.PositiveIntegerField("序号")
    ref = models.CharField("预案条款", max_length=64)
    text = models.TextField("措施")
    done_at = models.DateTimeField("完成时间", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "处置措施"
        verbose_name_plural = "处置措施"
        ordering = ["seq", "id"]

    def __str__(self) -> str:
        return f"{self.ref} {self.text[:30]}"


class ReportClock(models.Model):
    """A report the plan requires (信息报告), with its time limit: 初报、续报、终报."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="clocks")
    seq = models.PositiveIntegerField("序号")
    name = models.CharField("报告", max_length=100)
    phase = models.CharField("阶段", max_length=16)
    level = models.CharField("响应级别", max_length=8)
    ref = models.CharField("预案条款", max_length=64)
    text = models.TextField("条款原文")
    by_whom = models.CharField("报告主体", max_length=200)
    to_whom = models.CharField("报告对象", max_length=200)
    within = models.CharField("时限", max_length=32)
    within_text = models.CharField("时限原文", max_length=100)
    start = models.CharField("起算", max_length=32)
    starts_at = models.DateTimeField("起算时间", null=True, blank=True)
    due_at = models.DateTimeField("截止时间", null=True, blank=True)
    filed_at = models.DateTimeField("报送时间", null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField("报送说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "报告时限"
        verbose_name_plural = "报告时限"
        ordering = ["seq", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.within_text}"

    def status(self, now: dt.datetime) -> clocks.ClockStatus:
        return clocks.status(
            within=self.within,
            starts_at=self.starts_at,
            due=self.due_at,
            filed_at=self.filed_at,
            now=now,
        )

    @property
    def phase_label(self) -> str:
        return clocks.PHASE_NAMES.get(self.phase, self.phase)

    @property
    def start_label(self) -> str:
        return clocks.START_NAMES.get(self.start, self.start)

    @property
    def manual_start(self) -> bool:
        return self.start not in clocks.AUTOMATIC_STARTS


class EarlyWarning(models.Model):
    """A warning (预警) issued at one of the plan's colour levels; adjusted and lifted."""

    class State(models.TextChoices):
        ACTIVE = "active", "生效中"
        LIFTED = "lifted", "已解除"

    number = models.CharField("预警编号", max_length=64, unique=True)
    plan_id = models.CharField("预案", max_length=32, db_index=True)
    incident = models.ForeignKey(
        Incident,
        verbose_name="关联事件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="warnings",
    )
    level = models.CharField("预警级别", max_length=8)
    colour = models.CharField("预警颜色", max_length=8)
    area = models.CharField("预警区域", max_length=200)
    geocode = models.CharField("区划代码", max_length=12, blank=True)
    headline = models.CharField("标题", max_length=200)
    description = models.TextField("预警内容")
    instruction = models.TextField("防范措施", blank=True)
    authority = models.CharField("发布单位", max_length=100)
    state = models.CharField(
        "状态", max_length=16, choices=State.choices, default=State.ACTIVE, db_index=True
    )
    issued_at = models.DateTimeField("发布时间")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间")
    lifted_at = models.DateTimeField("解除时间", null=True, blank=True)

    class Meta:
        verbose_name = "预警"
        verbose_name_plural = "预警"
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.headline}"


class WarningMessage(models.Model):
    """One CAP message of a warning: issue (Alert), adjust (Update) or lift (Cancel)."""

    warning = models.ForeignKey(EarlyWarning, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveIntegerField("序号")
    msg_type = models.CharField("消息类型", max_length=8)
    identifier = models.CharField("消息标识", max_length=40, unique=True)
    sender = models.CharField("发送方", max_length=100)
    sent_at = models.DateTimeField("发送时间")
    level = models.CharField("预警级别", max_length=8)
    colour = models.CharField("预警颜色", max_length=8)
    headline = models.CharField("标题", max_length=200)
    description = models.TextField("内容")
    instruction = models.TextField("防范措施", blank=True)
    reason = models.CharField("原因", max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "预警消息"
        verbose_name_plural = "预警消息"
        ordering = ["warning", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["warning", "seq"], name="emergency_message_seq")
        ]

    def __str__(self) -> str:
        return self.identifier

    @property
    def kind_label(self) -> str:
        """发布 / 调整 / 解除 (CAP Alert / Update / Cancel)."""
        return {"Alert": "发布", "Update": "调整", "Cancel": "解除"}.get(
            self.msg_type, self.msg_type
        )


class DecisionPost(models.Model):
    """A user's post in a plan's headquarters (总指挥 / 副总指挥 / 指挥部办公室): who may decide."""

    plan_id = models.CharField("预案", max_length=32, db_index=True)
    post = models.CharField("岗位", max_length=16, choices=[(p.value, p.label) for p in posts.Post])
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="人员",
        on_delete=models.CASCADE,
        related_name="emergency_posts",
    )
    note = models.CharField("职务", max_length=100, blank=True)

    class Meta:
        verbose_name = "指挥部岗位"
        verbose_name_plural = "指挥部岗位"
        ordering = ["plan_id", "post", "user"]
        constraints = [
            models.UniqueConstraint(fields=["plan_id", "post", "user"], name="emergency_post_once")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.get_post_display()} {self.user}"


from luoshi.emergency.playbook_versions import PlaybookVersion  # noqa: E402,F401  (a model of this app)
