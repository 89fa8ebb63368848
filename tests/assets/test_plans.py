"""确权 and the revenue distribution plan: parties by area, all-or-nothing, the public 公示."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from tests.assets.conftest import client_for

from luoshi.assets.flagging import flag_all
from luoshi.assets.models import DistributionPlan, RevenueRecord
from luoshi.assets.plan_views import name_amount_lines
from luoshi.core import clock
from luoshi.core.models import AuditEntry

pytestmark = pytest.mark.django_db


PLAN = {
    "year": "2019",
    "revenue": "10000",
    "village_amount": "6000",
    "households": "张小明 2500\n欧阳建国 1500",
}


def test_confirm_ownership_is_for_the_county_only(place):
    asset = place["asset"]
    url = f"/assets/{asset.pk}/confirm/"
    for who in ("east", "township", "other_county"):
        response = client_for(place[who]).post(url, {"owner": "东沟村集体"})
        assert response.status_code in (403, 404), who
    owner = {"owner": "东沟村股份经济合作社"}
    response = client_for(place["county"]).post(url, owner)
    assert response.status_code == 400  # 经营性: the third-party valuation comes first
    assert "第三方机构评估" in response.content.decode()
    response = client_for(place["county"]).post(url, {**owner, "valued_by": "某评估事务所"})
    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.owner_rule == "negotiated_equity"  # 经营性产业资产: 评估后协商确定股权
    assert asset.confirmed_on == clock.today() and asset.valued_by == "某评估事务所"
    assert AuditEntry.objects.filter(action="assets.confirm_ownership").count() == 1


def test_cross_village_shares_must_add_up_and_are_stored(place):
    asset = place["asset"]
    asset.earns_revenue = False
    asset.asset_class, asset.sub_class = "基础设施类", "道路交通"
    asset.save()
    client = client_for(place["county"])
    url = f"/assets/{asset.pk}/confirm/"
    bad = {"owner": "东沟村、西沟村", "villages": "东沟村 西沟村", "shares": "东沟村 60\n西沟村 30"}
    response = client.post(url, bad)
    assert response.status_code == 400
    assert "合计应为100%" in response.content.decode()
    asset.refresh_from_db()
    assert asset.confirmed_on is None and asset.village_shares == {}
    client.post(url, {**bad, "shares": "东沟村 60\n西沟村 40"})
    asset.refresh_from_db()
    assert asset.owner_rule == "village_shares"
    assert asset.village_shares == {"东沟村": "60.00", "西沟村": "40.00"}


def test_plan_moves_through_its_parties_to_filing(place):
    asset = place["asset"]
    assert client_for(place["west"]).post(f"/assets/{asset.pk}/plans/", PLAN).status_code == 404
    assert client_for(place["east"]).post(f"/assets/{asset.pk}/plans/", PLAN).status_code == 302
    plan = DistributionPlan.objects.get()
    advance = f"/assets/plans/{plan.pk}/advance/"
    # 村民会议决定 by the village itself; the township may not take it.
    assert client_for(place["township"]).post(advance).status_code == 403
    for who, step in (("east", "decided"), ("township", "reviewed"), ("county", "filed")):
        assert client_for(place["county"] if who != "county" else place["east"]).post(
            advance
        ).status_code in (403,), who
        assert client_for(place[who]).post(advance, {"note": "同意"}).status_code == 302
        plan.refresh_from_db()
        assert plan.step == step
    assert [h["name"] for h in plan.history] == ["村提方案", "村民会议决定", "乡镇审核", "县级备案"]
    assert client_for(place["county"]).post(advance).status_code == 409


def test_plan_that_does_not_add_up_writes_nothing(place):
    asset = place["asset"]
    response = client_for(place["east"]).post(
        f"/assets/{asset.pk}/plans/", {**PLAN, "village_amount": "7000"}
    )
    assert response.status_code == 400
    assert "与收益10000.00元不符" in response.content.decode()
    assert not DistributionPlan.objects.exists()
    assert not AuditEntry.objects.filter(action="assets.propose_plan").exists()


def test_equal_household_shares_are_warned_on_the_asset_page(place):
    asset = place["asset"]
    client = client_for(place["east"])
    client.post(f"/assets/{asset.pk}/plans/", {**PLAN, "households": "张三 2000\n李四 2000"})
    page = client.get(f"/assets/{asset.pk}/").content.decode()
    assert "不平均分配" in page


def test_public_page_masks_household_names_without_login(place):
    asset = place["asset"]
    client_for(place["east"]).post(f"/assets/{asset.pk}/plans/", PLAN)
    page = Client().get(f"/assets/public/villages/{place['village'].pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "张*明" in text and "欧**国" in text and "2500.00" in text
    assert "张小明" not in text and "欧阳建国" not in text
    assert "村提方案" in text


@pytest.mark.parametrize("households", ["张三 abc", "张三 -5", " 100", "张三", "张三 1e400"])
def test_bad_household_lines_are_refused(place, households):
    asset = place["asset"]
    response = client_for(place["east"]).post(
        f"/assets/{asset.pk}/plans/", {**PLAN, "village_amount": "6000", "households": households}
    )
    assert response.status_code == 400
    assert "<script>x" not in response.content.decode()
    assert not DistributionPlan.objects.exists()


def test_flag_recomputes_conditions_from_revenue(place):
    asset = place["asset"]
    today = clock.today()
    month = dt.date(today.year, today.month, 1)
    RevenueRecord.objects.create(asset=asset, month=month, income=Decimal(100), cost=Decimal(900))
    assert flag_all() == 1
    asset.refresh_from_db()
    assert asset.condition == "loss_making"
    assert flag_all() == 0
    RevenueRecord.objects.all().delete()
    flag_all()
    asset.refresh_from_db()
    assert asset.condition == "idle"


names = st.text(alphabet="张王李欧阳建国小明丽", min_size=1, max_size=6)
amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


@given(st.dictionaries(names, amounts, max_size=20))
def test_household_lines_read_back_what_was_written(households):
    text = "\n".join(f"{name} {amount}" for name, amount in households.items())
    assert name_amount_lines(text, "到户金额") == households
