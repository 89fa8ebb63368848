"""A leader opens the cockpit, sees the charts drawn, and follows a tile and a bar to the ledger."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from factories import PASSWORD, make_user
from luoshi.core import clock
from luoshi.core.roles import Role
from luoshi.directory.models import Unit
from luoshi.emergency import actions
from luoshi.express import services as express
from luoshi.express.services import Filing
from luoshi.supervision import services as ledger
from luoshi.supervision.extraction.model import ExtractedTask

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
NOW = "2020-09-28T11:00"

# lead unit, leaders in charge, due: three overdue tasks, one at risk, two far off
TASKS = [
    ("市发展和改革委员会", ["杨跃卿"], dt.date(2020, 9, 1)),
    ("市发展和改革委员会", ["邢海斌"], dt.date(2020, 8, 14)),
    ("市财政局", ["杨跃卿", "邢海斌"], dt.date(2020, 7, 31)),
    ("市财政局", ["杨跃卿"], dt.date(2020, 9, 30)),
    ("市住房和城乡建设局", ["邢海斌"], dt.date(2020, 12, 31)),
    ("市发展和改革委员会", ["王丽"], dt.date(2020, 12, 31)),
]


def user(username, name, role, unit=None):
    return make_user(username, role, unit, display_name=name)


@pytest.fixture
def city(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    units = {n: Unit.objects.create(name=n) for n in {t[0] for t in TASKS}}
    county = Unit.objects.create(name="泽州县人民政府", kind=Unit.Kind.COUNTY)
    key_office = Unit.objects.create(name="市重点工程项目建设办公室", kind=Unit.Kind.GOVERNMENT)
    city_hall = Unit.objects.create(name="市人民政府", kind=Unit.Kind.GOVERNMENT)
    office = user("duchashi", "督查室 张敏", Role.SUPERVISION)
    user("lingdao", "市长 杨跃卿", Role.LEADER, city_hall)
    liaison = user("lianluoyuan", "联络员 陈静", Role.LIAISON, county)
    key = user("zhongdianban", "市重点办 赵磊", Role.KEY_PROJECTS, key_office)
    duty = user("zhiban", "值班员 刘洋", Role.DUTY_OFFICER, city_hall)
    with clock.frozen("2020-03-25T09:00"):
        for i, (lead, leaders, due) in enumerate(TASKS, start=1):
            item = ExtractedTask(
                document="", ref=f"序号{i}", no=str(i), title=f"重点任务{i}", text="任务内容",
                lead_units=[lead], leaders_in_charge=leaders, due=due, due_text="",
            )  # fmt: skip
            ledger.confirm_task(office, ledger.create_task(item, document=None))
    filing = Filing("丹河快速路建设项目", "市交通投资公司", "王工 13800000000", "高压线杆需迁改")
    for moment in ("2020-09-01T09:00", "2020-09-28T09:00"):
        with clock.frozen(moment):
            card = express.file_card(liaison, filing)
    with clock.frozen("2020-09-28T10:00"):
        express.triage_ordinary(key, card.pk, "请办理", units["市财政局"].pk, dt.date(2020, 10, 30))
        actions.open_incident(
            duty,
            actions.IncidentInput(
                plan_id="coal-mine", title="某煤矿透水事故", county="泽州县", place="3号井",
                occurred_at=clock.parse_moment("2020-09-28T08:00"), reporter="矿调度室",
                facts={"trapped_or_missing": 4},
            ),
        )  # fmt: skip
        actions.issue_warning(
            duty,
            actions.WarningInput(
                plan_id="coal-mine", level="II", area="泽州县", headline="煤矿事故橙色预警",
                description="发现重大事故隐患", authority="市煤矿事故应急指挥部",
            ),
        )  # fmt: skip
    return units


def login(page, base, username):
    page.goto(f"{base}/accounts/login/?next=/cockpit/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_leader_reads_the_cockpit_and_drills_into_the_ledger(live_server, page, screenshot, city):
    base = live_server.url
    with clock.frozen(NOW):
        login(page, base, "lingdao")
        expect(page.locator("h1")).to_have_text("领导驾驶舱")
        expect(page.locator(".mainnav a.active")).to_have_text("驾驶舱")
        for chart in ("chart-overdue-units", "chart-leaders", "chart-steps"):
            expect(page.locator(f"#{chart} canvas")).to_have_count(1)
        overdue = page.locator("[data-figure='ledger-overdue'] .value")
        expect(overdue).to_contain_text("3")
        expect(page.locator("[data-figure='express-overdue'] .value")).to_contain_text("1")
        expect(page.locator("[data-figure='warnings-orange'] .value")).to_contain_text("1")
        expect(page.locator("[data-figure='incidents-proposed'] .value")).to_contain_text("1")
        page.wait_for_timeout(600)  # let the bars finish their entry animation
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "cockpit-full.png"), full_page=True)
        screenshot("cockpit")

        # a tile opens the ledger filtered to its status
        page.locator("[data-figure='ledger-overdue']").click()
        expect(page).to_have_url(f"{base}/ledger/?status=overdue")
        expect(page.locator("h1")).to_contain_text("督查台账")
        expect(page.locator("#ledger-table tbody tr[data-task]")).to_have_count(3)
        screenshot("cockpit-ledger-overdue")

        # a bar of the lead-unit chart opens the ledger filtered to that unit
        page.go_back()
        chart = page.locator("#chart-overdue-units")
        expect(chart.locator("canvas")).to_have_count(1)
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(1200)  # the bars grow in for a second; click a grown one
        point = page.evaluate(
            """() => {
                const el = document.getElementById('chart-overdue-units');
                const chart = echarts.getInstanceByDom(el);
                const option = chart.getOption();
                const names = option.yAxis[0].data;
                const i = names.length - 1;  // the top bar: the unit with the most overdue tasks
                const value = option.series[0].data[i].value;
                const [x, y] = chart.convertToPixel({seriesIndex: 0}, [value / 2, i]);
                const box = el.getBoundingClientRect();
                return {x: box.left + x, y: box.top + y, name: names[i]};
            }"""
        )
        page.mouse.click(point["x"], point["y"])
        ndrc = city["市发展和改革委员会"]
        expect(page).to_have_url(f"{base}/ledger/?unit={ndrc.pk}&role=lead&status=overdue")
        assert point["name"] == "市发展和改革委员会"
        expect(page.locator("#ledger-table tbody tr[data-task]")).to_have_count(2)

        # on a phone the tiles and charts stack in one column
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{base}/cockpit/")
        expect(page.locator("#chart-leaders canvas")).to_have_count(1)
        boxes = [
            page.locator(f"#{c}").bounding_box() for c in ("chart-overdue-units", "chart-steps")
        ]
        assert boxes[0] and boxes[1] and boxes[1]["y"] > boxes[0]["y"] + boxes[0]["height"]
        assert boxes[0]["width"] <= 390
        page.wait_for_timeout(600)
        page.screenshot(path=str(ARTIFACTS / "cockpit-phone.png"), full_page=True)
