"""``luoshi parking simulate`` and ``luoshi parking tariff``: contracts and bad input."""

from __future__ import annotations

import json

import pytest

from luoshi.cli import main
from luoshi.parking.models import Facility, OccupancyException, ParkingEvent, Permit, Zone

pytestmark = pytest.mark.django_db(transaction=True)

ZONES = ["主城区", "金村区", "南村区", "北石店区", "高都区", "巴公区"]


def run(capsys, *argv):
    code = main(["parking", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def city(capsys):
    code, out, _ = run(capsys, "simulate", "--day", "2020-06-01", "--scale", "0.01", "--json")
    assert code == 0
    return json.loads(out)


def test_simulate_answers_the_contract_and_feeds_the_event_log(city, capsys):
    assert set(city) == {"facilities", "spaces", "events", "sessions", "peak_occupancy_by_zone"}
    assert city["facilities"] == Facility.objects.count() == 12
    assert city["events"] == ParkingEvent.objects.count() == 2 * city["sessions"] > 0
    assert list(city["peak_occupancy_by_zone"]) == ZONES
    assert all(0 <= peak <= 1 for peak in city["peak_occupancy_by_zone"].values())
    assert not OccupancyException.objects.exists()
    _, again, _ = run(capsys, "simulate", "--day", "2020-06-01", "--scale", "0.01", "--json")
    assert json.loads(again) == city and ParkingEvent.objects.count() == city["events"]


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--day", "2020-02-30"], "--day must be a date"),
        (["--day", "2999-01-01"], "只能模拟已经过去的日期"),
        (["--day", "2020-06-01", "--scale", "0"], "规模"),
    ],
)
def test_simulate_refuses_bad_input_with_one_line(capsys, argv, reason):
    code, out, err = run(capsys, "simulate", *argv, "--json")
    assert code == 1 and not out and reason in err and err.count("\n") == 1


def test_tariff_prices_a_stay_with_the_zone_tariff_and_the_plate_permits(city, capsys):
    facility = Facility.objects.order_by("code").first()
    stay = ["--facility", facility.code, "--entry", "2020-06-01T08:00", "--exit",
            "2020-06-01T10:10"]  # fmt: skip
    code, out, _ = run(capsys, "tariff", *stay, "--json")
    answer = json.loads(out)
    assert code == 0 and set(answer) == {"amount", "lines"}
    assert answer["amount"] == 7.5  # five started half-hours in the 日间 band at 1.50
    assert answer["lines"][0]["band"] == "日间" and answer["lines"][0]["units"] == 5
    Permit.objects.create(plate="晋E12345", zone=facility.zone, name="残疾人", multiplier=0)
    _, out, _ = run(capsys, "tariff", *stay, "--plate", "晋E·12345", "--json")
    assert json.loads(out)["amount"] == 0


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--facility", "NOPE"], "未知停车设施"),
        (["--facility", "JC0001", "--entry", "yesterday"], "--entry must be an ISO 8601"),
        (["--facility", "JC0001", "--exit", "2020-06-01T07:00"], "离场时间早于入场时间"),
        (["--facility", "JC0001", "--plate", "<script>"], "车牌号格式不正确"),
    ],
)
def test_tariff_refuses_bad_input_with_one_line(city, capsys, argv, reason):
    stay = {"--entry": "2020-06-01T08:00", "--exit": "2020-06-01T09:00"}
    for flag, value in zip(argv[::2], argv[1::2], strict=True):
        stay[flag] = value
    code, out, err = run(capsys, "tariff", *[x for kv in stay.items() for x in kv], "--json")
    assert code == 1 and not out and reason in err and err.count("\n") == 1


def test_tariff_needs_a_zone_tariff(capsys):
    zone = Zone.objects.create(name="主城区")
    Facility.objects.create(code="X1", kind="public_lot", zone=zone, name="无收费标准",
                            lat=35.5, lon=112.8, capacity=5)  # fmt: skip
    code, _, err = run(capsys, "tariff", "--facility", "X1", "--entry", "2020-06-01T08:00",
                       "--exit", "2020-06-01T09:00", "--json")  # fmt: skip
    assert code == 1 and "尚未设定收费标准" in err
