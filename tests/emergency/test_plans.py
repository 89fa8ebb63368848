"""Hand-written cases for special equipment, animal epidemics, food safety and crop pests."""

import pytest

from luoshi.emergency.facts import SEVERITY_ORDER
from luoshi.emergency.grading import grade
from luoshi.emergency.levels import EVENT_CLASSES
from luoshi.emergency.playbook import AllOf, AnyOf, ClassIn, Leaf, load_playbook, plan_ids


def level(plan, **facts):
    return grade(plan, facts).level


# --- special equipment (晋市政办〔2020〕22号): class first (1.5), then the level (4.3.2) ---------


@pytest.mark.parametrize(
    ("facts", "expected", "cls"),
    [
        ({"deaths": 1}, "III", "general"),
        ({"deaths": 3}, "II", "large"),
        ({"deaths": 10}, "I", "major"),
        ({"seriously_injured": 100}, "I", "especially_major"),
        ({"direct_economic_loss_10k_cny": 0.99}, "none", None),  # under 1万元
        ({"direct_economic_loss_10k_cny": 1}, "III", "general"),
        ({"direct_economic_loss_10k_cny": 999}, "III", "general"),
        ({"direct_economic_loss_10k_cny": 1000}, "II", "large"),
        ({"explosion": True, "equipment_type": "pressure_vessel"}, "II", "large"),
        (
            {"explosion": True, "equipment_type": "boiler", "boiler_capacity_mw": 600},
            "I",
            "especially_major",
        ),
        (
            {"equipment_type": "boiler", "boiler_capacity_mw": 600, "outage_hours": 240},
            "I",
            "major",
        ),
        (
            {"equipment_type": "boiler", "boiler_capacity_mw": 599, "outage_hours": 300},
            "none",
            None,
        ),
        ({"people_evacuated": 499}, "none", None),
        ({"people_evacuated": 500}, "III", "general"),
        ({"people_evacuated": 10000}, "II", "large"),
        ({"people_evacuated": 50000}, "I", "major"),
        ({"equipment_type": "elevator", "stranded_hours": 1.99}, "none", None),
        ({"equipment_type": "elevator", "stranded_hours": 2}, "III", "general"),
        ({"equipment_type": "passenger_ropeway", "stranded_hours": 3.4}, "none", None),
        ({"equipment_type": "passenger_ropeway", "stranded_hours": 3.5}, "III", "general"),
        ({"equipment_type": "amusement_device", "stranded_hours": 1}, "III", "general"),
        ({"equipment_type": "amusement_device", "stranded_hours": 12}, "II", "large"),
        (
            {"equipment_type": "passenger_ropeway", "stranded_hours": 24, "stranded_people": 99},
            "II",
            "large",
        ),
        (
            {"equipment_type": "passenger_ropeway", "stranded_hours": 24, "stranded_people": 100},
            "I",
            "major",
        ),
        ({"crane_failure": "structural"}, "III", "general"),
        ({"crane_failure": "overturn"}, "II", "large"),
    ],
)
def test_special_equipment_classes(facts, expected, cls):
    g = grade("special-equipment", facts)
    assert (g.level, g.event_class) == (expected, cls)


def test_special_equipment_capacity_and_deciders():
    assert level("special-equipment", beyond_enterprise_capacity=True) == "III"
    assert level("special-equipment", beyond_county_capacity=True) == "II"
    assert level("special-equipment", cross_county=True) == "II"
    assert level("special-equipment", beyond_city_capacity=True) == "I"
    assert grade("special-equipment", {"deaths": 12}).decided_by["who"] == "市指挥部指挥长"
    assert grade("special-equipment", {"deaths": 1}).decided_by["who"] == "市指挥部办公室主任"
    g = grade("special-equipment", {"crane_failure": "overturn"})
    assert [c.ref for c in g.clauses] == ["4.3.2(2)", "1.5.3(4)"]


