"""Report clocks (报告时限): when a report the plan requires falls due, and whether it was missed.

Pure Python. A playbook's report carries ``within`` (an ISO 8601 duration such as
``PT1H``, or a keyword: ``immediately`` 立即, ``promptly`` 及时, ``ongoing`` 随时,
``daily`` 每日, ``unspecified``) and ``start`` (what starts the clock: the event,
the receipt of the report, a phone flash report, the launch or the end of the
response, a superior's request). A clock with a figure turns red (``overdue``)
once its due moment passes without the report being filed. Clocks without a
figure run to a configurable limit (``prompt_limit``, the setting
``LUOSHI_PROMPT_REPORT_MINUTES``, 1 hour by default) when the plan says 立即 or 及时, so they
turn red too; 立即 is shown as urgent until filed. Time left reads through the one formatter,
:func:`luoshi.core.timeleft.span_text`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final, Literal

from luoshi.core.timeleft import span_text

Phase = Literal["initial", "follow_up", "final"]
State = Literal[
    "waiting", "running", "due_soon", "overdue", "immediate", "open", "filed", "filed_late"
]

PHASE_NAMES: Final[dict[str, str]] = {"initial": "初报", "follow_up": "续报", "final": "终报"}

#: What starts each clock (``Report.start`` in a playbook), in Chinese.
START_NAMES: Final[dict[str, str]] = {
    "event": "事发",
    "report_received": "接报",
    "phone_report": "电话快报",
    "response_launch": "启动响应",
    "response_end": "应急处置结束",
    "request": "上级催报",
}

#: Starts that the system knows by itself; the others are started by hand (a phone
#: flash report, a superior's request).
AUTOMATIC_STARTS: Final[frozenset[str]] = frozenset(
    {"event", "report_received", "response_launch", "response_end"}
)

KEYWORDS: Final[dict[str, str]] = {
    "immediately": "立即",
    "promptly": "及时",
    "ongoing": "随时",
    "daily": "每日",
    "unspecified": "未规定时限",
}

_DURATION: Final = re.compile(
    r"^P(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$"
)

#: A running clock turns amber when this share of its time (or 15 minutes) is left.
_SOON_SHARE: Final = 0.25
_SOON_FLOOR: Final = dt.timedelta(minutes=15)


class ClockError(ValueError):
    """A time limit that is neither an ISO 8601 duration nor a known keyword."""


def parse_duration(within: str) -> dt.timedelta | None:
    """``PT1H`` → 1 hour, ``P7D`` → 7 days; a keyword → ``None``; anything else → ``ClockError``."""
    if within in KEYWORDS:
        return None
    match = _DURATION.match(within)
    if match is None or within in ("P", "PT") or within.endswith("T"):
        raise ClockError(f"not a time limit: {within!r}")
    parts = {k: int(v) for k, v in match.groupdict().items() if v is not None}
    return dt.timedelta(**parts)


def duration_of(within: str) -> dt.timedelta | None:
    """The span of ``within``, or ``None`` for a keyword or an unreadable limit."""
    try:
        return parse_duration(within)
    except ClockError:
        return None


def phase_of(within: str, start: str) -> Phase:
    """初报 / 续报 / 终报: reports after the response ends are final, standing ones follow-ups."""
    if start == "response_end":
        return "final"
    if within in ("ongoing", "daily"):
        return "follow_up"
    return "initial"


#: Limits the plan words without a figure (立即, 及时): they run to ``prompt_limit``.
PROMPT: Final[frozenset[str]] = frozenset({"immediately", "promptly"})
DEFAULT_PROMPT_LIMIT: Final = dt.timedelta(hours=1)


def due_at(
    within: str, starts_at: dt.datetime | None, prompt_limit: dt.timedelta = DEFAULT_PROMPT_LIMIT
) -> dt.datetime | None:
    """The due moment, or ``None`` when the clock has not started or the plan gives no figure.

    立即 / 及时 fall due ``prompt_limit`` after the start (the installation's reading of them).
    """
    if starts_at is None:
        return None
    if within in PROMPT:
        return starts_at + prompt_limit
    if within == "daily":
        return starts_at + dt.timedelta(days=1)
    span = parse_duration(within)
    return None if span is None else starts_at + span


def describe_limit(within: str) -> str:
    """``PT1H`` → ``1小时内``; ``P7D`` → ``7日内``; keywords in Chinese."""
    if within in KEYWORDS:
        return KEYWORDS[within]
    span = parse_duration(within)
    assert span is not None
    return _span_text(span) + "内"


def _span_text(span: dt.timedelta) -> str:
    seconds = int(span.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days and not hours and not minutes:
        return f"{days}日"
    parts = [f"{days}天" if days else "", f"{hours}小时" if hours else ""]
    parts.append(f"{minutes}分钟" if minutes else "")
    return "".join(parts) or "0分钟"


@dataclass(frozen=True)
class ClockStatus:
    """Where a clock stands at ``now``: its state, the seconds left (negative: late) and a label."""

    state: State
    seconds_left: int | None
    label: str

    @property
    def red(self) -> bool:
        return self.state in ("overdue", "filed_late")


def status(
    *,
    within: str,
    starts_at: dt.datetime | None,
    due: dt.datetime | None,
    filed_at: dt.datetime | None,
    now: dt.datetime,
) -> ClockStatus:
    """The state of one clock at ``now`` (``due`` as computed by :func:`due_at`)."""
    if filed_at is not None:
        if due is not None and filed_at > due:
            late = int((filed_at - due).total_seconds())
            return ClockStatus("filed_late", -late, f"已报送(超时{_human(late)})")
        return ClockStatus("filed", None, "已报送")
    if starts_at is None:
        return ClockStatus("waiting", None, "未开始计时")
    if within == "immediately" and (due is None or due >= now):
        left = None if due is None else int((due - now).total_seconds())
        return ClockStatus(
            "immediate", left, "须立即报告" + (f",剩余{_human(left)}" if left else "")
        )
    if due is None:
        return ClockStatus("open", None, KEYWORDS.get(within, "未规定时限"))
    left = int((due - now).total_seconds())
    if left < 0:
        return ClockStatus("overdue", left, f"已超时{_human(-left)}")
    total = due - starts_at
    soon = max(_SOON_FLOOR, total * _SOON_SHARE)
    state: State = "due_soon" if due - now <= soon else "running"
    return ClockStatus(state, left, f"剩余{_human(left)}")


def _human(seconds: int) -> str:
    """``3725`` → ``1小时2分钟``; under a minute → ``不足1分钟`` (the shared formatter)."""
    return span_text(seconds)
