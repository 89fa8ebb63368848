"""The named actions on assets: 确权 and the revenue distribution plan's four steps.

Rules come from :mod:`luoshi.assets.rules`; who may act from :mod:`luoshi.assets.access`
(a village proposes and records its assembly's decision, the township reviews, the county
confirms ownership and files plans).
"""

from __future__ import annotations

import enum
from decimal import Decimal

from luoshi.assets import rules
from luoshi.assets.access import require_area_level
from luoshi.assets.models import OWNER_NAMES, STEP_NAMES, Asset, DistributionPlan
from luoshi.assets.rules import PlanStep
from luoshi.core import clock
from luoshi.core.actions import Action, AuditNote
from luoshi.core.errors import Conflict, Invalid
from luoshi.core.models import User

STEP_PARTY = {
    PlanStep.PROPOSED: "村",
    PlanStep.DECIDED: "村",
    PlanStep.REVIEWED: "乡镇",
    PlanStep.FILED: "县",
}


class ConfirmOwnership(Action[Asset]):
    """The county confirms who owns an asset (确权, 二、(六))."""

    name = "assets.confirm_ownership"

    def __init__(
        self,
        actor: User,
        asset: Asset,
        facts: rules.OwnershipFacts,
        owner: str,
        shares: dict[str, Decimal] | None = None,
        valued_by: str = "",
    ) -> None:
        super().__init__(actor)
        self.asset, self.facts, self.owner = asset, facts, owner.strip()
        self.shares, self.valued_by = shares or {}, valued_by.strip()

    def targets(self) -> list[Asset]:
        return [self.asset]

    def check(self) -> None:
        require_area_level(self.actor, self.asset.village, "县")
        if self.asset.confirmed_on is not None:
            raise Conflict("该资产已确权")
        if not self.owner or len(self.owner) > 128:
            raise Invalid("请填写所有权人(128字以内)")
        self.ownership = rules.confirm_ownership(self.facts)
        if self.ownership.needs_valuation and not self.valued_by:
            raise Invalid("经营性资产应经第三方机构评估后确定股权,请填写评估机构")
        if len(self.valued_by) > 128:
            raise Invalid("评估机构不超过128字")
        if self.ownership.owner == rules.Owner.VILLAGE_SHARES:
            try:
                rules.check_village_shares(self.shares)
            except rules.RuleError as exc:
                raise Invalid(str(exc)) from exc
        elif self.shares:
            raise Invalid("只有跨村资产按股份确权")

    def execute(self) -> Asset:
        self.asset.owner_rule = self.ownership.owner.value
        self.asset.owner = self.owner
        self.asset.village_shares = {v: str(s) for v, s in self.shares.items()}
        self.asset.confirmed_on = clock.today()
        self.asset.valued_by = self.valued_by
        fields = ["owner_rule", "owner", "village_shares", "confirmed_on", "valued_by"]
        self.asset.save(update_fields=fields)
        return self.asset

    def audit(self, result: Asset) -> AuditNote:
        ref, _text = self.ownership.clause
        rule = OWNER_NAMES[self.ownership.owner]
        return AuditNote(
            result,
            summary=f"确权 {result.code}:{rule},所有权人 {result.owner}",
            reason=ref,
            after={"owner_rule": result.owner_rule, "owner": result.owner,
                   "shares": result.village_shares},
        )  # fmt: skip


def step_entry(step: enum.StrEnum, actor: User, note: str, name: str = "") -> dict[str, str]:
    """One entry of a procedure's history: the step, its name, the date, who, their note."""
    return {
        "step": step.value,
        "name": name or STEP_NAMES[PlanStep(step)],
        "on": clock.today().isoformat(),
        "by": str(actor),
        "note": note,
    }


def check_note(note: str) -> str:
    note = note.strip()
    if len(note) > 500:
        raise Invalid("说明不超过500字")
    return note


class ProposePlan(Action[DistributionPlan]):
    """The village proposes a year's distribution plan (村提方案)."""

    name = "assets.propose_plan"

    def __init__(
        self, actor: User, asset: Asset, year: int, plan: rules.DistributionPlan, note: str = ""
    ) -> None:
        super().__init__(actor)
        self.asset, self.year, self.plan, self.note = asset, year, plan, note

    def check(self) -> None:
        require_area_level(self.actor, self.asset.village, "村")
        if not self.asset.earns_revenue:
            raise Invalid("该资产不是经营性资产,没有收益可分配")
        if not 2016 <= self.year <= clock.today().year:
            raise Invalid("收益年度应在2016年至今年之间")
        if any(not name.strip() or len(name) > 32 for name in self.plan.household_amounts):
            raise Invalid("户主姓名不能为空,不超过32字")
        try:
            self.warnings = rules.check_plan(self.plan)
        except rules.RuleError as exc:
            raise Invalid(str(exc)) from exc
        self.note = check_note(self.note)
        if DistributionPlan.objects.filter(asset=self.asset, year=self.year).exists():
            raise Conflict(f"{self.year}年度的收益分配方案已提出")

    def execute(self) -> DistributionPlan:
        amounts = self.plan.household_amounts
        return DistributionPlan.objects.create(
            asset=self.asset,
            year=self.year,
            revenue=self.plan.revenue,
            village_amount=self.plan.village_amount,
            household_amounts={name.strip(): str(a) for name, a in amounts.items()},
            warnings=self.warnings,
            step=PlanStep.PROPOSED,
            history=[step_entry(PlanStep.PROPOSED, self.actor, self.note)],
        )

    def audit(self, result: DistributionPlan) -> AuditNote:
        return AuditNote(
            result, summary=f"村提方案 {result}", after={"revenue": str(result.revenue)}
        )


class AdvancePlan(Action[DistributionPlan]):
    """The next step of a plan, by its party: 村民会议决定 (village), 乡镇审核, 县级备案."""

    name = "assets.advance_plan"

    def __init__(self, actor: User, plan: DistributionPlan, note: str = "") -> None:
        super().__init__(actor)
        self.plan, self.note = plan, note

    def targets(self) -> list[DistributionPlan]:
        return [self.plan]

    def check(self) -> None:
        try:
            self.step = rules.next_step(PlanStep(self.plan.step))
        except rules.RuleError as exc:
            raise Conflict(str(exc)) from exc
        require_area_level(self.actor, self.plan.asset.village, STEP_PARTY[self.step])
        self.note = check_note(self.note)

    def execute(self) -> DistributionPlan:
        self.plan.step = self.step.value
        self.plan.history = [*self.plan.history, step_entry(self.step, self.actor, self.note)]
        self.plan.save(update_fields=["step", "history"])
        return self.plan

    def audit(self, result: DistributionPlan) -> AuditNote:
        return AuditNote(result, summary=f"{STEP_NAMES[self.step]} {result}", reason=self.note)
