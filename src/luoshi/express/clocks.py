"""The clock in force: the working-day calendar (with admin holiday overrides) and the policy.

Configure limits with ``LUOSHI_EXPRESS_LIMITS`` in settings, a mapping from the names of
:class:`luoshi.express.workflow.ClockPolicy` fields to limits written as ``24小时``,
``1个工作日`` or ``30天``; e.g. ``{"deploy": "1天", "solve_ordinary": "7天"}`` to count
the whole 13710 track in natural days.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from luoshi.core import clock as core_clock
from luoshi.core.holidays import load_calendar
from luoshi.express import workflow as wf


def policy() -> wf.ClockPolicy:
    return wf.ClockPolicy.from_mapping(dict(getattr(settings, "LUOSHI_EXPRESS_LIMITS", {}) or {}))


def current() -> wf.Clock:
    return wf.Clock(load_calendar(), policy())


def time_left(due: dt.datetime | None, now: dt.datetime | None = None) -> dict[str, object]:
    """How much time the running step has left, for display (剩余/已超时)."""
    if due is None:
        return {"due": None, "overdue": False, "seconds": None, "text": "无时限"}
    moment = now or core_clock.now()
    seconds = int((due - moment).total_seconds())
    return {
        "due": due,
        "overdue": seconds < 0,
        "seconds": seconds,
        "text": ("已超时" if seconds < 0 else "剩余") + span_text(abs(seconds)),
    }


def span_text(seconds: int) -> str:
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days}天{hours}小时"
    if hours:
        return f"{hours}小时{minutes}分"
    return f"{minutes}分钟"
