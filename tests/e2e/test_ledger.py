"""A unit submits a quarterly report with evidence; the supervision office returns it, then
accepts it; the ledger shows the new status."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from factories import PASSWORD, make_document, make_user
from luoshi.core import clock
from luoshi.core.roles import Role
from luoshi.directory.models import Unit
from luoshi.supervision import services
from luoshi.supervision.extraction.model import ExtractedTask

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ledger_data(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    unit = Unit.objects.create(name="市发展和改革委员会")
    staff = make_user("danwei", Role.UNIT_STAFF, unit, display_name="李华")
    office = make_user("duchashi", Role.SUPERVISION, display_name="张敏")
    document = make_document(
        body_text="各级各部门要按季度向市政府报送工作进展,并分别于3月22日、6月22日、9月22日和12月22日前报送。"
    )
    item = ExtractedTask(
        document=document.number, ref="附件 序号12", no="12", title="全社会固定资产投资增长7%以上。",
        text="全社会固定资产投资增长7%以上。", lead_units=[unit.name], leaders_in_charge=["邢海斌"],
        due=dt.date(2020, 12, 31), due_text="年底前",
    )  # fmt: skip
    task = services.confirm_task(office, services.create_task(item, document=document))
    return task, staff, office


def login(page, base, username):
    page.goto(f"{base}/accounts/login/?next=/ledger/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("h1")).to_contain_text("督查台账")


def logout(page):
    page.get_by_role("button", name="退出").click()


def test_unit_reports_office_returns_then_accepts(
    live_server, page, screenshot, ledger_data, tmp_path
):
    task, _, _ = ledger_data
    base = live_server.url
    evidence = tmp_path / "一季度投资完成情况.pdf"
    evidence.write_bytes(b"%PDF-1.4 quarterly evidence")
    with clock.frozen("2020-03-20T09:00"):
        login(page, base, "danwei")
        row = page.locator(f"tr[data-task='{task.pk}']")
        expect(row).to_contain_text("临期预警")
        row.get_by_role("link").click()
        page.locator(".period").first.get_by_role("link", name="填报本期进展").click()
        page.get_by_label("工作进展").fill("一季度完成固定资产投资58亿元,同比增长7.3%。")
        page.get_by_label("完成进度(%)").fill("25")
        page.get_by_label("佐证材料").set_input_files(str(evidence))
        page.get_by_role("button", name="报送").click()
        expect(page.locator(".messages")).to_contain_text("报告已报送")
        expect(page.locator(".report").first).to_contain_text("已报送待审核")
        expect(
            page.locator(".report").first.get_by_role("link", name=evidence.name)
        ).to_be_visible()
        screenshot("ledger-1-unit-submitted")
        logout(page)

        login(page, base, "duchashi")
        page.locator(f"tr[data-task='{task.pk}']").get_by_role("link").click()
        review = page.get_by_role("form", name="审核报告")
        review.get_by_label("审核意见").fill("请补充项目清单")
        review.get_by_role("button", name="退回").click()
        expect(page.locator(".report").first).to_contain_text("已退回")
        screenshot("ledger-2-office-returned")
        logout(page)

        login(page, base, "danwei")
        page.goto(f"{base}/ledger/mine/")
        expect(page.locator("body")).to_contain_text("请补充项目清单")
        page.get_by_role("link", name="2020年第一季度").click()
        page.get_by_label("工作进展").fill(
            "一季度完成固定资产投资58亿元,同比增长7.3%;项目清单见附件。"
        )
        page.get_by_role("button", name="报送").click()
        expect(page.locator(".messages")).to_contain_text("报告已报送")
        logout(page)

        login(page, base, "duchashi")
        page.locator(f"tr[data-task='{task.pk}']").get_by_role("link").click()
        page.get_by_role("form", name="审核报告").get_by_role("button", name="审核通过").click()
        expect(page.locator(".report").first).to_contain_text("已审核通过")
        page.get_by_role("link", name="督查台账").first.click()
        row = page.locator(f"tr[data-task='{task.pk}']")
        expect(row).to_contain_text("正常推进")
        expect(row).to_contain_text("2020-06-22")
        expect(row).to_contain_text("25%")
        screenshot("ledger-3-accepted-in-ledger")


def test_office_confirms_the_ready_tasks_of_a_document_from_the_review_queue(
    live_server, page, screenshot, ledger_data
):
    task, _, office = ledger_data
    extracted = dict(document=task.document.number, due=dt.date(2020, 12, 31), due_text="年底前")
    ready = services.create_task(
        ExtractedTask(ref="附件 序号13", no="13", title="加快推进重大项目建设。", text="加快推进重大项目建设。",
                      lead_units=["市发展和改革委员会"], **extracted),
        document=task.document,
    )  # fmt: skip
    unitless = services.create_task(
        ExtractedTask(ref="附件 序号1", no="1", title="落实新时代党的建设总要求。", text="落实新时代党的建设总要求。",
                      lead_units=["市政府及各部门"], **extracted),
        document=task.document,
    )  # fmt: skip
    base = live_server.url
    with clock.frozen("2020-03-20T09:00"):
        login(page, base, "duchashi")
        page.get_by_role("link", name="待审核事项").click()
        page.get_by_label("来源文件").select_option(label="晋市政发〔2020〕4号(2项)")
        page.get_by_role("button", name="筛选").click()
        page.get_by_role("button", name="确认下达本文件无疑点事项(1项)").click()
        expect(page.locator(".messages")).to_contain_text("已确认下达 1 项")
        page.get_by_label("选择 落实新时代党的建设总要求。").check()
        page.get_by_role("button", name="确认下达所选").click()
        expect(page.locator(".messages .warning")).to_contain_text(
            "1 项未确认(请先指定牵头单位再确认):晋市政发〔2020〕4号 附件 序号1"
        )
        expect(page.locator("tbody")).to_contain_text("市政府及各部门(未识别)")
        screenshot("ledger-4-review-queue-refused")
        page.get_by_role("link", name="督查台账").first.click()
        expect(page.locator(f"tr[data-task='{ready.pk}']")).to_contain_text("加快推进重大项目建设")
        expect(page.locator(f"tr[data-task='{unitless.pk}']")).to_have_count(0)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_at_phone_width_ledger_rows_are_cards_and_the_outline_folds(
    live_server, phone, ledger_data
):
    task, _, _ = ledger_data
    headings = [f"{n}、第{n}项措施" for n in "一二三四五六七八九十"]
    blocks = []
    for n, heading in enumerate(headings):
        blocks.append(
            {
                "kind": "heading",
                "level": 1,
                "label": heading[:2],
                "text": heading[2:],
                "anchor": f"h{n}",
            }
        )
        blocks.append({"kind": "paragraph", "text": "具体措施内容。" * 20, "anchor": f"p{n}"})
    outline = [
        {"level": 1, "label": h[:2], "title": h[2:], "anchor": f"h{n}"}
        for n, h in enumerate(headings)
    ]
    task.document.blocks, task.document.outline = blocks, outline
    task.document.save()
    base = live_server.url
    login(phone, base, "duchashi")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    expect(phone.locator("#ledger-table thead")).to_be_hidden()
    card = phone.locator(f"tr[data-task='{task.pk}']")
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert card.locator("td.lead-cell").bounding_box()["width"] > 250  # the title has the width
    expect(card.locator("td[data-label='牵头单位']")).to_contain_text("市发展和改革委员会")

    phone.goto(f"{base}/documents/{task.document_id}/")
    outline_list = phone.locator(".toc details ol")
    expect(outline_list).to_be_hidden()  # folded: the text comes first
    title = phone.locator(".doc-title").first
    assert title.bounding_box()["y"] < 844
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.locator(".toc summary").first.click()
    expect(outline_list).to_be_visible()
    expect(outline_list.locator("li")).to_have_count(10)
    expect(phone.get_by_role("link", name="督查台账:本文件任务 1 项")).to_be_visible()
