"""A night on duty: a coal-mine flood with 4 trapped miners, level II, upgraded to I, stood down.

The duty officer and the commander each work in their own browser window. Time is frozen
with ``core.clock`` so the initial-report clock can be watched running and turning red.
"""

import datetime as dt

import pytest
from playwright.sync_api import expect
from tests.emergency.people import give_posts

from luoshi.core import clock
from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.emergency.models import Incident

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-emergency-1"


def _user(username: str, role: Role, name: str) -> User:
    user = User(username=username, role=role, display_name=name)
    user.set_password(PASSWORD)
    user.save()
    return user


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/emergency/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    expect(page.locator("h1")).to_contain_text("应急事件看板")


def test_coal_mine_incident_from_report_to_stand_down(live_server, browser, page, screenshot):
    _user("zhiban", Role.DUTY_OFFICER, "值班员 刘洋")
    give_posts(_user("lingdao", Role.LEADER, "总指挥 王强"))  # 总指挥 of every plan
    base = live_server.url
    night = clock.parse_moment("2020-04-10T03:00:00")
    with clock.frozen(night):
        # The duty officer logs the report.
        _login(page, base, "zhiban")
        page.get_by_role("link", name="接报登记").first.click()
        page.get_by_role("link", name="晋城市煤矿事故应急预案").click()
        form = page.get_by_role("form", name="接报登记")
        form.get_by_label("事件名称").fill("某煤矿3号井透水事故")
        form.get_by_label("事发县(市、区)").fill("泽州县")
        form.get_by_label("事发地点").fill("某煤矿3号井+450水平")
        form.get_by_label("事发时间").fill("2020-04-10T02:40")
        form.get_by_label("报告人及联系方式").fill("矿调度室 张三 13800000000")
        form.get_by_label("被困或下落不明人数(人)").fill("4")
        form.get_by_role("button", name="登记并研判").click()

        proposal = page.locator("#proposal")
        expect(proposal.locator("#proposed-level")).to_have_text("Ⅱ级响应")
        expect(proposal).to_contain_text("4.2.2(1)②")
        expect(proposal).to_contain_text("发生或者可能发生3名以上、10名以下人员被困或下落不明")
        expect(proposal).to_contain_text("市指挥部总指挥")
        initial = page.locator("[data-clock='事故信息报告(一般、较大)']")
        expect(initial).to_contain_text("剩余40分钟")
        screenshot("emergency-1-proposed-level-II")
        incident = Incident.objects.get()

        # The commander confirms level II in another window.
        commander = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        leader_page = commander.new_page()
        leader_page.set_default_timeout(15_000)
        _login(leader_page, base, "lingdao")
        leader_page.get_by_role("link", name="某煤矿3号井透水事故").click()
        leader_page.get_by_role("button", name="确认并启动").click()
        expect(leader_page.locator("#incident-level")).to_have_text("Ⅱ级响应")
        expect(leader_page.locator("#roster")).to_contain_text("综合协调组")
        expect(leader_page.locator("#checklist")).to_contain_text("4.2.2(3)①")

    # Watch the initial-report clock (due 03:40): amber at 03:30, red at 03:45.
    with clock.frozen(night + dt.timedelta(minutes=30)):
        page.reload()
        expect(initial).to_contain_text("剩余10分钟")
        expect(initial).to_have_class("em-clock st-due_soon")
    with clock.frozen(night + dt.timedelta(minutes=45)):
        page.reload()
        expect(initial).to_contain_text("已超时5分钟")
        expect(initial).to_have_class("em-clock st-overdue red")
        screenshot("emergency-2-initial-report-overdue")
        initial.get_by_role("button", name="登记报送").click()
        expect(initial).to_contain_text("已报送(超时5分钟)")

        # New facts: 10 trapped. Luoshi proposes the upgrade to I.
        page.locator("#facts summary").click()
        facts = page.get_by_role("form", name="更新事实")
        facts.get_by_label("被困或下落不明人数(人)").fill("10")
        facts.get_by_label("信息来源/说明").fill("矿方续报:又有6人失联")
        facts.get_by_role("button", name="更新并重新研判").click()
        expect(page.locator("#proposal")).to_contain_text("建议调整为")
        expect(page.locator("#proposed-level")).to_have_text("Ⅰ级响应")
        expect(page.locator("#proposal")).to_contain_text("4.2.1(1)②")
        expect(page.locator("#timeline")).to_contain_text("建议响应升级")
        screenshot("emergency-3-upgrade-proposed")

        # The commander accepts the upgrade.
        leader_page.reload()
        expect(leader_page.locator("#proposed-level")).to_have_text("Ⅰ级响应")
        leader_page.get_by_role("button", name="采纳/决定").click()
        expect(leader_page.locator("#incident-level")).to_have_text("Ⅰ级响应")
        expect(leader_page.locator("#checklist")).to_contain_text("4.2.1(3)②")

    # All miners out: the commander stands the response down on the plan's conditions.
    with clock.frozen(night + dt.timedelta(hours=30)):
        leader_page.reload()
        stand_down = leader_page.get_by_role("form", name="终止响应")
        stand_down.get_by_role("button", name="终止应急响应").click()
        expect(leader_page.locator(".messages")).to_contain_text("尚未满足终止条件:4.7")
        stand_down = leader_page.get_by_role("form", name="终止响应")
        expect(stand_down.get_by_role("alert")).to_contain_text("处置措施未确认落实")
        stand_down.locator("input[name=conditions]").check()
        stand_down.locator("input[name=confirmed]").check()
        stand_down.get_by_label("说明").fill("10名被困人员全部升井,次生事故隐患消除")
        stand_down.get_by_role("button", name="终止应急响应").click()
        expect(leader_page.locator("#incident-state")).to_have_text("响应已终止")
        leader_page.close()
        commander.close()

        page.reload()
        expect(page.locator("#incident-state")).to_have_text("响应已终止")
        timeline = page.locator("#timeline")
        for text in ("接报登记", "启动Ⅱ级响应", "响应升级为Ⅰ级", "终止应急响应"):
            expect(timeline).to_contain_text(text)
        page.locator("#timeline").scroll_into_view_if_needed()
        screenshot("emergency-4-stood-down")

    incident.refresh_from_db()
    assert incident.state == Incident.State.STOOD_DOWN and incident.level == "I"
