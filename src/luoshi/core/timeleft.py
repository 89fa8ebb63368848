"""Time left before a deadline, in words (剩余x小时 / 已超时x小时).

The one formatter every app shows clocks with: express step clocks, emergency report
clocks, supervision deadlines and the cockpit's averages. A span reads in its two largest
units (``1天2小时``, ``3小时5分钟``, ``40分钟``; zero parts dropped: ``3天``), and anything
under a minute reads ``不足1分钟``.

Pure Python: no Django import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

_UNITS = ((86400, "天"), (3600, "小时"), (60, "分钟"))


def span_text(seconds: int | float) -> str:
    """``93600`` → ``1天2小时``; ``3725`` → ``1小时2分钟``; ``59`` → ``不足1分钟``."""
    rest = int(abs(seconds))
    if rest < 60:
        return "不足1分钟"
    parts: list[str] = []
    for size, word in _UNITS:
        amount, rest = divmod(rest, size)
        if parts or amount:
            parts.append(f"{amount}{word}" if amount else "")
        if len(parts) == 2:
            break
    return "".join(parts)


@dataclass(frozen=True)
class TimeLeft:
    """How a deadline stands at a moment: seconds left (negative: late) and the words."""

    due: dt.datetime | None
    seconds: int | None

    @property
    def overdue(self) -> bool:
        return self.seconds is not None and self.seconds < 0

    @property
    def text(self) -> str:
        if self.seconds is None:
            return "无时限"
        return ("已超时" if self.seconds < 0 else "剩余") + span_text(self.seconds)


def describe_time_left(due: dt.datetime | None, now: dt.datetime) -> TimeLeft:
    """The time left until ``due`` at ``now`` (``无时限`` when there is no deadline)."""
    if due is None:
        return TimeLeft(None, None)
    return TimeLeft(due, int((due - now).total_seconds()))
