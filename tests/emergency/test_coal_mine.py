"""Coal-mine plan (晋市政办〔2020〕23号): hand-written cases from the plan text."""

import pytest

from luoshi.emergency.grading import grade


def level(**facts):
    return grade("coal-mine", facts).level


def refs(**facts):
    return [c.ref for c in grade("coal-mine", facts).clauses]


@pytest.mark.parametrize(
    ("trapped", "expected"),
    [(1, "III"), (2, "III"), (3, "II"), (4, "II"), (9, "II"), (10, "I"), (25, "I")],
)
def test_trapped_or_missing_bands(trapped, expected):
    # 4.2.3 ② 3名以下 → III; 4.2.2 ② 3名以上、10名以下 → II; 4.2.1 ② 10人以上 → I
    assert level(trapped_or_missing=trapped) == expected


def test_four_trapped_is_II_with_its_clause():
    g = grade("coal-mine", {"trapped_or_missing": 4})
    assert g.level == "II"
    assert g.clauses[0].ref == "4.2.2(1)②" and "3名以上、10名以下" in g.clauses[0].text
    assert g.decided_by["who"] == "市指挥部总指挥"
    assert g.next_level == "I"
    assert any(r.summary == "trapped_or_missing +6 → I" for r in g.to_raise)


def test_any_accident_is_at_least_III_because_general_has_no_lower_bound():
    g = grade("coal-mine", {})
    assert g.level == "III" and g.event_class == "general"
    assert refs() == ["4.2.3(1)①", "1.5(4)"]
    assert g.decided_by["who"] == "市指挥部副总指挥"


def test_a_hazard_that_has_not_happened_gives_none():
    assert level(incident_occurred=False) == "none"
    assert level(incident_occurred=False, potential_event_class="major") == "I"


@pytest.mark.parametrize(
    ("facts", "expected", "cls"),
    [
        ({"deaths": 2}, "III", "general"),
        ({"deaths": 3}, "II", "large"),
        ({"deaths": 9}, "II", "large"),
        ({"deaths": 10}, "I", "major"),
        ({"deaths": 30}, "I", "especially_major"),
        ({"seriously_injured": 9}, "III", "general"),
        ({"seriously_injured": 10}, "II", "large"),
        ({"seriously_injured": 49}, "II", "large"),
        ({"seriously_injured": 50}, "I", "major"),
        ({"direct_economic_loss_10k_cny": 999.99}, "III", "general"),
        ({"direct_economic_loss_10k_cny": 1000}, "II", "large"),
        ({"direct_economic_loss_10k_cny": 4999}, "II", "large"),
        ({"direct_economic_loss_10k_cny": 5000}, "I", "major"),
        ({"direct_economic_loss_10k_cny": 10000}, "I", "especially_major"),
    ],
)
def test_accident_classes_map_to_levels(facts, expected, cls):
    g = grade("coal-mine", facts)
    assert (g.level, g.event_class) == (expected, cls)


def test_scope_flags():
    assert refs(cross_city=True)[0] == "4.2.1(1)③"
    assert level(cross_county=True) == "II"
    assert level(beyond_county_capacity=True) == "II"
    assert level(potential_event_class="large") == "II"


def test_reports_follow_the_accident_class():
    small = {r["report"]: r for r in grade("coal-mine", {"deaths": 1}).as_dict()["reports_due"]}
    assert small["事故信息报告(一般、较大)"]["within"] == "PT1H"
    assert "事故信息报告(重大以上)" not in small
    assert small["书面报告(电话快报后)"]["within"] == "PT30M"
    big = {r["report"] for r in grade("coal-mine", {"deaths": 12}).as_dict()["reports_due"]}
    assert "事故信息报告(重大以上)" in big and "事故信息报告(一般、较大)" not in big


def test_notify_lists_member_units_with_the_plan_phone_numbers():
    notify = {n["party"]: n for n in grade("coal-mine", {"deaths": 4}).as_dict()["notify"]}
    assert notify["市应急局"]["phone"] == "2027255"
    assert notify["市消防救援支队"]["phone"] == "2066610"  # listed as 市消防支队 in 附录8.1
    assert notify["省应急厅"]["phone"] == "0351-4090558"
    assert len(notify) == 26 + 3
