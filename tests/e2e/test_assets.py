"""A village's revenue distribution from proposal through 县级备案 to the public 公示."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from factories import PASSWORD, make_unit, make_user
from luoshi.assets.models import AreaAssignment, Asset, DistributionPlan, Village
from luoshi.core import clock
from luoshi.core.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def asset():
    village = Village.objects.create(county="泽州县", township="南村镇", name="东沟村")
    for username, kwargs in {
        "donggou": {"township": "南村镇", "village": village},
        "nancun": {"township": "南村镇"},
        "zezhou": {},
    }.items():
        user = make_user(username, Role.UNIT_STAFF, make_unit(f"{username}单位"))
        AreaAssignment.objects.create(user=user, county="泽州县", **kwargs)
    return Asset.objects.create(
        code="ZZ-2018-001", name="东沟村光伏电站", asset_class="产业发展类",
        sub_class="光伏电站", fund_sources="财政专项扶贫资金", amount=Decimal(860000),
        year=2018, village=village, county="泽州县", custodian="东沟村股份经济合作社",
        responsible="王丽", earns_revenue=True, registered_at=clock.now(),
    )  # fmt: skip


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/?next=/assets/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def take_step(page, base, username, asset, note):
    login(page, base, username)
    page.goto(f"{base}/assets/{asset.pk}/")
    page.get_by_label("办理说明").fill(note)
    page.get_by_role("button", name="办理下一环节").click()
    expect(page.get_by_text("已办理")).to_be_visible()


def test_should_carry_a_village_plan_from_proposal_to_publicity(
    live_server, page, screenshot, asset
):
    base = live_server.url
    login(page, base, "donggou")
    page.goto(f"{base}/assets/")
    page.get_by_role("link", name="东沟村光伏电站").click()
    form = page.locator("form", has=page.get_by_role("button", name="提出方案"))
    form.get_by_label("收益年度").fill("2019")
    form.get_by_label("收益(元)").fill("10000")
    form.get_by_label("到村金额(元)").fill("7000")
    form.get_by_label("到户金额").fill("张小明 2500\n欧阳建国 1500")
    form.get_by_role("button", name="提出方案").click()
    expect(page.get_by_text("与收益10000.00元不符")).to_be_visible()
    assert not DistributionPlan.objects.exists()
    page.go_back()
    form.get_by_label("到村金额(元)").fill("6000")
    form.get_by_role("button", name="提出方案").click()
    expect(page.get_by_text("收益分配方案已提出")).to_be_visible()
    screenshot("assets-plan-proposed")
    take_step(page, base, "donggou", asset, "2020年1月5日村民代表会议通过")
    take_step(page, base, "nancun", asset, "审核同意")
    take_step(page, base, "zezhou", asset, "已备案")
    screenshot("assets-plan-filed")
    page.context.clear_cookies()
    page.goto(f"{base}/assets/public/villages/{asset.village_id}/")
    expect(page.get_by_role("cell", name="县级备案")).to_be_visible()
    expect(page.get_by_role("cell", name="欧**国")).to_be_visible()
    assert "欧阳建国" not in page.content()
    screenshot("assets-publicity")


def test_should_dispose_of_an_asset_and_publish_the_result(live_server, page, screenshot, asset):
    base = live_server.url
    login(page, base, "donggou")
    page.goto(f"{base}/assets/{asset.pk}/")
    page.get_by_label("处置方式").select_option("拍卖")
    page.get_by_label("处置原因").fill("光伏板损坏,经营困难")
    page.get_by_label("评估价值(元)").fill("500000")
    page.get_by_label("评估机构").fill("晋城某资产评估事务所")
    page.get_by_role("button", name="申请处置").click()
    expect(page.get_by_text("处置申请已提交")).to_be_visible()
    login(page, base, "zezhou")
    page.goto(f"{base}/assets/{asset.pk}/")
    page.get_by_role("button", name="办理:报批").click()
    page.get_by_label("处置收入(元)").fill("420000")
    page.get_by_role("button", name="办理:处置结果公布").click()
    expect(page.get_by_text("低于评估价值")).to_be_visible()
    page.get_by_role("heading", name="资产处置").scroll_into_view_if_needed()
    screenshot("assets-disposal")
    page.context.clear_cookies()
    page.goto(f"{base}/assets/public/villages/{asset.village_id}/")
    expect(page.get_by_role("cell", name="420000.00")).to_be_visible()
    assert "处置" not in page.title()  # the page's blocks stay in their places
