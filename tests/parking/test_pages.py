"""The public 找车位 page (no login, no plates) and the operator's occupancy page."""

from __future__ import annotations

import pytest
from tests.factories import make_unit, make_user

from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.parking import events, geo
from luoshi.parking.models import Facility, Zone

pytestmark = pytest.mark.django_db


@pytest.fixture
def lots():
    zone = Zone.objects.create(name="主城区")
    near, far, full = (
        Facility.objects.create(
            code=code, kind=Facility.Kind.PUBLIC_LOT, zone=zone, name=name, lat=lat,
            lon=112.85, capacity=capacity,
        )  # fmt: skip
        for code, name, lat, capacity in [
            ("N", "近处停车场", 35.500, 5), ("F", "远处停车场", 35.550, 5),
            ("X", "满位停车场", 35.4999, 1),
        ]
    )  # fmt: skip
    events.ingest([
        {"event_id": "e1", "facility": "X", "kind": "in", "plate": "晋E12345",
         "at": "2020-06-01T08:00"},
        {"event_id": "e2", "facility": "N", "kind": "out", "plate": "晋E99999",
         "at": "2020-06-01T08:00"},
    ])  # fmt: skip
    return near, far, full


def test_find_lists_facilities_with_free_spaces_nearest_first_without_login(client, lots):
    page = client.get("/parking/find/", {"lat": "35.5", "lon": "112.85"})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("近处停车场") < html.index("远处停车场")
    assert "满位停车场" not in html and "晋E" not in html
    assert "5/5" in html


def test_find_answers_a_bad_point_in_chinese(client, lots):
    page = client.get("/parking/find/", {"lat": "<script>", "lon": "1"})
    assert page.status_code == 400 and "位置格式不正确" in page.content.decode()
    assert "<script>" not in page.content.decode()


def test_occupancy_page_is_for_city_wide_staff_and_masks_plates(client, lots):
    assert client.get("/parking/occupancy/").status_code == 302
    make_user("staff", Role.UNIT_STAFF, make_unit("市交通运输局"))
    client.force_login(User.objects.get(username="staff"))
    assert client.get("/parking/occupancy/").status_code == 403
    make_user("boss", Role.SUPERVISION)
    client.force_login(User.objects.get(username="boss"))
    html = client.get("/parking/occupancy/").content.decode()
    assert "有出无入" in html and "晋E***99" in html and "晋E99999" not in html


def test_walking_distance_grows_with_distance():
    assert geo.walking_m(35.5, 112.85, 35.5, 112.85) == 0
    assert 1_400 < geo.walking_m(35.5, 112.85, 35.51, 112.85) < 1_500
