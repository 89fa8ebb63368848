import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.core.timeleft import describe_time_left, span_text

NOW = dt.datetime(2020, 2, 10, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "不足1分钟"),
        (59, "不足1分钟"),
        (60, "1分钟"),
        (40 * 60 + 30, "40分钟"),
        (3600, "1小时"),
        (3725, "1小时2分钟"),
        (23 * 3600 + 59 * 60, "23小时59分钟"),
        (86400 * 3, "3天"),
        (86400 + 2 * 3600 + 3 * 60, "1天2小时"),
        (86400 + 3 * 60, "1天"),
    ],
)
def test_span_reads_in_its_two_largest_units(seconds: int, text: str) -> None:
    assert span_text(seconds) == text


def test_time_left_before_and_after_the_deadline() -> None:
    ahead = describe_time_left(NOW + dt.timedelta(hours=23, minutes=59), NOW)
    assert ahead.text == "剩余23小时59分钟" and not ahead.overdue
    late = describe_time_left(NOW - dt.timedelta(minutes=5), NOW)
    assert late.text == "已超时5分钟" and late.overdue and late.seconds == -300


def test_no_deadline_reads_no_limit() -> None:
    none = describe_time_left(None, NOW)
    assert none.text == "无时限" and not none.overdue and none.seconds is None


@given(st.integers(min_value=-(10**8), max_value=10**8))
def test_sign_decides_the_word_and_the_span_is_symmetric(seconds: int) -> None:
    left = describe_time_left(NOW + dt.timedelta(seconds=seconds), NOW)
    assert left.overdue == (seconds < 0)
    assert left.text.startswith("已超时" if seconds < 0 else "剩余")
    assert left.text.endswith(span_text(-seconds))
