"""The loader rejects malformed playbook data instead of grading with it."""

import pytest

from luoshi.emergency import playbook as pb


@pytest.mark.parametrize(
    ("cond", "message"),
    [
        ({"field": "deadz", "gte": 1}, "unknown field"),
        ({"field": "deaths", "gte": 1, "lt": 5}, "a leaf takes"),
        ({"field": "deaths", "gte": 5, "band_below": 3}, "band_below"),
        ({"field": "disease", "gte": 1}, "eq/in"),
        ({"field": "health_harm", "in": ["especially_serious", "serious"]}, "least severe"),
        ({"any": []}, "non-empty"),
        ({"event_class": ["huge"]}, "event_class"),
    ],
)
def test_bad_conditions_are_rejected(cond, message):
    with pytest.raises(pb.PlaybookError, match=message):
        pb._condition(cond, "test")


def test_unknown_plan():
    with pytest.raises(pb.UnknownPlan, match="unknown plan 'flood'"):
        pb.load_playbook("flood")


def test_rule_keys_are_checked():
    with pytest.raises(pb.PlaybookError, match="unknown keys"):
        pb._rule({"ref": "1", "text": "x", "when": {"field": "deaths", "gte": 1}, "note": "?"}, "t")
    with pytest.raises(pb.PlaybookError, match="discretion"):
        pb._rule({"ref": "1", "text": "x", "discretion": True}, "t")
