"""Rows of state capital revenue (晋市政办〔2020〕19号): enterprises, declarations, returns."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luoshi.revenue.rules import BUDGET_CLASS, KIND_NAMES, Kind

KIND_CHOICES = [(kind.value, KIND_NAMES[kind]) for kind in Kind]
MONEY = {"max_digits": 16, "decimal_places": 2}


class Enterprise(models.Model):
    """A municipal enterprise within the state capital budget (市国投公司 and the others)."""

    class Ownership(models.TextChoices):
        WHOLLY_OWNED = "wholly_owned", "国有独资"
        CONTROLLING = "controlling", "国有控股"
        MINORITY = "minority", "国有参股"

    unit = models.OneToOneField(
        "directory.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="enterprise"
    )
    ownership = models.CharField("企业类型", max_length=16, choices=Ownership.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级企业", null=True, blank=True, on_delete=models.PROTECT
    )
    is_collector = models.BooleanField(
        "市国投公司(负责收缴)", default=False, help_text="市政府授权负责收缴市级国有资本收益"
    )

    class Meta:
        verbose_name = "市级企业"
        verbose_name_plural = "市级企业"
        ordering = ["-is_collector", "unit__name"]

    def __str__(self) -> str:
        return self.unit.name


class Declaration(models.Model):
    """One revenue obligation: asked for, declared (申报), reviewed, notified and paid (上交)."""

    class State(models.TextChoices):
        REQUESTED = "requested", "待申报"
        DECLARED = "declared", "已申报待审核"
        RETURNED = "returned", "退回修改"
        ACCEPTED = "accepted", "审核通过"
        NOTIFIED = "notified", "已下达上交通知"
        PAID = "paid", "已上交"

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="declarations"
    )
    kind = models.CharField("收益类型", max_length=12, choices=KIND_CHOICES)
    fiscal_year = models.PositiveIntegerField("所属年度")
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.REQUESTED)
    base = models.DecimalField("核定基数(元)", null=True, blank=True, **MONEY)
    event_date = models.DateField("决议/合同/方案/确定日期", null=True, blank=True)
    rate = models.DecimalField("上交比例", max_digits=5, decimal_places=4, null=True, blank=True)
    amount = models.DecimalField("应交金额(元)", null=True, blank=True, **MONEY)
    declare_by = models.DateField("申报期限", null=True, blank=True)
    notice_date = models.DateField("上交通知日期", null=True, blank=True)
    pay_by = models.DateField("上交期限", null=True, blank=True)
    clauses = models.JSONField("依据条款", default=list)
    note = models.TextField("说明", blank=True)
    review_comment = models.TextField("审核意见", blank=True)
    reported_to_finance = models.BooleanField("已向市财政局报备", default=False)
    declared_at = models.DateTimeField("申报时间", null=True, blank=True)
    paid_on = models.DateField("上交日期", null=True, blank=True)
    paid_amount = models.DecimalField("实交金额(元)", null=True, blank=True, **MONEY)
    budget_class = models.CharField("收入科目", max_length=8, default=BUDGET_CLASS)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField("发起时间")

    class Meta:
        verbose_name = "收益申报"
        verbose_name_plural = "收益申报"
        ordering = ["-fiscal_year", "enterprise__unit__name", "kind", "id"]
        indexes = [
            models.Index(fields=["state", "declare_by"]),
            models.Index(fields=["state", "pay_by"]),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.fiscal_year}年{self.get_kind_display()}"


class ReturnRequest(models.Model):
    """The 市国投公司 asks the city government to return part of the 70% (四、(三))."""

    class Purpose(models.TextChoices):
        LEGACY = "legacy", "解决国有企业历史遗留问题及相关国企改革"
        UPGRADE = "upgrade", "支持促进国有企业转型升级和新动能培育"
        CAPITAL = "capital", "国有企业资本金注入"
        OTHER = "other", "其他支出"

    class State(models.TextChoices):
        REQUESTED = "requested", "待市政府审批"
        APPROVED = "approved", "市政府同意"
        REFUSED = "refused", "市政府不同意"

    year = models.PositiveIntegerField("预算年度")
    purpose = models.CharField("支出方向", max_length=12, choices=Purpose.choices)
    amount = models.DecimalField("申请金额(元)", **MONEY)
    reason = models.TextField("事项说明")
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.REQUESTED)
    requested_at = models.DateTimeField("申请时间")
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "返还申请"
        verbose_name_plural = "返还申请"
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.year}年 {self.get_purpose_display()} {self.amount}元"