# --- animal epidemics (晋市政办〔2020〕24号) -------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"disease": "hpai", "outbreak_points": 1}, "III"),
        ({"disease": "hpai", "outbreak_points": 2}, "III"),
        ({"disease": "hpai", "outbreak_points": 3}, "II"),
        (
            {"disease": "hpai", "outbreak_points": 5},
            "I",
        ),  # 5个以上疫点 in the province, the city's included
        ({"disease": "hpai", "counties_affected": 2}, "II"),
        ({"disease": "hpai", "counties_affected": 5, "affected_areas_contiguous": True}, "I"),
        ({"disease": "hpai", "counties_affected": 5}, "II"),  # not 连片: reading in the playbook
        ({"disease": "hpai", "cities_affected": 2, "counties_affected": 1}, "I"),
        ({"disease": "hpai", "cities_affected": 2}, "none"),  # only elsewhere: no county of ours
        ({"disease": "hpai", "border_area_outbreak": True}, "I"),
        ({"disease": "fmd", "outbreak_points": 4}, "III"),
        ({"disease": "fmd", "outbreak_points": 5}, "II"),
        ({"disease": "fmd", "counties_affected": 4}, "II"),
        ({"disease": "fmd", "counties_affected": 5}, "I"),
        ({"disease": "fmd", "cities_affected": 2, "outbreak_points": 1}, "III"),
        (
            {
                "disease": "fmd",
                "cities_affected": 2,
                "affected_areas_contiguous": True,
                "counties_affected": 1,
            },
            "I",
        ),
        ({"disease": "fmd", "new_subtype": True}, "I"),
        ({"disease": "csf", "outbreak_points": 9}, "III"),
        ({"disease": "csf", "outbreak_points": 10}, "II"),
        ({"disease": "csf", "outbreak_points": 30}, "I"),
        ({"disease": "nd", "counties_affected": 5}, "II"),
        ({"disease": "hp_prrs", "province_counties_affected": 20, "counties_affected": 1}, "I"),
        ({"disease": "hp_prrs", "province_counties_affected": 20}, "none"),
        ({"disease": "ppr"}, "I"),
        ({"disease": "asf", "outbreak_points": 1}, "I"),
        ({"pathogen_leak_human_infection": True}, "I"),
        ({"disease": "brucellosis"}, "none"),
        ({"disease": "brucellosis", "outbreak_epidemic": True}, "III"),
        ({"disease": "rabies", "outbreak_epidemic": True, "counties_affected": 5}, "II"),
        (
            {
                "disease": "anthrax",
                "outbreak_epidemic": True,
                "cities_affected": 3,
                "counties_affected": 1,
            },
            "I",
        ),
        ({"disease": "anthrax", "human_cases": 1}, "II"),
        ({"disease": "other_class2_zoonosis", "human_cases": 2}, "II"),
        (
            {
                "disease": "other_class2_zoonosis",
                "human_cases": 2,
                "human_cases_explosive_growth": True,
            },
            "I",
        ),
        (
            {
                "disease": "other_class2_zoonosis",
                "human_cases": 1,
                "human_cases_explosive_growth": True,
            },
            "II",
        ),
        ({"mass_unexplained_animal_deaths": True}, "III"),
        ({"mass_unexplained_animal_deaths": True, "counties_affected": 1}, "II"),
        ({"disease": "unknown"}, "none"),
    ],
)
def test_animal_epidemic_levels(facts, expected):
    assert level("animal-epidemic", **facts) == expected


def test_animal_deciders_differ_by_level():
    assert grade("animal-epidemic", {"disease": "asf"}).decided_by["who"] == "市指挥部总指挥"
    assert (
        grade("animal-epidemic", {"disease": "fmd", "outbreak_points": 6}).decided_by["who"]
        == "市指挥部副总指挥"
    )
    assert grade("animal-epidemic", {"disease": "fmd"}).decided_by["who"] == "市指挥部办公室"
    due = {
        r["report"]: r
        for r in grade("animal-epidemic", {"disease": "fmd"}).as_dict()["reports_due"]
    }
    assert due["疑似重大动物疫情报告"]["within"] == "PT1H"


