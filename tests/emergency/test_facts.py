import pytest

from luoshi.emergency.facts import FIELDS, FactsError, validate_facts


def test_fifty_six_documented_fields_plus_five_of_drafted_plans_with_defaults():
    assert len(FIELDS) == 56 + 5
    facts = validate_facts({})
    assert facts["incident_occurred"] is True
    assert facts["deaths"] == 0 and facts["hazardous_chemicals"] is False
    assert facts["local_impact"] == "none" and facts["equipment_type"] is None
    assert facts["casualties"] == 0


def test_casualties_are_deaths_plus_injured():
    assert validate_facts({"deaths": 3, "injured": 4})["casualties"] == 7


def test_province_counts_default_to_and_include_the_city_counts():
    facts = validate_facts({"counties_affected": 3, "outbreak_points": 4})
    assert facts["province_counties_affected"] == 3 and facts["province_outbreak_points"] == 4
    facts = validate_facts({"counties_affected": 3, "province_counties_affected": 12})
    assert facts["province_counties_affected"] == 12
    facts = validate_facts({"counties_affected": 3, "province_counties_affected": 1})
    assert facts["province_counties_affected"] == 3


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"death": 1}, "unknown field 'death'"),
        ({"casualties": 3}, "derived"),
        ({"deaths": "3"}, "must be a number"),
        ({"deaths": True}, "must be a number"),
        ({"deaths": 2.5}, "whole number"),
        ({"deaths": -1}, "non-negative"),
        ({"crop_loss_pct": float("nan")}, "non-negative"),
        ({"cross_county": 1}, "true or false"),
        ({"cross_county": "true"}, "true or false"),
        ({"disease": "bird flu"}, "must be one of"),
        ({"local_impact": None}, "must be one of"),
        ({"equipment_type": 3}, "must be one of"),
    ],
)
def test_unknown_fields_and_wrong_types_are_errors(raw, message):
    with pytest.raises(FactsError, match=message):
        validate_facts(raw)


def test_facts_must_be_an_object():
    with pytest.raises(FactsError, match="JSON object"):
        validate_facts([{"deaths": 1}])


def test_numbers_accept_int_and_float_nulls_accepted_where_allowed():
    facts = validate_facts({"crop_loss_pct": 30, "pest_area_10k_mu": 20.5, "disease": None})
    assert facts["crop_loss_pct"] == 30 and facts["disease"] is None
