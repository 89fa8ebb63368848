"""A condition in plain Chinese for the editor page (条件的中文表述), never field names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from luoshi.emergency.facts import FIELDS
from luoshi.emergency.levels import EVENT_CLASS_NAMES

_DERIVED_NAMES: Final = {"casualties": ("伤亡人数(死亡与受伤合计)", "人")}


def _name(field: str) -> tuple[str, str]:
    if field in _DERIVED_NAMES:
        return _DERIVED_NAMES[field]
    spec = FIELDS.get(field)
    return (spec.meaning, spec.unit) if spec is not None else ("未知条件", "")


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def describe(node: Mapping[str, Any] | None) -> str:
    """``{"field": "deaths", "gte": 10, "band_below": 30}`` → ``死亡人数 10人以上(不足30人)``."""
    if node is None:
        return "(尚无可计算的条件)"
    for key, joiner in (("any", " 或 "), ("all", " 且 ")):
        if key in node:
            parts = [describe(child) for child in node[key]]
            return "(" + joiner.join(parts) + ")" if len(parts) > 1 else "".join(parts)
    if "event_class" in node:
        return "事件等级为" + "/".join(EVENT_CLASS_NAMES.get(c, c) for c in node["event_class"])
    name, unit = _name(str(node.get("field", "")))
    band = node.get("band_below")
    below = f"(不足{_number(band)}{unit})" if band is not None else ""
    if "gte" in node:
        return f"{name} {_number(node['gte'])}{unit}以上{below}"
    if "gt" in node:
        if node["gt"] == 0 and band is not None:
            return f"{name} 大于0、不足{_number(band)}{unit}"
        return f"{name} 超过{_number(node['gt'])}{unit}{below}"
    if node.get("eq") is True:
        return name
    if node.get("eq") is False:
        return f"非“{name}”"
    values = node.get("in", [node.get("eq")])
    return f"{name}为" + "/".join(str(v) for v in values)
