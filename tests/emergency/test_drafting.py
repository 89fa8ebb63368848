"""Drafting playbooks from plans' text: thresholds only from the text, both level schemes,
agreement with the six hand-written playbooks (printed per field)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.emergency.drafting import DraftingError, PlanText, draft_plan
from luoshi.emergency.drafting.compare import agreement
from luoshi.emergency.drafting.conditions import draft_condition, leaves
from luoshi.emergency.drafting.measures import parse_number
from luoshi.emergency.drafting.review import ReviewError, changes, decide, to_playbook_data
from luoshi.emergency.drafting.samples import bundled_plans, corpus_plans
from luoshi.emergency.playbook import bundled_data, bundled_plan_ids, playbook_from_data

_FACTOR = {"亿元": 10000, "万人": 10000}


def _said_numbers(said: str) -> set[float]:
    found: set[float] = set()
    for match in re.finditer(r"(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)\s*(亿元|万人)?", said):
        found.add(parse_number(match.group(1)) * _FACTOR.get(match.group(2) or "", 1))
    return found


def assert_numbers_from_clause(when: dict[str, object] | None, clause: str) -> None:
    for leaf in leaves(when):  # type: ignore[arg-type]
        said = str(leaf.get("said", ""))
        assert said and said in clause, (said, clause)
        for key in ("gte", "gt", "band_below"):
            value = leaf.get(key)
            if isinstance(value, int | float) and not isinstance(value, bool) and value != 0:
                assert float(value) in _said_numbers(said), (key, value, said)


MEASURE_WORDS = ["人以上死亡", "人以上重伤", "万元以上直接经济损失", "个以上县", "人以上被困",
                 "万亩以上", "公顷以上", "人以下死亡", "人以上伤亡", "亿元以上直接经济损失"]  # fmt: skip
FILLER = st.text(alphabet="发生造成或者并且的事故,、;跨县超出能力可能重大较大以上以下", max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(FILLER, st.integers(0, 100000), st.sampled_from(MEASURE_WORDS)),
        min_size=1,
        max_size=4,
    ),
    FILLER,
)
def test_drafting_never_invents_a_threshold(parts, tail):
    clause = "".join(f"{pre}{n}{word}" for pre, n, word in parts) + tail
    drafted = draft_condition(clause)
    assert_numbers_from_clause(drafted.when, clause)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789人个以上下死亡重伤万元亿县市或且,", max_size=40))
def test_any_text_drafts_only_numbers_it_holds(clause):
    assert_numbers_from_clause(draft_condition(clause).when, clause)


@pytest.mark.parametrize("plan", bundled_plans() + corpus_plans(), ids=lambda p: p.number)
def test_every_drafted_rule_quotes_its_clause_and_reads_numbers_from_it(plan):
    draft = draft_plan(plan)
    for body in draft["levels"].values():
        for rule in body["rules"]:
            assert 0 <= rule["confidence"] <= 1
            assert_numbers_from_clause(rule.get("when"), rule["text"])
            assert "when" in rule or rule.get("discretion") or rule.get("flag")


def test_three_level_plan_drafts_levels_deciders_and_conditions():
    coal = next(p for p in bundled_plans() if "煤矿" in p.title)
    draft = draft_plan(coal)
    assert list(draft["levels"]) == ["I", "II", "III"]
    assert draft["levels"]["III"]["decided_by"]["who"] == "市指挥部副总指挥"
    assert draft["levels"]["I"]["decided_by"]["proposed_by"] == "市指挥部办公室"
    trapped = draft["levels"]["II"]["rules"][1]
    assert trapped["when"] == {
        "field": "trapped_or_missing",
        "gte": 3,
        "band_below": 10,
        "said": "3名以上、10名以下人员被困",
    }
    assert draft["levels"]["I"]["rules"][3]["discretion"] is True
    assert [g["name"] for g in draft["groups"]][:2] == ["综合协调组", "现场抢险组"]
    assert draft["headquarters"]["office"] == "市应急局(地方煤矿安全监督管理局)"


def test_four_level_plan_of_another_city_drafts_all_four_levels():
    geo = next(p for p in corpus_plans() if "地质灾害" in p.title)
    draft = draft_plan(geo)
    assert list(draft["levels"]) == ["I", "II", "III", "IV"]
    assert draft["levels"]["IV"]["decided_by"]["who"] == "市指挥部办公室主任"
    assert draft["levels"]["I"]["rules"][0]["when"]["field"] == "deaths_and_missing"
    assert [w["colour"] for w in draft["warnings"]["levels"]] == ["red", "orange", "yellow", "blue"]
    assert draft["reports"][0]["within"] == "PT1H"
    assert draft["assessment"]["within"] == "P15D"


def test_a_document_without_response_levels_is_refused():
    with pytest.raises(DraftingError):
        draft_plan(
            PlanText(
                "晋市政办〔2020〕7号",
                "实施方案",
                "市政府",
                "",
                [{"kind": "paragraph", "text": "无"}],
            )
        )


def test_a_reviewed_draft_becomes_a_valid_playbook():
    geo = draft_plan(next(p for p in corpus_plans() if "地质灾害" in p.title))
    with pytest.raises(ReviewError):
        to_playbook_data(geo)
    for level, body in geo["levels"].items():
        for i, _ in enumerate(body["rules"]):
            geo = decide(geo, f"levels.{level}.{i}", "accepted")
    playbook = playbook_from_data(to_playbook_data(geo))
    assert playbook.level_order() == ("I", "II", "III", "IV")


def test_drafts_of_the_six_plans_agree_with_the_hand_written_playbooks(record_property):
    by_number = {bundled_data(p)["document"]: bundled_data(p) for p in bundled_plan_ids()}
    totals: dict[str, list[int]] = {}
    for plan in bundled_plans():
        for name, (agree, compared) in agreement(draft_plan(plan), by_number[plan.number]).items():
            total = totals.setdefault(name, [0, 0])
            total[0] += agree
            total[1] += compared
    for name, (agree, compared) in sorted(totals.items()):
        print(f"agreement {name}: {agree}/{compared} = {agree / compared:.0%}")
        record_property(f"agreement_{name}", f"{agree}/{compared}")
    assert totals["levels"] == [6, 6]
    assert totals["launch_clauses"][0] / totals["launch_clauses"][1] >= 0.8
    assert totals["decided_by"][0] / totals["decided_by"][1] >= 0.6


def test_a_revised_plan_shows_what_changed_against_the_published_version():
    coal = next(p for p in bundled_plans() if "煤矿" in p.title)
    published = bundled_data("coal-mine")
    assert set(changes(draft_plan(coal), published).values()) == {"same"}
    revised_blocks = [
        {**b, "text": b["text"].replace("10人以上被困", "8人以上被困")} for b in coal.blocks
    ]
    revised = draft_plan(PlanText(coal.number, coal.title, coal.issuer, coal.date, revised_blocks))
    marks = changes(revised, published)
    assert marks["levels.I.1"] == "new" and marks["levels.I.0"] == "same"
    assert "10人以上被困" in marks["removed"]
