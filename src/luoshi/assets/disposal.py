"""The disposal of an asset (处置, 二、(九)) as named actions.

The village (the asset's custodian) starts it with the third-party valuation; the county approves
(报批); the county publishes the result with the proceeds (结果公布); the village books the
proceeds to the collective (收入纳入村集体).
"""

from __future__ import annotations

from decimal import Decimal

from luoshi.assets import rules
from luoshi.assets.access import require_area_level
from luoshi.assets.models import DISPOSAL_STEPS, Asset, Disposal
from luoshi.assets.rules import DisposalKind, DisposalStep
from luoshi.assets.services import check_note, step_entry
from luoshi.core.actions import Action, AuditNote
from luoshi.core.errors import Conflict, Invalid
from luoshi.core.models import User

DISPOSAL_PARTY = {
    DisposalStep.VALUED: "村",
    DisposalStep.APPROVED: "县",
    DisposalStep.PUBLISHED: "县",
    DisposalStep.BOOKED: "村",
}


def _entry(step: DisposalStep, actor: User, note: str) -> dict[str, str]:
    return step_entry(step, actor, note, name=DISPOSAL_STEPS[step])


class StartDisposal(Action[Disposal]):
    """The village asks to dispose of an asset, with the valuation (资产评估)."""

    name = "assets.start_disposal"

    def __init__(
        self, actor: User, asset: Asset, kind: str, reason: str, valuation: Decimal, valuer: str
    ) -> None:
        super().__init__(actor)
        self.asset, self.kind, self.valuation = asset, kind, valuation
        self.reason, self.valuer = reason.strip(), valuer.strip()

    def targets(self) -> list[Asset]:
        return [self.asset]

    def check(self) -> None:
        require_area_level(self.actor, self.asset.village, DISPOSAL_PARTY[DisposalStep.VALUED])
        if self.kind not in DisposalKind.__members__.values():
            raise Invalid("处置方式应为转让、拍卖、置换、报损或报废")
        if not self.reason or len(self.reason) > 500:
            raise Invalid("请填写处置原因(500字以内)")
        if not self.valuer or len(self.valuer) > 128:
            raise Invalid("请填写评估机构(128字以内)")
        try:
            rules.check_valuation(DisposalKind(self.kind), self.valuation)
        except rules.RuleError as exc:
            raise Invalid(str(exc)) from exc
        if Disposal.objects.filter(asset=self.asset).exists():
            raise Conflict("该资产已在处置中")

    def execute(self) -> Disposal:
        return Disposal.objects.create(
            asset=self.asset,
            kind=self.kind,
            reason=self.reason,
            valuation=self.valuation,
            valuer=self.valuer,
            step=DisposalStep.VALUED,
            history=[_entry(DisposalStep.VALUED, self.actor, self.reason)],
        )

    def audit(self, result: Disposal) -> AuditNote:
        return AuditNote(
            result, summary=f"申请处置 {result}", after={"valuation": str(self.valuation)}
        )


class AdvanceDisposal(Action[Disposal]):
    """The next step of a disposal by its party; publishing the result records the proceeds."""

    name = "assets.advance_disposal"

    def __init__(
        self, actor: User, disposal: Disposal, note: str = "", proceeds: Decimal | None = None
    ) -> None:
        super().__init__(actor)
        self.disposal, self.note, self.proceeds = disposal, note, proceeds

    def targets(self) -> list[Disposal]:
        return [self.disposal]

    def check(self) -> None:
        try:
            self.step = rules.next_disposal_step(DisposalStep(self.disposal.step))
        except rules.RuleError as exc:
            raise Conflict(str(exc)) from exc
        require_area_level(self.actor, self.disposal.asset.village, DISPOSAL_PARTY[self.step])
        self.note = check_note(self.note)
        self.warnings: list[str] = []
        if self.step == DisposalStep.PUBLISHED:
            if self.proceeds is None:
                raise Invalid("公布处置结果时请填写处置收入")
            kind = DisposalKind(self.disposal.kind)
            try:
                self.warnings = rules.check_proceeds(kind, self.disposal.valuation, self.proceeds)
            except rules.RuleError as exc:
                raise Invalid(str(exc)) from exc

    def execute(self) -> Disposal:
        disposal = self.disposal
        disposal.step = self.step.value
        disposal.history = [*disposal.history, _entry(self.step, self.actor, self.note)]
        if self.step == DisposalStep.PUBLISHED:
            disposal.proceeds, disposal.warnings = self.proceeds, self.warnings
        disposal.save(update_fields=["step", "history", "proceeds", "warnings"])
        return disposal

    def audit(self, result: Disposal) -> AuditNote:
        return AuditNote(result, summary=f"{DISPOSAL_STEPS[self.step]} {result}", reason=self.note)
