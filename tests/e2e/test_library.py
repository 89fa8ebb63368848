"""A visitor searches, reads a plan through its outline and follows a cross-document link."""

import pytest
from playwright.sync_api import expect

from luoshi.pipeline import ingest_file, ingest_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LATER_ISSUE = "\n\n".join(
    [
        "晋城市人民政府公报",
        "晋城市人民政府办公室",
        "关于做好智慧停车建设项目验收工作的通知",
        "晋市政办〔2021〕3号",
        "各县(市、区)人民政府,市人民政府各委、办、局:",
        "根据《2020年智慧停车建设项目实施方案》(晋市政办〔2020〕7号),现就项目验收工作通知如下。",
        "晋城市人民政府办公室",
        "2021年1月8日",
    ]
)


def test_should_search_read_by_outline_and_follow_a_link(
    live_server, page, screenshot, gazette_path
):
    ingest_file(gazette_path)
    ingest_text(LATER_ISSUE, source_name="later.txt")

    page.goto(f"{live_server.url}/")
    page.get_by_role("search").first.get_by_role("searchbox").fill("停车")
    page.keyboard.press("Enter")
    expect(page.locator("#results mark").first).to_have_text("停车")
    screenshot("search-parking")

    page.get_by_role("link", name="关于印发2020年智慧停车建设项目实施方案的通知").click()
    expect(page.locator("h1.doc-title")).to_contain_text("智慧停车")
    toc_entry = page.locator(".toc a", has_text="五、")
    toc_entry.first.click()
    assert "#h-" in page.url
    anchor = page.url.split("#", 1)[1]
    heading = page.locator(f"[id='{anchor}']")
    expect(heading).to_contain_text("五、")
    expect(heading).to_be_in_viewport()
    screenshot("parking-section-five")

    page.locator(".refs").get_by_role("link", name="关于做好智慧停车建设项目验收工作的通知").click()
    expect(page.locator("h1.doc-title")).to_contain_text("验收工作")
    page.locator(".doc-body a.doclink", has_text="晋市政办〔2020〕7号").click()
    expect(page.locator("h1.doc-title")).to_contain_text("智慧停车建设项目实施方案")
    screenshot("parking-back-via-link")
