"""Poverty-alleviation assets (扶贫资产): 晋市政办〔2020〕10号 二、 as rules-as-code.

Pure: no Django. Three rules the registry applies and quotes:

- classes (二、(二)): the four classes and their sub-classes;
- ownership confirmation (确权, 二、(六)): who owns an asset from how it was funded and used;
- revenue distribution (二、(四)): a plan's village and household shares must add up, be decided
  in the order 村提方案 → 村民会议决定 → 乡镇审核 → 县级备案, and not be shared out equally
  among households;
- idle and loss-making assets (二、(八)) flagged from their revenue records.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

DOCUMENT = "晋市政办〔2020〕10号"

CLASSES: dict[str, tuple[str, ...]] = {
    "基础设施类": ("道路交通", "农田水利", "供水引水", "电力及网络设施"),
    "公共服务类": ("教育", "文化", "体育", "卫生", "综合服务"),
    "产业发展类": (
        "农林牧业产业基地",
        "生产加工设施",
        "旅游服务设施",
        "电商服务设施",
        "光伏电站",
        "村集体入股的市场经营主体",
        "其他经营性资产",
    ),
    "易地扶贫搬迁类": ("新建住房", "配套设施", "公共服务设施"),
}
PUBLIC_CLASSES = frozenset({"基础设施类", "公共服务类", "易地扶贫搬迁类"})
REGISTRATION_DEADLINE = dt.date(2020, 6, 30)  # 二、(五): 在2020年6月底前完成

CLAUSES: dict[str, str] = {
    "二、(六) 到村": "确权到村的扶贫项目资产,产权归属村集体,纳入农村“三资”管理",
    "二、(六) 跨村": "跨村投入形成的资产属于村集体所有,要按股份确权到相关村集体。",
    "二、(六) 教育卫生": "教育卫生等领域扶贫资产,按照教育卫生体制改革要求确定产权归属。",
    "二、(六) 入股": (
        "使用财政扶贫资金入股形成的资产,按规定及时办理资产移交,实施主体准确界定适合量化的资产,"
        "界定结果由各县(市、区)人民政府确定的部门审核。"
    ),
    "二、(六) 公益性": "有关帮扶资金形成的基础设施、公共服务类等公益性资产,产权移交村集体",
    "二、(六) 经营性": (
        "对具有经营性质、有经营收益的资产,经第三方机构评估后,按照多予少取放活的原则,"
        "由乡(镇)政府、村集体、帮扶单位协商确定股权"
    ),
    "二、(六) 不明晰": "对于产权不明晰的,由县级人民政府按照相关规定和项目实际情况,确定产权归属。",
    "二、(四)": (
        "按照“群众参与、村提方案、乡镇审核、县级备案”的流程,由村集体研究提出扶贫资产收益分配"
        "使用方案,经村民会议或村民代表会议讨论决定后报乡镇人民政府审核,最后报县级行业主管部门备案。"
    ),
    "二、(四) 比例": "资产收益的分配要确定到村到户比例,到户的要坚持现行标准稳定脱贫,不平均分配",
    "二、(八)": "对长期闲置、效益差甚至亏损的扶贫资产,管护主体要立足当地实际,盘活用好扶贫资产。",
}


class RuleError(ValueError):
    """Facts the rules cannot apply to; the message says which and why, in Chinese."""


def check_class(asset_class: str, sub_class: str) -> None:
    if asset_class not in CLASSES:
        raise RuleError(f"资产类别应为{'、'.join(CLASSES)}之一")
    if sub_class not in CLASSES[asset_class]:
        raise RuleError(f"{asset_class}的子类应为{'、'.join(CLASSES[asset_class])}之一")


# --- 确权 ------------------------------------------------------------------------------------


class Owner(enum.StrEnum):
    VILLAGE = "village"  # 村集体
    VILLAGE_SHARES = "village_shares"  # 按股份确权到相关村集体
    SECTOR = "sector"  # 按教育卫生体制改革要求确定
    EQUITY_TRANSFER = "equity_transfer"  # 入股资产移交,县定部门审核量化结果
    NEGOTIATED_EQUITY = "negotiated_equity"  # 第三方评估后协商确定股权
    COUNTY_DECIDES = "county_decides"  # 县级人民政府确定


@dataclass(frozen=True)
class OwnershipFacts:
    asset_class: str
    villages: tuple[str, ...]  # the villages whose funds or land formed the asset
    sector: str = ""  # 教育 / 卫生 when the asset belongs to those systems
    fiscal_equity: bool = False  # 财政扶贫资金入股形成
    earns_revenue: bool = False  # 具有经营性质、有经营收益


@dataclass(frozen=True)
class Ownership:
    owner: Owner
    needs_valuation: bool
    clause_ref: str

    @property
    def clause(self) -> tuple[str, str]:
        return (f"{DOCUMENT} {self.clause_ref}", CLAUSES[self.clause_ref])


def confirm_ownership(facts: OwnershipFacts) -> Ownership:
    """The owner 二、(六) gives an asset, the first matching rule winning."""
    if facts.sector in {"教育", "卫生"}:
        return Ownership(Owner.SECTOR, False, "二、(六) 教育卫生")
    if facts.fiscal_equity:
        return Ownership(Owner.EQUITY_TRANSFER, False, "二、(六) 入股")
    if facts.earns_revenue and facts.asset_class == "产业发展类":
        return Ownership(Owner.NEGOTIATED_EQUITY, True, "二、(六) 经营性")
    if len(facts.villages) > 1:
        return Ownership(Owner.VILLAGE_SHARES, False, "二、(六) 跨村")
    if len(facts.villages) == 1:
        ref = "二、(六) 公益性" if facts.asset_class in PUBLIC_CLASSES else "二、(六) 到村"
        return Ownership(Owner.VILLAGE, False, ref)
    return Ownership(Owner.COUNTY_DECIDES, False, "二、(六) 不明晰")


def check_village_shares(shares: dict[str, Decimal]) -> None:
    """Cross-village shares: each positive, together exactly 100%."""
    if len(shares) < 2:
        raise RuleError("跨村资产应按股份确权到两个以上村集体")
    if any(s <= 0 for s in shares.values()):
        raise RuleError("各村股份应大于0")
    if sum(shares.values()) != Decimal(100):
        raise RuleError(f"各村股份合计应为100%,现为{sum(shares.values())}%")


# --- 收益分配 --------------------------------------------------------------------------------


class PlanStep(enum.StrEnum):
    PROPOSED = "proposed"  # 村提方案
    DECIDED = "decided"  # 村民会议(代表会议)决定
    REVIEWED = "reviewed"  # 乡镇审核
    FILED = "filed"  # 县级备案


PLAN_ORDER = (PlanStep.PROPOSED, PlanStep.DECIDED, PlanStep.REVIEWED, PlanStep.FILED)


def next_step(current: PlanStep | None) -> PlanStep:
    """The step a plan moves to from ``current`` (None: not yet proposed)."""
    return _next_in(PLAN_ORDER, current, "收益分配方案已县级备案,流程已完成")


S = TypeVar("S", bound=enum.StrEnum)


def _next_in(order: tuple[S, ...], current: S | None, done: str) -> S:
    if current is None:
        return order[0]
    index = order.index(current)
    if index + 1 == len(order):
        raise RuleError(done)
    return order[index + 1]


@dataclass(frozen=True)
class DistributionPlan:
    """How one year's revenue of an asset is used: the village's part and each household's."""

    revenue: Decimal
    village_amount: Decimal
    household_amounts: dict[str, Decimal]


