"""Numbers read from query strings and forms, bounded, or refused with a message (400).

``"²".isdigit()`` is true and a 23-digit id overflows the database's integer: every number a
page reads from the request goes through :func:`int_param` instead of ``int()``.
"""

from __future__ import annotations

import re

from luoshi.core.errors import Invalid

ID_MAX = 2**63 - 1  # the largest primary key either database stores
YEAR_MIN, YEAR_MAX = 1949, 2199  # years a gazette's deadlines and summaries can refer to
_INTEGER = re.compile(r"-?[0-9]{1,19}")


def int_param(
    value: str | None, label: str, *, low: int, high: int, default: int | None = None
) -> int | None:
    """``value`` as an integer within [low, high]; ``default`` when absent or empty."""
    text = (value or "").strip()
    if not text:
        return default
    if not _INTEGER.fullmatch(text) or not low <= int(text) <= high:
        raise Invalid(f"{label}应为 {low} 至 {high} 之间的整数")
    return int(text)


def id_param(value: str | None, label: str = "编号") -> int | None:
    """An object id (a positive integer the database can hold), ``None`` when absent."""
    return int_param(value, label, low=1, high=ID_MAX)


def ids_param(values: list[str], label: str = "编号") -> list[int]:
    return [i for i in (id_param(v, label) for v in values) if i is not None]


def year_param(value: str | None, default: int) -> int:
    year = int_param(value, "年份", low=YEAR_MIN, high=YEAR_MAX, default=default)
    assert year is not None
    return year
