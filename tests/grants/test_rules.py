"""The 大学新生资助 rules (晋市政办〔2020〕9号 一、): examples from the text and properties."""

from __future__ import annotations

import dataclasses
import re

from hypothesis import given
from hypothesis import strategies as st

from luoshi.grants.rules import (
    CLAUSES,
    TIER_OF,
    Applicant,
    Category,
    Readings,
    assess,
)

BASE = Applicant(
    categories=frozenset(),
    hukou_jincheng=True,
    full_time=True,
    institution="undergraduate",
)


def applicant(*categories: str, **facts) -> Applicant:
    return dataclasses.replace(BASE, categories=frozenset(Category(c) for c in categories), **facts)


def test_should_grant_5000_to_each_first_tier_situation():
    for category in ("dibao", "martyr", "heroic_act", "tekun", "disabled_student"):
        answer = assess(applicant(category))
        assert (answer.eligible, answer.amount, answer.tier) == (True, 5000, 1), category
        assert answer.clauses[-1]["ref"] == "晋市政办〔2020〕9号 一、1"


def test_should_grant_4000_to_each_second_tier_situation():
    for category in ("work_injury", "parent_disabled", "chronic_illness", "low_income"):
        assert assess(applicant(category)).amount == 4000, category


def test_should_apply_the_highest_tier_among_the_categories():
    assert assess(applicant("low_income", "dibao")).amount == 5000


def test_should_refuse_without_a_jincheng_hukou_or_full_time_study():
    assert assess(applicant("dibao", hukou_jincheng=False)).exclusions == ["非晋城市居民户籍"]
    answer = assess(applicant("dibao", full_time=False))
    assert (answer.eligible, answer.amount) == (False, 0)


def test_should_check_the_low_income_edge_against_one_and_a_half_times_the_standard():
    # 低保边缘: per-capita income below 1.5 × the city-district 低保 standard.
    assert (
        assess(
            applicant("dibao_edge", per_capita_income_yuan=9000, dibao_standard_yuan=6120)
        ).amount
        == 4000
    )
    at_limit = assess(
        applicant("dibao_edge", per_capita_income_yuan=9180, dibao_standard_yuan=6120)
    )
    assert (at_limit.eligible, at_limit.amount) == (False, 0)
    unknown = assess(applicant("dibao_edge"))
    assert unknown.missing == ["per_capita_income_yuan", "dibao_standard_yuan"]
    assert not unknown.eligible
    configured = assess(
        applicant("dibao_edge", per_capita_income_yuan=9000), Readings(dibao_standard_yuan=6120)
    )
    assert configured.amount == 4000


def test_should_exclude_edge_and_low_income_families_with_aid_of_3000_or_more():
    assert assess(applicant("low_income", donations_yuan=2999.99)).amount == 4000
    answer = assess(applicant("low_income", donations_yuan=3000))
    assert (answer.amount, answer.clauses[-1]["ref"]) == (0, "晋市政办〔2020〕9号 一、3")
    # the aid is added up (default reading) or held to 3,000 each (the other reading)
    split = applicant("low_income", donations_yuan=2000, family_planning_aid_yuan=1000)
    assert assess(split).amount == 0
    assert assess(split, Readings(aid_basis="each")).amount == 4000


def test_should_exclude_admission_to_an_erben_c_college():
    assert assess(applicant("low_income", admission_batch="二本C类")).exclusions == [
        "二本C类院校录取"
    ]


def test_should_bind_the_exclusions_to_edge_and_low_income_families_unless_read_broadly():
    rich_in_aid = applicant("dibao", donations_yuan=8000, admission_batch="二本C类")
    assert assess(rich_in_aid).amount == 5000
    assert assess(rich_in_aid, Readings(exclusions_bind="all")).amount == 0
    # a work-injury family is not an edge or low-income family: its grant does not rest on them
    assert assess(applicant("work_injury", "low_income", donations_yuan=5000)).amount == 4000


def test_should_quote_clauses_that_stand_in_the_gazette(gazette_text):
    flat = re.sub(r"\s+", "", gazette_text)
    for ref, text in CLAUSES.items():
        assert re.sub(r"\s+", "", text) in flat, ref


# --- properties ------------------------------------------------------------------------------

money = st.one_of(st.just(0.0), st.floats(min_value=0, max_value=20000, allow_nan=False))
applicants = st.builds(
    Applicant,
    categories=st.frozensets(st.sampled_from(list(Category))),
    hukou_jincheng=st.booleans(),
    full_time=st.booleans(),
    institution=st.sampled_from(["undergraduate", "higher_vocational", "junior_college"]),
    admission_batch=st.sampled_from(["", "一本", "二本A类", "二本C类"]),
    per_capita_income_yuan=st.one_of(st.none(), money),
    dibao_standard_yuan=st.one_of(st.none(), st.floats(min_value=1, max_value=20000)),
    donations_yuan=money,
    family_planning_aid_yuan=money,
)
readings = st.builds(
    Readings,
    exclusions_bind=st.sampled_from(["edge_and_low_income", "all"]),
    aid_basis=st.sampled_from(["sum", "each"]),
)


@given(applicants, readings)
def test_should_only_ever_grant_0_4000_or_5000(person, reading):
    answer = assess(person, reading)
    assert answer.amount in {0, 4000, 5000}
    assert answer.eligible == (answer.amount > 0)


@given(applicants, readings, st.sampled_from(list(Category)))
def test_should_never_give_less_for_one_more_category(person, reading, extra):
    more = dataclasses.replace(person, categories=person.categories | {extra})
    assert assess(more, reading).amount >= assess(person, reading).amount


@given(applicants, readings, st.sampled_from([c for c in Category if TIER_OF[c] == 1]))
def test_should_give_a_first_tier_category_at_least_any_second_tier_one(person, reading, first):
    second_only = dataclasses.replace(
        person, categories=frozenset(c for c in person.categories if TIER_OF[c] == 2)
    )
    with_first = dataclasses.replace(second_only, categories=second_only.categories | {first})
    assert assess(with_first, reading).amount >= assess(second_only, reading).amount


@given(applicants, readings)
def test_should_let_an_exclusion_always_win(person, reading):
    answer = assess(person, reading)
    if answer.exclusions:
        assert answer.amount == 0 and not answer.eligible