def check_plan(plan: DistributionPlan) -> list[str]:
    """Refuse a plan whose parts do not add up; return warnings for a person to weigh."""
    parts = [plan.village_amount, *plan.household_amounts.values()]
    if plan.revenue < 0 or any(p < 0 for p in parts):
        raise RuleError("收益和分配金额不能为负数")
    total = sum(parts, Decimal(0))
    if total != plan.revenue:
        raise RuleError(f"到村和到户金额合计{total}元,与收益{plan.revenue}元不符")
    warnings = []
    amounts = set(plan.household_amounts.values())
    if len(plan.household_amounts) > 1 and len(amounts) == 1:
        warnings.append("到户收益平均分配:办法要求不平均分配,请说明依据")
    return warnings


# --- 处置 ------------------------------------------------------------------------------------


class DisposalKind(enum.StrEnum):
    TRANSFER = "transfer"  # 转让
    AUCTION = "auction"  # 拍卖
    SWAP = "swap"  # 置换
    LOSS = "loss"  # 报损
    SCRAP = "scrap"  # 报废


WRITE_OFFS = frozenset({DisposalKind.LOSS, DisposalKind.SCRAP})


class DisposalStep(enum.StrEnum):
    VALUED = "valued"  # 资产评估
    APPROVED = "approved"  # 履行报批手续
    PUBLISHED = "published"  # 处置结果公布
    BOOKED = "booked"  # 处置收入纳入村集体收入


DISPOSAL_ORDER = (
    DisposalStep.VALUED,
    DisposalStep.APPROVED,
    DisposalStep.PUBLISHED,
    DisposalStep.BOOKED,
)


def next_disposal_step(current: DisposalStep | None) -> DisposalStep:
    return _next_in(DISPOSAL_ORDER, current, "处置收入已入账,处置流程已完成")


def check_valuation(kind: DisposalKind, valuation: Decimal) -> None:
    """二、(九): every disposal starts from a valuation; only a write-off may be valued at 0."""
    if valuation < 0:
        raise RuleError("评估价值不能为负数")
    if valuation == 0 and kind not in WRITE_OFFS:
        raise RuleError("转让、拍卖、置换的资产应有评估价值")


def check_proceeds(kind: DisposalKind, valuation: Decimal, proceeds: Decimal) -> list[str]:
    """Refuse impossible proceeds; warn when a sale or swap fetched less than the valuation."""
    if proceeds < 0:
        raise RuleError("处置收入不能为负数")
    if kind not in WRITE_OFFS and proceeds < valuation:
        return [f"处置收入{proceeds}元低于评估价值{valuation}元,请说明依据"]
    return []


# --- 闲置与亏损 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RevenueRecord:
    month: dt.date  # the first day of the month recorded
    income: Decimal
    cost: Decimal


class Condition(enum.StrEnum):
    IDLE = "idle"  # 长期闲置
    LOSS_MAKING = "loss_making"  # 亏损
    POOR = "poor"  # 效益差


def flag_asset(
    records: Sequence[RevenueRecord],
    today: dt.date,
    *,
    earns_revenue: bool,
    idle_months: int = 12,
    poor_yield: Decimal = Decimal("0.01"),
    book_value: Decimal | None = None,
) -> list[Condition]:
    """Conditions 二、(八) asks the custodian to act on, from the last ``idle_months`` of records."""
    if not earns_revenue:
        return []
    since = _months_before(today, idle_months)
    recent = [r for r in records if since <= r.month <= today]
    if not any(r.income > 0 for r in recent):
        return [Condition.IDLE]
    net = sum((r.income - r.cost for r in recent), Decimal(0))
    if net < 0:
        return [Condition.LOSS_MAKING]
    if book_value and book_value > 0 and net / book_value < poor_yield:
        return [Condition.POOR]
    return []


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)
