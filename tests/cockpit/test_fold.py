"""The pure shaping rules of the cockpit (no database)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.cockpit.fold import fold_leaders, month_start

KEYS = ["overdue", "done"]
names = st.text(alphabet="杨跃卿邢海斌王丽 ", min_size=1, max_size=4).filter(lambda n: n.strip())
counts = st.fixed_dictionaries({k: st.integers(0, 50) for k in KEYS})


def test_rows_of_one_leader_are_summed_busiest_leader_first():
    rows = [
        ("杨跃卿", {"overdue": 1, "done": 0}),
        ("邢海斌", {"overdue": 1, "done": 0}),
        ("邢海斌", {"overdue": 2, "done": 1}),
    ]
    tallies = fold_leaders(rows, KEYS)
    assert [(t.leader, t.counts, t.total) for t in tallies] == [
        ("邢海斌", {"overdue": 3, "done": 1}, 4),
        ("杨跃卿", {"overdue": 1, "done": 0}, 1),
    ]


@settings(max_examples=60)
@given(st.lists(st.tuples(names, counts), max_size=12))
def test_every_row_is_counted_once_for_its_leader(rows):
    tallies = fold_leaders(rows, KEYS)
    expected = sum(sum(c.values()) for _, c in rows)
    assert sum(t.total for t in tallies) == expected
    assert [t.total for t in tallies] == sorted((t.total for t in tallies), reverse=True)
    assert len({t.leader for t in tallies}) == len(tallies)


def test_month_start_is_midnight_of_the_first_in_the_same_zone():
    zone = ZoneInfo("Asia/Shanghai")
    now = dt.datetime(2020, 9, 28, 11, 0, 5, 7, tzinfo=zone)
    assert month_start(now) == dt.datetime(2020, 9, 1, tzinfo=zone)
