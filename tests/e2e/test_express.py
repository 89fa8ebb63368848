"""One hard card from filing by a liaison through the vice mayor's instruction to closure."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from factories import PASSWORD, make_user
from luoshi.core import clock
from luoshi.core.roles import Role
from luoshi.directory.models import Unit
from luoshi.express.models import Card

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def person(username, name, role, unit=None):
    return make_user(username, role, unit, display_name=name)


@pytest.fixture
def people():
    county = Unit.objects.create(name="泽州县人民政府", kind=Unit.Kind.COUNTY)
    land = Unit.objects.create(name="市规划和自然资源局")
    office = Unit.objects.create(name="市人民政府办公室", kind=Unit.Kind.GOVERNMENT)
    key = Unit.objects.create(name="市重点工程项目建设办公室", kind=Unit.Kind.GOVERNMENT)
    city = Unit.objects.create(name="市人民政府", kind=Unit.Kind.GOVERNMENT)
    person("lianluoyuan", "联络员 陈静", Role.LIAISON, county)
    person("zhongdianban", "市重点办 赵磊", Role.KEY_PROJECTS, key)
    person("lingdao", "分管副市长 王强", Role.LEADER, city)
    person("zhengfuban", "市政府办科室 周洁", Role.UNIT_STAFF, office)
    person("danwei", "自然资源局 李华", Role.UNIT_STAFF, land)


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/?next=/express/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".account .who")).to_be_visible()


def act(page, label, fields):
    details = page.locator("details", has=page.locator(f"form[aria-label='{label}']"))
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    form = page.get_by_role("form", name=label)
    for name, value in fields.items():
        control = form.get_by_label(name)
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    form.get_by_role("button", name=label).click()
    expect(page.locator(".messages")).to_contain_text(label)


def test_should_walk_a_hard_card_from_filing_to_closure(live_server, page, screenshot, people):
    base = live_server.url
    due = (clock.today() + dt.timedelta(days=10)).isoformat()

    login(page, base, "lianluoyuan")
    page.get_by_role("link", name="填报处置卡").click()
    page.get_by_label("项目名称").fill("丹河快速路建设项目")
    page.get_by_label("建设单位").fill("晋城市交通投资有限公司")
    page.get_by_label("联系方式").fill("王工 13800000000")
    page.get_by_label("事项基本情况").fill(
        "项目红线内两处高压线杆需迁改,需协调供电公司和规划部门。"
    )
    page.get_by_role("button", name="报送市重点办").click()
    expect(page.locator("#clock .left")).to_contain_text("剩余23小时")
    card_url = page.url

    login(page, base, "zhongdianban")
    page.goto(f"{base}/express/?list=waiting")
    page.get_by_role("link", name="直通车〔").first.click()
    act(
        page,
        "疑难问题:提出处理建议报分管副市长",
        {
            "分管副市长": "分管副市长 王强",
            "办结时限": due,
            "建议责任单位": "市规划和自然资源局",
            "市重点办处理建议": "建议由市规划和自然资源局牵头,协调供电公司迁改线杆。",
        },
    )
    expect(page.locator("#clock .state")).to_contain_text("待分管副市长批示")

    login(page, base, "lingdao")
    page.goto(card_url)
    act(page, "签批处理意见", {"分管市长批示意见": "同意。请市规划和自然资源局三日内牵头解决。"})

    login(page, base, "zhengfuban")
    page.goto(card_url)
    act(page, "转交责任单位并反馈市重点办", {"转交说明": "已按批示转交。"})

    login(page, base, "danwei")
    page.goto(f"{base}/express/?list=waiting")
    page.get_by_role("link", name="直通车〔").first.click()
    act(page, "落实办理负责人和责任科室", {"办理负责人": "李科长", "责任科室": "用地科"})
    act(
        page,
        "填写落实情况并报市重点办",
        {"责任单位事项落实情况": "线杆已于本周迁改完毕,项目恢复施工。"},
    )

    login(page, base, "zhongdianban")
    page.goto(card_url)
    act(page, "完结事项", {"完结意见": "同意完结。"})

    expect(page.locator("#clock .state")).to_contain_text("已完结")
    expect(page.locator(".official-table")).to_contain_text(
        "同意。请市规划和自然资源局三日内牵头解决。"
    )
    expect(page.locator(".timeline li")).to_have_count(7)
    card = Card.objects.get()
    assert card.state == "closed" and card.steps.count() == 7
    page.set_viewport_size({"width": 1280, "height": 1500})
    screenshot("express-hard-card-closed")
