"""The demo's story in a browser, as of 2020-07-01 09:00: each role logs in, lands on its own
workspace, sees content there and its unread count in the header; a unit opening another
unit's task gets the Chinese 404 page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from luoshi import scheduler
from luoshi.core import clock
from luoshi.demo.accounts import DEMO_PASSWORD, ensure_demo_users, ensure_unit_accounts
from luoshi.demo.story import seed_story
from luoshi.pipeline import ingest_file
from luoshi.supervision.models import Task

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# username, workspace path, what the workspace shows
STORY = [
    ("duchashi", "/ledger/review/", "待审核事项"),
    ("danwei", "/ledger/mine/", "市发展和改革委员会 · 本单位督办事项"),
    ("lingdao", "/cockpit/", "关于2020年6月重点工作督查督办情况的通报"),
    ("zhongdianban", "/express/?list=waiting", "泽州县农产品冷链物流中心项目"),
    ("lianluoyuan", "/express/?list=all", "泽州县光伏发电项目"),
    ("zhiban", "/emergency/", "二广高速连接线货车与客车相撞事故"),
    ("zhengfuban", "/express/?list=waiting", "泽州县污水处理厂提标改造项目"),
    ("admin", "/admin/", "站点管理"),
]


@pytest.fixture
def demo(gazette_path, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with clock.frozen("2020-07-01T09:00"):
        ingest_file(gazette_path)
        ensure_demo_users()
        ensure_unit_accounts()
        seed_story()
        for job in scheduler.configured_jobs():  # what the worker does when it starts
            job.call()
        yield


def _log_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    return context, page


def test_every_role_lands_on_its_workspace_with_content(browser, live_server, demo):
    """One test for the whole story: seeding it takes a minute, so it is done once."""
    ARTIFACTS.mkdir(exist_ok=True)
    for username, workspace, content in STORY:
        context, page = _log_in(browser, live_server, username)
        expect(page).to_have_url(live_server.url + workspace)
        expect(page.get_by_text(content).first).to_be_visible()
        if username not in ("admin", "zhiban"):  # no ledger or card notices for these two
            unread = page.locator("[data-unread] .badge")
            assert unread.count() > 0, f"{username} has no unread notice"
        page.screenshot(path=str(ARTIFACTS / f"demo-{username}.png"))
        if username == "lingdao":
            _big_screen(page, live_server)
        if username == "danwei":
            _another_units_task(page, live_server)
        context.close()


def _big_screen(page, live_server):
    expect(page.locator("#chart-overdue-units canvas")).to_have_count(1)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{live_server.url}/cockpit/screen/")
    expect(page.locator("#chart-statuses canvas")).to_have_count(1)
    size = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert size == [1920, 1080]  # everything on one screen
    page.screenshot(path=str(ARTIFACTS / "demo-big-screen.png"))


def _another_units_task(page, live_server):
    theirs = (
        Task.objects.exclude(assignments__unit__name="市发展和改革委员会")
        .filter(state=Task.State.ACTIVE)
        .first()
    )
    assert theirs is not None
    response = page.goto(f"{live_server.url}/ledger/tasks/{theirs.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="页面不存在")).to_be_visible()
    assert not re.search(r"Traceback|Page not found", page.content())
