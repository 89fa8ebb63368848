"""Small rules for shaping cockpit figures (驾驶舱汇总规则). Pure Python: no Django import.

- tasks by leader in charge (按分管领导): status counts per leader, busiest leader first;
- the current month (本月): from its first day up to now.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass
class LeaderTally:
    """One leader in charge (分管领导) and their tasks by status key."""

    leader: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def fold_leaders(
    rows: Iterable[tuple[str, Mapping[str, int]]], keys: Iterable[str]
) -> list[LeaderTally]:
    """Sum ``(leader, status counts)`` rows into one tally per leader, busiest leader first."""
    wanted = list(keys)
    sums: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(wanted, 0))
    for leader, counts in rows:
        tally = sums[leader]
        for key in wanted:
            tally[key] += int(counts.get(key, 0))
    tallies = [LeaderTally(leader, counts) for leader, counts in sums.items()]
    return sorted(tallies, key=lambda t: (-t.total, t.leader))


def month_start(now: dt.datetime) -> dt.datetime:
    """Midnight of the first day of ``now``'s month, in ``now``'s time zone."""
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
