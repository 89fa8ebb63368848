"""The poverty-alleviation asset registry (扶贫资产动态监管台账, 晋市政办〔2020〕10号)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luoshi.assets.rules import CLASSES, DisposalKind, DisposalStep, Owner, PlanStep

MONEY = {"max_digits": 14, "decimal_places": 2}
OWNER_NAMES = {
    Owner.VILLAGE: "村集体",
    Owner.VILLAGE_SHARES: "相关村集体按股份",
    Owner.SECTOR: "行业部门(教育卫生体制)",
    Owner.EQUITY_TRANSFER: "入股资产移交",
    Owner.NEGOTIATED_EQUITY: "协商确定股权",
    Owner.COUNTY_DECIDES: "县级人民政府确定",
}


class Village(models.Model):
    """A village (行政村) with its township and county: the registry's place and area scope."""

    county = models.CharField("县(市、区)", max_length=32, db_index=True)
    township = models.CharField("乡(镇)", max_length=32)
    name = models.CharField("村", max_length=32)

    class Meta:
        verbose_name = "行政村"
        verbose_name_plural = "行政村"
        ordering = ["county", "township", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "township", "name"], name="one_village_per_place"
            )
        ]

    def __str__(self) -> str:
        return f"{self.county}{self.township}{self.name}"


class Asset(models.Model):
    """One asset formed since 2016 from poverty-alleviation funds, as registered (登记)."""

    code = models.CharField("资产编号", max_length=32, unique=True)
    name = models.CharField("资产名称", max_length=128)
    asset_class = models.CharField(
        "资产类别", max_length=16, choices=[(c, c) for c in CLASSES], db_index=True
    )
    sub_class = models.CharField("子类", max_length=32)
    fund_sources = models.CharField("资金来源", max_length=128)
    amount = models.DecimalField("投入金额(元)", **MONEY)
    year = models.PositiveSmallIntegerField("形成年度")
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="assets")
    county = models.CharField(
        "县(市、区)", max_length=32
    )  # denormalised from the village for lists
    owner_rule = models.CharField(
        "确权结果",
        max_length=20,
        choices=[(o.value, n) for o, n in OWNER_NAMES.items()],
        blank=True,
    )
    owner = models.CharField("所有权人", max_length=128, blank=True)
    village_shares = models.JSONField(
        "各村股份(%)", default=dict, blank=True
    )  # {village name: "percent"} when owned by shares across villages
    confirmed_on = models.DateField("确权日期", null=True, blank=True)
    valued_by = models.CharField(
        "确权评估机构", max_length=128, blank=True
    )  # the third-party valuation 二、(六) asks before shares of a revenue-earning asset
    custodian = models.CharField("管护主体", max_length=128)
    responsible = models.CharField("管护责任人", max_length=32)
    earns_revenue = models.BooleanField("经营性(有收益)", default=False)
    condition = models.CharField("运营状况", max_length=16, blank=True, db_index=True)
    registered_at = models.DateTimeField("登记时间")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "扶贫资产"
        verbose_name_plural = "扶贫资产"
        ordering = ["county", "code"]
        indexes = [
            models.Index(fields=["county", "asset_class", "code"]),
            models.Index(fields=["county", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class RevenueRecord(models.Model):
    """A month of an asset's income and costs (收益台账)."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="revenue")
    month = models.DateField("月份")
    income = models.DecimalField("收入(元)", **MONEY)
    cost = models.DecimalField("支出(元)", **MONEY)

    class Meta:
        verbose_name = "收益记录"
        verbose_name_plural = "收益记录"
        ordering = ["asset", "month"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "month"], name="one_record_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.asset.code} {self.month:%Y-%m}"


class AreaAssignment(models.Model):
    """The area a user answers for: a county, one township of it, or one village (区域权限)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="asset_area"
    )
    county = models.CharField("县(市、区)", max_length=32)
    township = models.CharField("乡(镇)", max_length=32, blank=True)
    village = models.ForeignKey(Village, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        verbose_name = "资产管理区域"
        verbose_name_plural = "资产管理区域"

    def __str__(self) -> str:
        return f"{self.user}: {self.village or (self.county + self.township)}"


STEP_NAMES = {
    PlanStep.PROPOSED: "村提方案",
    PlanStep.DECIDED: "村民会议决定",
    PlanStep.REVIEWED: "乡镇审核",
    PlanStep.FILED: "县级备案",
}


class DistributionPlan(models.Model):
    """One year's revenue distribution plan of an asset (扶贫资产收益分配使用方案).

    ``household_amounts`` maps each household head's name to its amount (yuan, as a string);
    ``history`` holds one entry per step taken (step, date, actor, note): the 公示 of each step.
    """

    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField("收益年度")
    revenue = models.DecimalField("收益(元)", **MONEY)
    village_amount = models.DecimalField("到村金额(元)", **MONEY)
    household_amounts = models.JSONField("到户金额", default=dict)
    warnings = models.JSONField("提示", default=list, blank=True)
    step = models.CharField(
        "流程环节", max_length=16, choices=[(s.value, n) for s, n in STEP_NAMES.items()]
    )
    history = models.JSONField("各环节记录", default=list)

    class Meta:
        verbose_name = "收益分配方案"
        verbose_name_plural = "收益分配方案"
        ordering = ["-year", "asset"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "year"], name="one_plan_per_asset_year")
        ]

    def __str__(self) -> str:
        return f"{self.asset.code} {self.year}年收益分配方案"


DISPOSAL_KINDS = {
    DisposalKind.TRANSFER: "转让",
    DisposalKind.AUCTION: "拍卖",
    DisposalKind.SWAP: "置换",
    DisposalKind.LOSS: "报损",
    DisposalKind.SCRAP: "报废",
}
DISPOSAL_STEPS = {
    DisposalStep.VALUED: "资产评估",
    DisposalStep.APPROVED: "报批",
    DisposalStep.PUBLISHED: "处置结果公布",
    DisposalStep.BOOKED: "收入纳入村集体",
}


class Disposal(models.Model):
    """The disposal (处置) of an asset, 二、(九): valuation, approval, published result, proceeds."""

    asset = models.OneToOneField(Asset, on_delete=models.PROTECT, related_name="disposal")
    kind = models.CharField("处置方式", max_length=16, choices=list(DISPOSAL_KINDS.items()))
    reason = models.CharField("处置原因", max_length=500)
    valuation = models.DecimalField("评估价值(元)", **MONEY)
    valuer = models.CharField("评估机构", max_length=128)
    proceeds = models.DecimalField("处置收入(元)", null=True, blank=True, **MONEY)
    warnings = models.JSONField("提示", default=list, blank=True)
    step = models.CharField("流程环节", max_length=16, choices=list(DISPOSAL_STEPS.items()))
    history = models.JSONField("各环节记录", default=list)

    class Meta:
        verbose_name = "资产处置"
        verbose_name_plural = "资产处置"

    def __str__(self) -> str:
        return f"{self.asset.code} {DISPOSAL_KINDS[DisposalKind(self.kind)]}"
