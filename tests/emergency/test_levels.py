import pytest

from luoshi.emergency.levels import (
    LevelError,
    chinese_level,
    higher_levels,
    level_rank,
    normalise_event_class,
    normalise_level,
)


@pytest.mark.parametrize(
    ("printed", "level"),
    [
        ("Ⅰ级", "I"),
        ("Ⅱ", "II"),
        ("Ⅲ级响应", "III"),
        ("Ⅳ级", "IV"),
        ("I级", "I"),
        ("II级", "II"),
        ("III", "III"),
        ("IV级", "IV"),
        ("I II级", "III"),  # the food plan prints Ⅲ as "I II级"
        ("一级", "I"),
        ("二级响应", "II"),
        ("三级", "III"),
        ("四级预警", "IV"),
        ("none", "none"),
    ],
)
def test_printed_levels_normalise(printed, level):
    assert normalise_level(printed) == level


@pytest.mark.parametrize("bad", ["", "V", "五级", "Ⅴ", "level 2", "II I I"])
def test_other_strings_are_not_levels(bad):
    with pytest.raises(LevelError):
        normalise_level(bad)


def test_order_of_levels():
    assert [level_rank(x) for x in ("none", "IV", "III", "II", "I")] == [0, 1, 2, 3, 4]
    assert higher_levels("III", ("I", "II", "III")) == ["II", "I"]
    assert higher_levels("none", ("I", "II", "III")) == ["III", "II", "I"]
    assert higher_levels("I", ("I", "II", "III")) == []
    assert chinese_level("II") == "Ⅱ级"


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("特别重大", "especially_major"),
        ("重大事故", "major"),
        ("较大", "large"),
        ("一般事件", "general"),
        ("major", "major"),
    ],
)
def test_event_classes_normalise(name, cls):
    assert normalise_event_class(name) == cls
