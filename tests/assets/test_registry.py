"""The asset registry: area scope, import all-or-nothing, export in the same columns."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook
from tests.factories import make_unit, make_user

from luoshi.assets.models import AreaAssignment, Asset, Village
from luoshi.assets.registry import TITLES, export_sheet
from luoshi.core import clock
from luoshi.core.roles import Role

pytestmark = pytest.mark.django_db

ROW = ["ZZ-2018-001", "东沟村光伏电站", "产业发展类", "光伏电站", "财政专项扶贫资金", 860000, 2018,
       "泽州县", "南村镇", "东沟村", "东沟村股份经济合作社", "王 丽", "是"]  # fmt: skip


@pytest.fixture
def area():
    east = Village.objects.create(county="泽州县", township="南村镇", name="东沟村")
    west = Village.objects.create(county="泽州县", township="南村镇", name="西沟村")
    other = Village.objects.create(county="高平市", township="米山镇", name="米西村")
    county_user = make_user("zezhou", Role.UNIT_STAFF, make_unit("泽州县乡村振兴局"))
    AreaAssignment.objects.create(user=county_user, county="泽州县")
    village_user = make_user("donggou", Role.UNIT_STAFF, make_unit("东沟村村委会"))
    AreaAssignment.objects.create(
        user=village_user, county="泽州县", township="南村镇", village=east
    )
    return {
        "east": east,
        "west": west,
        "other": other,
        "county": county_user,
        "village": village_user,
    }


def sheet(*rows) -> io.BytesIO:
    book = Workbook()
    book.active.append(TITLES)
    for row in rows:
        book.active.append(list(row))
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "登记表.xlsx"
    return data


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_should_import_a_valid_sheet_and_export_the_same_columns(area):
    second = [*ROW[:1], *ROW[1:]]
    second[0], second[9] = "ZZ-2019-002", "西沟村"
    with clock.frozen("2020-06-01T09:00"):
        response = client_for(area["county"]).post("/assets/import/", {"sheet": sheet(ROW, second)})
    assert response.status_code == 302 and Asset.objects.count() == 2
    exported = load_workbook(io.BytesIO(export_sheet(Asset.objects.order_by("code")))).active
    rows = [[c.value for c in row] for row in exported.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[: len(TITLES)] == TITLES)
    assert rows[header + 1][:7] == ROW[:7]


def test_should_import_nothing_from_a_sheet_with_any_bad_row(area):
    bad_rows = [
        [*ROW[:5], -5, *ROW[6:]],  # negative amount
        ["ZZ-1", "x", "产业发展类", "道路交通", "资金", 1, 2018, *ROW[7:]],  # wrong sub-class
        ["ZZ-2", "y", *ROW[2:6], 2015, *ROW[7:]],  # before 十三五
        [
            "ZZ-3",
            "z",
            *ROW[2:7],
            "高平市",
            "米山镇",
            "米西村",
            *ROW[10:],
        ],  # outside the user's area
        ["ZZ-4", "w", *ROW[2:7], "泽州县", "南村镇", "北沟村", *ROW[10:]],  # unknown village
    ]
    with clock.frozen("2020-06-01T09:00"):
        response = client_for(area["county"]).post(
            "/assets/import/", {"sheet": sheet(ROW, *bad_rows)}, HTTP_REFERER="/assets/"
        )
    assert Asset.objects.count() == 0
    follow = client_for(area["county"]).get("/assets/")
    assert response.status_code == 302 and follow.status_code == 200


def test_should_refuse_a_hostile_sheet_before_reading_it(area):
    book = Workbook()
    book.active.append(TITLES)
    book.active["XFD5000"] = "x"
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "x.xlsx"
    response = client_for(area["county"]).post("/assets/import/", {"sheet": data})
    assert response.status_code == 400 and Asset.objects.count() == 0


def test_should_show_each_area_only_its_own_assets(area):
    with clock.frozen("2020-06-01T09:00"):
        west = [*ROW]
        west[0], west[9] = "ZZ-2019-002", "西沟村"
        client_for(area["county"]).post("/assets/import/", {"sheet": sheet(ROW, west)})
    county_page = client_for(area["county"]).get("/assets/").content.decode()
    village_page = client_for(area["village"]).get("/assets/").content.decode()
    assert "ZZ-2019-002" in county_page and "ZZ-2019-002" not in village_page
    assert "ZZ-2018-001" in village_page
    stranger = make_user("stranger", Role.UNIT_STAFF, make_unit("市财政局"))
    assert client_for(stranger).get("/assets/").status_code == 403
    assert client_for(area["county"]).get("/assets/?year=abc").status_code == 400
    dashboard = client_for(area["county"]).get("/assets/dashboard/").content.decode()
    assert "泽州县" in dashboard and "高平市" not in dashboard
