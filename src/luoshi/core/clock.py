"""The one source of the current time.

Set ``LUOSHI_NOW`` (ISO date-time, local time zone when naive) to run the
product "as of" a moment; tests use :func:`frozen` instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from zoneinfo import ZoneInfo

_override: dt.datetime | None = None


def local_zone() -> ZoneInfo:
    return ZoneInfo(os.environ.get("LUOSHI_TIME_ZONE", "Asia/Shanghai"))


def parse_moment(text: str) -> dt.datetime:
    """Parse an ISO date or date-time; naive values are read in the local zone."""
    moment = dt.datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=local_zone())
    return moment


def now() -> dt.datetime:
    """The current, time-zone aware moment."""
    if _override is not None:
        return _override
    fixed = os.environ.get("LUOSHI_NOW")
    if fixed:
        return parse_moment(fixed)
    return dt.datetime.now(tz=local_zone())


def today() -> dt.date:
    return now().astimezone(local_zone()).date()


@contextlib.contextmanager
def frozen(moment: dt.datetime | str) -> Iterator[dt.datetime]:
    """Freeze :func:`now` at ``moment`` inside the block."""
    global _override
    previous = _override
    _override = parse_moment(moment) if isinstance(moment, str) else moment
    try:
        yield _override
    finally:
        _override = previous
