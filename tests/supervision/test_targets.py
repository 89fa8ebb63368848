"""Quantitative targets (量化指标) in task text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.supervision.extraction.targets import MEASURE_UNITS, parse_targets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全市地区生产总值增长6.2%左右。", ("地区生产总值增长", 6.2, "%", "左右")),
        ("城镇新增就业3万人。", ("城镇新增就业", 3.0, "万人", "")),
        ("城镇登记失业率控制在4.5%以内。", ("城镇登记失业率", 4.5, "%", "以内")),
        ("绿色出行比例不低于30%。", ("绿色出行比例", 30.0, "%", "不低于")),
        ("煤层气产量达到35亿方以上。", ("煤层气产量", 35.0, "亿方", "以上")),
        ("全社会固定资产投资增长7%以上。", ("全社会固定资产投资增长", 7.0, "%", "以上")),
        ("完成38.85万亩水土流失治理任务。", ("完成", 38.85, "万亩", "")),
    ],
)
def test_targets(text, expected):
    (target,) = parse_targets(text)
    assert (target.metric, target.value, target.unit, target.qualifier) == expected


def test_two_targets_share_a_metric_across_和():
    first, second = parse_targets("城乡居民人均可支配收入分别增长6.1%以上和6.5%以上")
    assert first.metric == second.metric == "城乡居民人均可支配收入分别增长"
    assert (first.value, second.value) == (6.1, 6.5)


def test_dates_ranges_and_labels_are_not_targets():
    assert parse_targets("建设1-3个城镇社区养老幸福工程,10月底前完成建设。") == []
    assert parse_targets("1.3月底制定方案。") == []
    assert parse_targets("2020年完成。") == []


def test_stray_markup_is_ignored():
    (target,) = parse_targets("<p>婚检率达到60%。</p>")
    assert (target.metric, target.value) == ("婚检率", 60.0)


numbers = st.one_of(
    st.integers(0, 10**7).map(str),
    st.tuples(st.integers(0, 99999), st.integers(0, 999)).map(lambda p: f"{p[0]}.{p[1]}"),
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["地区生产总值增长", "新增就业", "覆盖率", ""]),
    numbers,
    st.sampled_from(MEASURE_UNITS),
    st.sampled_from(["", "左右", "以上", "以内"]),
)
def test_value_round_trips_the_printed_number(metric, number, unit, qualifier):
    (target,) = parse_targets(f"{metric}{number}{unit}{qualifier}。")
    assert target.value == float(number)
    assert target.unit == unit and target.qualifier == qualifier
    assert target.metric == metric


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_never_crashes(text):
    for target in parse_targets(text):
        assert target.unit in MEASURE_UNITS
        assert target.value >= 0
