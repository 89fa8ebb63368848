"""Poverty-alleviation asset rules (晋市政办〔2020〕10号): examples and properties."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.assets.rules import (
    CLASSES,
    CLAUSES,
    Condition,
    DistributionPlan,
    Owner,
    OwnershipFacts,
    PlanStep,
    RevenueRecord,
    RuleError,
    check_class,
    check_plan,
    check_village_shares,
    confirm_ownership,
    flag_asset,
    next_step,
)


def owner(asset_class="基础设施类", villages=("东沟村",), **more) -> Owner:
    return confirm_ownership(OwnershipFacts(asset_class, tuple(villages), **more)).owner


def test_should_give_a_village_project_to_its_collective():
    assert owner() == Owner.VILLAGE
    assert owner("产业发展类") == Owner.VILLAGE


def test_should_share_a_cross_village_asset():
    assert owner(villages=("东沟村", "西沟村")) == Owner.VILLAGE_SHARES
    check_village_shares({"东沟村": Decimal(60), "西沟村": Decimal(40)})
    with pytest.raises(RuleError, match="合计应为100%"):
        check_village_shares({"东沟村": Decimal(60), "西沟村": Decimal(30)})


def test_should_apply_the_special_rules_before_the_village_rule():
    assert owner("公共服务类", sector="教育") == Owner.SECTOR
    assert owner("产业发展类", fiscal_equity=True) == Owner.EQUITY_TRANSFER
    operating = confirm_ownership(OwnershipFacts("产业发展类", ("东沟村",), earns_revenue=True))
    assert (operating.owner, operating.needs_valuation) == (Owner.NEGOTIATED_EQUITY, True)
    assert owner(villages=()) == Owner.COUNTY_DECIDES


def test_should_check_classes_and_sub_classes():
    check_class("产业发展类", "光伏电站")
    with pytest.raises(RuleError, match="子类"):
        check_class("产业发展类", "道路交通")
    with pytest.raises(RuleError, match="资产类别"):
        check_class("其他", "道路交通")


def test_should_move_a_plan_through_the_four_steps_in_order():
    steps = [next_step(None)]
    while steps[-1] != PlanStep.FILED:
        steps.append(next_step(steps[-1]))
    assert steps == [PlanStep.PROPOSED, PlanStep.DECIDED, PlanStep.REVIEWED, PlanStep.FILED]
    with pytest.raises(RuleError):
        next_step(PlanStep.FILED)


def test_should_refuse_a_plan_that_does_not_add_up_and_warn_on_equal_shares():
    plan = DistributionPlan(Decimal(1000), Decimal(400), {"户1": Decimal(300), "户2": Decimal(300)})
    assert check_plan(plan) == ["到户收益平均分配:办法要求不平均分配,请说明依据"]
    with pytest.raises(RuleError, match="不符"):
        check_plan(DistributionPlan(Decimal(1000), Decimal(400), {"户1": Decimal(300)}))
    with pytest.raises(RuleError, match="负数"):
        check_plan(DistributionPlan(Decimal(0), Decimal(-5), {"户1": Decimal(5)}))


def month(y: int, m: int, income: int, cost: int = 0) -> RevenueRecord:
    return RevenueRecord(dt.date(y, m, 1), Decimal(income), Decimal(cost))


def test_should_flag_idle_and_loss_making_assets_from_revenue_records():
    today = dt.date(2020, 7, 1)
    assert flag_asset([month(2019, 5, 800)], today, earns_revenue=True) == [Condition.IDLE]
    losing = [month(2020, 3, 500, 900), month(2020, 4, 100, 50)]
    assert flag_asset(losing, today, earns_revenue=True) == [Condition.LOSS_MAKING]
    assert flag_asset(losing, today, earns_revenue=False) == []
    thin = [month(2020, 5, 110, 100)]
    assert flag_asset(thin, today, earns_revenue=True, book_value=Decimal(100000)) == [
        Condition.POOR
    ]


def test_should_quote_clauses_that_stand_in_the_gazette(gazette_text):
    flat = re.sub(r"\s+", "", gazette_text)
    for ref, text in CLAUSES.items():
        assert re.sub(r"\s+", "", text) in flat, ref
    for sub_classes in CLASSES.values():
        assert all(name in flat for name in sub_classes)


amounts = st.decimals(min_value=0, max_value=10**6, places=2)


@given(amounts, st.dictionaries(st.text(min_size=1, max_size=4), amounts, max_size=6))
def test_should_accept_exactly_the_plans_whose_parts_add_up(village, households):
    revenue = village + sum(households.values(), Decimal(0))
    check_plan(DistributionPlan(revenue, village, households))
    with pytest.raises(RuleError):
        check_plan(DistributionPlan(revenue + Decimal("0.01"), village, households))


@given(
    st.sampled_from(list(CLASSES)),
    st.lists(st.sampled_from(["甲村", "乙村", "丙村"]), unique=True, max_size=3),
    st.sampled_from(["", "教育", "卫生", "交通"]),
    st.booleans(),
    st.booleans(),
)
def test_should_always_name_an_owner_with_a_quoted_clause(
    asset_class, villages, sector, equity, earns
):
    result = confirm_ownership(OwnershipFacts(asset_class, tuple(villages), sector, equity, earns))
    assert result.clause[1] == CLAUSES[result.clause_ref]
    if len(villages) > 1 and not (
        sector in {"教育", "卫生"} or equity or (earns and asset_class == "产业发展类")
    ):
        assert result.owner == Owner.VILLAGE_SHARES
