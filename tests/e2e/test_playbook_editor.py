"""A new plan becomes a live playbook: ingest it, review its draft, fix one condition,
publish, and open an incident graded by it."""

import pytest
from playwright.sync_api import expect

from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.emergency.drafting.samples import CORPUS
from luoshi.pipeline import ingest_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-playbook-1"


def _user(username: str, role: Role) -> None:
    user = User(username=username, role=role, display_name=username)
    user.set_password(PASSWORD)
    user.save()


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/emergency/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    expect(page.locator("h1")).to_contain_text("应急事件看板")


def test_ingest_review_fix_publish_and_grade_a_new_plan(live_server, browser, page, screenshot):
    _user("office", Role.EMERGENCY_OFFICE)
    _user("zhiban", Role.DUTY_OFFICER)
    ingest_file(CORPUS / "changzhi-geohazard.txt")
    base = live_server.url

    _login(page, base, "office")
    page.get_by_role("link", name="规则审核").click()
    page.get_by_role("link", name="长治市突发地质灾害应急预案").click()
    expect(page.locator("h1")).to_contain_text("草案")
    screenshot("playbook-draft")

    # Fix one condition: Ⅰ级 (1) is read as 8 dead or missing instead of 10.
    first = page.locator("#r-levels-i-0")
    expect(first).to_contain_text("因灾死亡和失踪10人以上的")
    first.locator("summary", has_text="修改").click()
    first.get_by_label("条件1").select_option(label="因灾死亡和失踪人数(人)")
    first.get_by_label("数值1").fill("8")
    first.get_by_role("button", name="保存修改").click()
    expect(page.locator("#r-levels-i-0")).to_contain_text("因灾死亡和失踪人数 8人以上")
    expect(page.locator("#r-levels-i-0")).to_contain_text("已修改")

    # Accept every other rule, one by one.
    while True:
        pending = page.locator("tr.dec-pending").first
        if pending.count() == 0:
            break
        pending.get_by_role("button", name="采纳").click()
    expect(page.locator("#pending-count")).to_have_text("0")
    screenshot("playbook-reviewed")
    page.get_by_role("button", name="发布此版本").click()
    expect(page.locator("h1")).to_contain_text("已发布")
    screenshot("playbook-published")

    # The duty officer opens an incident under the published playbook.
    page.context.clear_cookies()
    _login(page, base, "zhiban")
    page.get_by_role("link", name="接报登记").first.click()
    page.get_by_role("link", name="长治市突发地质灾害应急预案").click()
    form = page.get_by_role("form", name="接报登记")
    form.get_by_label("事件名称").fill("某村山体滑坡")
    form.get_by_label("事发县(市、区)").fill("壶关县")
    form.get_by_label("事发地点").fill("某村后山")
    form.get_by_label("事发时间").fill("2021-07-10T02:40")
    form.get_by_label("报告人及联系方式").fill("村委会 张三 13800000000")
    form.get_by_label("因灾死亡和失踪人数(人)").fill("9")
    form.get_by_role("button", name="登记并研判").click()
    proposal = page.locator("#proposal")
    expect(proposal.locator("#proposed-level")).to_have_text("Ⅰ级响应")
    expect(proposal).to_contain_text("因灾死亡和失踪10人以上的")
    expect(proposal).to_contain_text("市指挥部总指挥")
    screenshot("playbook-incident")