# --- food safety (晋市政办〔2020〕26号) -----------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"deaths": 9}, "II"),
        ({"deaths": 10}, "I"),
        ({"people_affected": 99}, "none"),
        ({"people_affected": 99, "assessed_measures_needed": True}, "III"),
        ({"people_affected": 100}, "II"),
        ({"people_affected": 100, "deaths": 1}, "I"),
        ({"deaths": 1}, "II"),
        ({"health_harm": "serious"}, "III"),
        ({"health_harm": "serious", "counties_affected": 2}, "II"),
        ({"health_harm": "serious", "cities_affected": 2, "counties_affected": 1}, "I"),
        ({"health_harm": "serious", "cities_affected": 2}, "none"),  # food that never reached us
        ({"health_harm": "serious", "provinces_affected": 2, "counties_affected": 1}, "I"),
        (
            {"health_harm": "especially_serious", "abroad_affected": True, "counties_affected": 1},
            "I",
        ),
        ({"health_harm": "serious", "abroad_affected": True, "counties_affected": 1}, "III"),
        ({"first_occurrence_in_china": True, "health_harm": "serious"}, "III"),
        (
            {"first_occurrence_in_china": True, "health_harm": "serious", "spreading_trend": True},
            "I",
        ),
        ({"opinion_event_severity": "general"}, "none"),
        ({"opinion_event_severity": "general", "assessed_measures_needed": True}, "III"),
        ({"opinion_event_severity": "significant", "assessed_measures_needed": True}, "II"),
        ({"opinion_event_severity": "major", "assessed_measures_needed": True}, "I"),
    ],
)
def test_food_safety_levels(facts, expected):
    assert level("food-safety", **facts) == expected


def test_food_school_flag_is_only_an_advisory():
    g = grade(
        "food-safety",
        {"people_affected": 30, "assessed_measures_needed": True, "involves_school": True},
    )
    assert g.level == "III"
    assert g.advisories and g.advisories[0]["ref"] == "5.4.1(1)"
    assert grade("food-safety", {"involves_school": True}).level == "none"


def test_food_reports_within_two_hours_and_assessment_within_a_week():
    due = {r["report"]: r for r in grade("food-safety", {"deaths": 1}).as_dict()["reports_due"]}
    assert due["医疗机构报告"]["within"] == "PT2H"
    assert due["调查评估报告"]["within"] == "P7D" and due["调查评估报告"]["from"] == "response_end"
    assert load_playbook("food-safety").assessment.within == "P7D"


# --- crop pests (晋市政办〔2020〕11号) -------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"pest_area_10k_mu": 90}, "none"),  # no 30% loss: reading in the playbook
        ({"pest_area_10k_mu": 19.9, "crop_loss_pct": 50}, "none"),
        ({"pest_area_10k_mu": 20, "crop_loss_pct": 30}, "III"),
        ({"pest_area_10k_mu": 40, "crop_loss_pct": 29.9}, "none"),
        ({"pest_area_10k_mu": 40, "crop_loss_pct": 30}, "II"),
        ({"pest_area_10k_mu": 80, "crop_loss_pct": 30}, "I"),
        ({"counties_affected": 2, "crop_loss_pct": 30}, "III"),
        ({"counties_affected": 3, "crop_loss_pct": 30}, "II"),
        ({"counties_affected": 4, "crop_loss_pct": 30}, "I"),
        ({"quarantine_pest_level": "provincial", "contiguous_area_mu": 999}, "none"),
        ({"quarantine_pest_level": "provincial", "contiguous_area_mu": 1000}, "III"),
        ({"quarantine_pest_level": "provincial", "contiguous_area_mu": 2000}, "II"),
        ({"quarantine_pest_level": "provincial", "contiguous_area_mu": 9000}, "II"),
        ({"quarantine_pest_level": "national", "contiguous_area_mu": 5000}, "I"),
        ({"first_occurrence_in_china": True}, "none"),
        ({"first_occurrence_in_china": True, "crop_damage": True}, "I"),
        ({"alien_pest_new_find": True}, "none"),
        ({"alien_pest_new_find": True, "local_impact": "impact", "counties_affected": 1}, "III"),
        ({"alien_pest_new_find": True, "local_impact": "impact", "counties_affected": 2}, "II"),
        ({"alien_pest_new_find": True, "local_impact": "serious", "counties_affected": 2}, "I"),
        ({"alien_pest_new_find": True, "local_impact": "serious", "counties_affected": 1}, "III"),
    ],
)
def test_crop_pest_levels(facts, expected):
    assert level("crop-pest", **facts) == expected


