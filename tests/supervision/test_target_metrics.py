"""A target's metric is the subject of its number, never a piece of the previous clause."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.supervision.extraction.targets import parse_targets

SUBJECTS = ["生猪存栏", "能繁母猪存栏", "粮食产量", "森林覆盖率", "农村公路", "桥梁", "停车泊位"]
VERBS = ["达到", "稳定在", "", "控制在", "提高到"]
UNITS = ["万头", "万吨", "%", "公里", "座", "个", "万亩", "亿斤"]
JOINS = [",", "、", ";", "和", "，"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("生猪存栏达到100万头", [("生猪存栏", 100.0, "万头")]),
        ("全市生猪存栏达到100万头,能繁母猪存栏10万头", [("生猪存栏", 100.0, "万头"), ("能繁母猪存栏", 10.0, "万头")]),
        ("粮食播种面积稳定在200万亩以上、产量达到20亿斤", [("粮食播种面积", 200.0, "万亩"), ("产量", 20.0, "亿斤")]),
        ("新建改建农村公路500公里和桥梁20座", [("新建改建农村公路", 500.0, "公里"), ("桥梁", 20.0, "座")]),
    ],
)  # fmt: skip
def test_should_name_each_metric_by_its_own_subject(text, expected):
    assert [(t.metric, t.value, t.unit) for t in parse_targets(text)] == expected


@given(
    st.lists(
        st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.integers(1, 999), st.sampled_from(UNITS)),
        min_size=1, max_size=4,
    ),
    st.lists(st.sampled_from(JOINS), min_size=3, max_size=3),
)  # fmt: skip
def test_metrics_never_carry_text_of_an_earlier_clause(clauses, joins):
    text = "".join(
        (joins[i - 1] if i else "") + f"{subject}{verb}{number}{unit}"
        for i, (subject, verb, number, unit) in enumerate(clauses)
    )
    found = parse_targets(text)
    assert [(t.metric, t.value, t.unit) for t in found] == [
        (subject, float(number), unit) for subject, _, number, unit in clauses
    ]
