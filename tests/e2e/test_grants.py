"""A grant from the school's application through every level to the bureau, and the 公示."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from factories import PASSWORD, make_unit, make_user
from luoshi.core import clock
from luoshi.core.personal import id_check_character
from luoshi.core.roles import Role
from luoshi.grants.models import Application, GrantOffice, GrantYear, Publicity
from luoshi.grants.publicity import ForwardList

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OFFICES = [
    ("xuexiao", "泽州县第一中学", "school", "泽州县"),
    ("xianji", "泽州县学生资助管理中心", "county", "泽州县"),
    ("shiji", "晋城市学生资助事务中心", "city", ""),
    ("jiaoyuju", "晋城市教育局", "bureau", ""),
]


@pytest.fixture
def offices():
    GrantYear.objects.create(year=2020, dibao_standard_yuan=Decimal(6120))
    users = {}
    for username, name, level, county in OFFICES:
        unit = make_unit(name)
        GrantOffice.objects.create(unit=unit, level=level, county=county, affiliation="county")
        users[level] = make_user(username, Role.UNIT_STAFF, unit)
    return users


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/?next=/grants/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def approve_current(page, base, username, pk):
    login(page, base, username)
    page.goto(f"{base}/grants/applications/{pk}/")
    page.get_by_label("通过").check()
    page.get_by_role("button", name="提交审核意见").click()
    expect(page.get_by_text("审核意见已记录")).to_be_visible()


def publish_and_forward(page, base, username, offices, level, starts, after):
    login(page, base, username)
    page.goto(f"{base}/grants/")
    page.get_by_label("公示开始日期").fill(starts)
    page.get_by_role("button", name="发布本级待公示名单").click()
    expect(page.get_by_role("heading", name="资助名单公示")).to_be_visible()
    publicity = Publicity.objects.get(level=level)
    with clock.frozen(f"{after}T09:00"):
        ForwardList(offices[level], publicity).run()


def test_should_carry_an_application_from_the_school_to_the_bureau(
    live_server, page, screenshot, offices, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path)
    base = live_server.url
    first17 = "14052520020304123"
    with clock.frozen("2020-07-01T09:00"):
        login(page, base, "xuexiao")
        page.goto(f"{base}/grants/applications/new/")
        page.get_by_label("学生姓名").fill("张小明")
        page.get_by_label("性别").select_option("男")
        page.get_by_label("身份证号").fill(first17 + id_check_character(first17))
        page.get_by_label("户籍地址").fill("泽州县南村镇")
        page.get_by_label("家庭人口").fill("4")
        page.get_by_label("城乡低保家庭").check()
        page.get_by_label("家庭经济困难情况").fill("父亲长期患病,家庭享受城乡低保")
        page.get_by_label("准考证号").fill("20140525001")
        page.get_by_label("录取院校").fill("太原理工大学")
        page.get_by_label("院校类型").select_option("undergraduate")
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_text("符合资助条件,5000元")).to_be_visible()
        scan = tmp_path / "低保证.pdf"
        scan.write_bytes(b"%PDF-1.4 scan of the certificate")
        page.get_by_label("文件(PDF、JPG、PNG,10 MB以内)").set_input_files(str(scan))
        page.get_by_role("button", name="上传").click()
        expect(page.get_by_role("link", name="低保证.pdf")).to_be_visible()
        page.get_by_role("button", name="提交学校审核").click()
        pk = Application.objects.get().pk
        approve_current(page, base, "xuexiao", pk)
        publish_and_forward(page, base, "xuexiao", offices, "school", "2020-07-01", "2020-07-08")
    with clock.frozen("2020-07-09T09:00"):
        approve_current(page, base, "xianji", pk)
        publish_and_forward(page, base, "xianji", offices, "county", "2020-07-09", "2020-07-16")
    with clock.frozen("2020-07-17T09:00"):
        approve_current(page, base, "shiji", pk)
        approve_current(page, base, "jiaoyuju", pk)
        assert Application.objects.get().state == "approved"
        login(page, base, "shiji")
        page.goto(f"{base}/grants/")
        page.get_by_label("公示开始日期").fill("2020-07-17")
        page.get_by_role("button", name="发布本级待公示名单").click()
        page.context.clear_cookies()
        page.goto(page.url)  # the public sees the 公示 without logging in
        expect(page.get_by_role("cell", name="张*明")).to_be_visible()
        expect(page.get_by_text("张小明")).to_have_count(0)
        expect(page.get_by_label("异议内容")).to_be_visible()
        screenshot("grants-city-publicity")
        page.set_viewport_size({"width": 390, "height": 844})
        screenshot("grants-city-publicity-phone")
