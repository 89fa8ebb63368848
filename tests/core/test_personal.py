"""Resident ID numbers checked, personal data masked."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.core.personal import (
    PersonalDataError,
    check_id_number,
    id_check_character,
    mask_id,
    mask_name,
    mask_plate,
    normalise_plate,
)

VALID = "11010519491231002X"  # the standard's published example


def test_should_accept_a_valid_number_and_normalise_it():
    assert check_id_number(" 11010519491231002x ") == VALID


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("110105194912310021", "校验位"),
        ("1101051949123100", "18位"),
        ("110105194902300021", "出生日期无效"),
        ("<script>alert(1)</script>", "18位"),
    ],
)
def test_should_refuse_a_bad_number_saying_why(text, message):
    with pytest.raises(PersonalDataError, match=message):
        check_id_number(text)


def test_should_refuse_a_birth_date_in_the_future():
    first17 = "14050220300101123"
    with pytest.raises(PersonalDataError, match="晚于今天"):
        check_id_number(first17 + id_check_character(first17), today=dt.date(2020, 7, 1))


def test_should_mask_names_ids_and_plates():
    assert [mask_name(n) for n in ("李", "李雷", "张小明", "欧阳小明")] == [
        "李",
        "李*",
        "张*明",
        "欧**明",
    ]
    assert mask_id(VALID) == "1101**********002X"
    assert normalise_plate("晋E·123 45") == "晋E12345"
    assert mask_plate("晋E12345") == "晋E***45"
    with pytest.raises(PersonalDataError):
        normalise_plate("E12345")


digits17 = st.builds(
    lambda region, birth, serial: f"{region:06d}{birth:%Y%m%d}{serial:03d}",
    st.integers(110000, 659999),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 12, 31)),
    st.integers(0, 999),
)


@given(digits17)
def test_should_accept_every_number_with_its_check_character_and_no_other(first17):
    right = id_check_character(first17)
    assert check_id_number(first17 + right) == first17 + right
    for wrong in set("0123456789X") - {right}:
        with pytest.raises(PersonalDataError):
            check_id_number(first17 + wrong)


@given(st.text(min_size=1, max_size=30))
def test_should_never_reveal_the_middle_of_an_id_or_name(text):
    masked = mask_id(text)
    assert len(masked) == len(text)
    if len(text) > 8:
        assert masked[4:-4] == "*" * (len(text) - 8)