def test_crop_county_report_within_two_hours():
    due = {
        r["report"]: r
        for r in grade("crop-pest", {"pest_area_10k_mu": 25, "crop_loss_pct": 40}).as_dict()[
            "reports_due"
        ]
    }
    assert due["灾害事件报告"]["within"] == "PT2H"


# --- playbook data invariants ---------------------------------------------------------------


def _ordered_lists(cond):
    """Every list of values on an ordered scale: event classes, and severity-ordered enums."""
    if isinstance(cond, ClassIn):
        yield "event_class", cond.classes, EVENT_CLASSES
    elif isinstance(cond, Leaf) and cond.op == "in" and cond.field in SEVERITY_ORDER:
        yield cond.field, cond.value, SEVERITY_ORDER[cond.field]
    elif isinstance(cond, Leaf) and cond.op in ("gte", "gt"):
        yield cond.field, ("≥", cond.value), None
    elif isinstance(cond, AllOf | AnyOf):
        for item in cond.items:
            yield from _ordered_lists(item)


@pytest.mark.parametrize("plan_id", plan_ids())
def test_conditions_on_ordered_scales_are_upward_closed(plan_id):
    """'重大以上' must include every higher class (and 严重 every worse harm, a count every larger
    count), or grading would not be monotone. Every plan has such conditions to check."""
    playbook = load_playbook(plan_id)
    conds = [r.when for lv in playbook.levels.values() for r in lv.rules if not r.discretion]
    checked = 0
    for cond in conds:
        for name, values, order in _ordered_lists(cond):
            checked += 1
            if order is None:  # a threshold on a count: gte/gt are upward closed, from 0 up
                assert values[1] >= 0, (plan_id, name)
                continue
            lowest = min(order.index(v) for v in values)
            assert list(values) == list(order[lowest:]), (plan_id, name, values)
    assert checked > 0, plan_id


def test_ordered_lists_are_found_where_the_plans_use_them():
    """The check above sees the class and severity lists of the plans that have them."""
    seen = {
        plan_id: {
            name
            for lv in load_playbook(plan_id).levels.values()
            for r in lv.rules
            for name, _, order in _ordered_lists(r.when)
            if order is not None
        }
        for plan_id in plan_ids()
    }
    assert "event_class" in seen["coal-mine"] and "event_class" in seen["special-equipment"]
    assert {"quarantine_pest_level", "local_impact"} <= seen["crop-pest"]
    assert {"health_harm", "opinion_event_severity"} <= seen["food-safety"]
    assert "potential_event_class" in seen["road-traffic"]


@pytest.mark.parametrize("plan_id", plan_ids())
def test_headquarters_office_and_groups_present(plan_id):
    pb = load_playbook(plan_id)
    assert pb.headquarters.commander and pb.headquarters.deputies and pb.headquarters.office
    assert len(pb.groups) >= 4
    assert pb.termination.conditions and pb.assessment.text
