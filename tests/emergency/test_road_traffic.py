"""Road-traffic plan (晋市政办〔2020〕12号): hand-written cases from the plan text."""

import pytest

from luoshi.emergency.grading import grade


def level(**facts):
    return grade("road-traffic", facts).level


@pytest.mark.parametrize(
    ("deaths", "injured", "expected"),
    [
        (0, 0, "none"),
        (0, 4, "none"),  # 伤亡 4: below 5
        (0, 5, "III"),  # 5人以上10人以下伤亡
        (1, 0, "III"),  # 5人以下死亡
        (4, 0, "III"),
        (5, 0, "II"),  # 5人以上10人以下死亡
        (0, 10, "II"),  # 10人以上50人以下伤亡
        (9, 40, "II"),  # 伤亡 49
        (9, 41, "I"),  # 伤亡 50
        (10, 0, "I"),
        (0, 50, "I"),
    ],
)
def test_traffic_accident_bands(deaths, injured, expected):
    assert level(deaths=deaths, injured=injured) == expected


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"deaths": 2}, "III"),
        ({"deaths": 3}, "II"),
        ({"deaths": 5}, "I"),
        ({"injured": 9}, "III"),
        ({"injured": 10}, "II"),
        ({"injured": 29}, "II"),
        ({"injured": 30}, "I"),
        ({"environmental_pollution": "some"}, "II"),
        ({"environmental_pollution": "significant"}, "I"),
        ({}, "none"),
    ],
)
def test_hazardous_chemicals_thresholds_are_stricter(facts, expected):
    assert level(hazardous_chemicals=True, **facts) == expected


def test_pollution_alone_without_hazardous_chemicals_is_not_a_condition():
    assert level(environmental_pollution="significant") == "none"


@pytest.mark.parametrize(
    ("counties", "expected"), [(0, "III"), (1, "III"), (2, "II"), (3, "I"), (6, "I")]
)
def test_severe_weather_by_counties(counties, expected):
    assert level(severe_weather_road_impact=True, counties_affected=counties) == expected


def test_expressway_incidents_go_to_the_expressway_plan():
    g = grade("road-traffic", {"on_expressway": True, "deaths": 12})
    assert g.level == "none" and g.clauses[0].ref == "1.4"
    assert "高速公路" in g.clauses[0].text


def test_who_decides_each_level():
    assert grade("road-traffic", {"deaths": 10}).decided_by["who"] == "市指挥部总指挥"
    assert grade("road-traffic", {"deaths": 5}).decided_by["who"] == "市指挥部总指挥"
    assert grade("road-traffic", {"deaths": 1}).decided_by["who"] == "市指挥部办公室主任"


def test_scope_and_capacity():
    assert level(cross_county=True) == "I"
    assert level(beyond_city_capacity=True) == "I"
    assert level(beyond_county_capacity=True) == "II"
    assert level(potential_event_class="general") == "III"
    assert level(potential_event_class="large") == "II"
    assert level(potential_event_class="major") == "I"


def test_a_forecast_only_is_no_response():
    assert (
        level(incident_occurred=False, severe_weather_road_impact=True, counties_affected=4)
        == "none"
    )


def test_initial_report_within_one_hour_at_I_and_II_only():
    due = {r["report"]: r for r in grade("road-traffic", {"deaths": 6}).as_dict()["reports_due"]}
    assert due["初报"]["within"] == "PT1H" and "2198345" in due["初报"]["to"]
    assert (
        due["处理结果报告"]["within"] == "PT24H" and due["处理结果报告"]["from"] == "response_end"
    )
    low = {r["report"] for r in grade("road-traffic", {"deaths": 1}).as_dict()["reports_due"]}
    assert "初报" not in low and "续报" in low


def test_to_raise_counts_deaths_and_casualties():
    g = grade("road-traffic", {"deaths": 7})
    assert g.level == "II"
    summaries = [r.summary for r in g.to_raise]
    assert "deaths +3 → I" in summaries
    g = grade("road-traffic", {"injured": 45})
    assert "injured +5 → I" in [r.summary for r in g.to_raise]
    unmet = {u.ref: u for u in g.unmet}
    assert unmet["4.1.1.1(1)"].missing[0].as_dict() == {
        "field": "injured",
        "op": "gte",
        "need": 50,
        "have": 45,
    }


def test_notify_the_city_duty_room_with_its_number():
    notify = grade("road-traffic", {"deaths": 6}).as_dict()["notify"]
    assert notify[0] == {
        "party": "市政府值班室",
        "phone": "2198345",
        "fax": "2037755",
        "ref": "4.3(1)",
    }
    assert {
        "party": "市公安局交警支队",
        "phone": "2126000/2126100",
        "fax": None,
        "ref": "4.1.2.3(3)",
    } in notify
