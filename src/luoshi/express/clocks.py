"""The clock in force: the working-day calendar (with admin holiday overrides) and the policy.

Configure limits with ``LUOSHI_EXPRESS_LIMITS`` in settings, a mapping from the names of
:class:`luoshi.express.timelimits.ClockPolicy` fields to limits written as ``24小时``,
``1个工作日`` or ``30天``; e.g. ``{"deploy": "1天", "solve_ordinary": "7天"}`` to count
the whole 13710 track in natural days.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from luoshi.core import clock as core_clock
from luoshi.core.holidays import load_calendar
from luoshi.core.timeleft import TimeLeft, describe_time_left
from luoshi.express.timelimits import Clock, ClockPolicy


def policy() -> ClockPolicy:
    return ClockPolicy.from_mapping(dict(settings.LUOSHI_EXPRESS_LIMITS))


def current() -> Clock:
    return Clock(load_calendar(), policy())


def time_left(due: dt.datetime | None, now: dt.datetime | None = None) -> TimeLeft:
    """How much time the running step has left, for display (剩余/已超时)."""
    return describe_time_left(due, now or core_clock.now())
