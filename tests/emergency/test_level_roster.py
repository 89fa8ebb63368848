"""The roster differs per level where the plan says which groups act at which level."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.emergency.playbook import PlaybookError, load_playbook, plan_ids, playbook_from_data
from luoshi.emergency.playbook import bundled_data as bundled
from luoshi.emergency.roster import roster


def _groups(plan_id, level):
    return [g.name for g in roster(load_playbook(plan_id), level).groups]


@pytest.mark.parametrize(
    ("plan_id", "level", "clause"),
    [
        ("road-traffic", "III", "(2)市指挥部办公室视情派员赶赴现场"),
        ("crop-pest", "III", "市指挥部要立即派员前往灾害发生地"),
        ("coal-mine", "III", "必要时派员赶赴事故现场督导救援工作"),
        ("special-equipment", "III", "必要时,派员赴事发现场督导救援工作"),
    ],
)
def test_at_the_lowest_level_only_the_office_sends_staff(plan_id, level, clause):
    playbook = load_playbook(plan_id)
    assert clause in playbook.levels[level].groups.text
    r = roster(playbook, level)
    assert r.groups == ()
    assert r.office.name  # the office still stands up
    assert _groups(plan_id, "I") == [g.name for g in playbook.groups]  # 各成员单位赶赴现场


def test_road_traffic_levels():
    assert _groups("road-traffic", "I") == _groups("road-traffic", "II")
    assert "抢险救援组" in _groups("road-traffic", "II")
    assert "抢险救援组" not in _groups("road-traffic", "III")


def test_animal_epidemic_level_three_stands_up_only_the_experts():
    assert _groups("animal-epidemic", "III") == ["专家组"]
    assert "应急处置组" in _groups("animal-epidemic", "I")


def test_a_plan_silent_per_level_keeps_every_group():
    playbook = load_playbook("food-safety")
    assert playbook.levels["II"].groups is None
    assert _groups("food-safety", "II") == [g.name for g in playbook.groups]


def test_a_level_naming_an_unknown_group_is_refused():
    data = bundled("crop-pest")
    data["levels"]["III"]["groups"]["names"] = ["抢险救援组"]
    with pytest.raises(PlaybookError, match="unknown"):
        playbook_from_data(data)


@given(plan_id=st.sampled_from(plan_ids()), data=st.data())
def test_a_level_roster_names_only_bodies_the_playbook_lists(plan_id, data):
    playbook = load_playbook(plan_id)
    level = data.draw(st.sampled_from(playbook.level_order()))
    r = roster(playbook, level)
    listed = {g.name: g for g in playbook.groups}
    hq = playbook.headquarters
    bodies = {*hq.members, hq.office, hq.office.split("(")[0]}
    bodies |= {u for g in playbook.groups for u in (*g.lead, *g.members)}
    bodies |= {n.party for n in playbook.levels[level].notify}
    for group in r.groups:
        assert group.name in listed
        assert {p.name for p in group.lead} == set(listed[group.name].lead)
    assert r.unit_names() <= bodies
    assert {g.name for g in r.groups} <= {g.name for g in roster(playbook, "I").groups}
