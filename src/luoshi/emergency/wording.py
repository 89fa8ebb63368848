"""Conditions and changes of facts in words for a duty officer (判定口径), not in notation.

Pure Python. The API keeps the machine form (``{"field": "deaths", "op": "gte", "need": 3}``);
pages show ``死亡人数达到3人以上`` / ``被困或下落不明人数3人以上、不足10人`` / ``事故等级为重大或
特别重大``, built from the facts vocabulary (:mod:`luoshi.emergency.facts`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from luoshi.emergency.facts import DERIVED, FIELDS
from luoshi.emergency.levels import EVENT_CLASS_NAMES, chinese_level
from luoshi.emergency.playbook import AllOf, AnyOf, ClassIn, Condition, Leaf

_ENUM_NAMES: Final[dict[str, str]] = {
    "especially_major": "特别重大",
    "major": "重大",
    "large": "较大",
    "general": "一般",
    "national": "国家级",
    "provincial": "省级",
    "none": "无",
    "impact": "造成影响",
    "serious": "严重",
    "some": "一定环境污染",
    "significant": "较大",
    "especially_serious": "特别严重",
    "overturn": "整体倾覆",
    "structural": "主要受力结构件折断或起升机构坠落",
    "boiler": "锅炉",
    "pressure_vessel": "压力容器(含气瓶)",
    "pressure_pipeline": "压力管道",
    "elevator": "电梯",
    "crane": "起重机械",
    "passenger_ropeway": "客运索道",
    "amusement_device": "大型游乐设施",
    "in_site_vehicle": "场(厂)内专用机动车辆",
    "hpai": "高致病性禽流感",
    "fmd": "口蹄疫",
    "hp_prrs": "高致病性猪蓝耳病",
    "csf": "猪瘟",
    "nd": "新城疫",
    "ppr": "小反刍兽疫",
    "asf": "非洲猪瘟",
    "brucellosis": "布鲁氏菌病",
    "tuberculosis": "结核病",
    "rabies": "狂犬病",
    "anthrax": "炭疽",
    "other_class2_zoonosis": "其他二类人畜共患病",
    "unknown": "不明",
    "I": "Ⅰ级",
    "II": "Ⅱ级",
    "III": "Ⅲ级",
}

_DERIVED_NAMES: Final[dict[str, tuple[str, str]]] = {
    "casualties": ("伤亡人数(死亡与受伤合计)", "人")
}


def enum_label(value: object) -> str:
    """``major`` → ``重大``; nothing → ``未填``."""
    if value is None or value == "":
        return "未填"
    return _ENUM_NAMES.get(str(value), str(value))


def _name(field: str) -> tuple[str, str]:
    if field in _DERIVED_NAMES:
        return _DERIVED_NAMES[field]
    spec = FIELDS[field]
    return spec.meaning, spec.unit


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def condition_text(cond: Condition) -> str:
    """A launch condition in Chinese: ``被困或下落不明人数3人以上、不足10人且…``."""
    if isinstance(cond, Leaf):
        return _leaf_text(cond)
    if isinstance(cond, ClassIn):
        return "事故等级为" + "或".join(EVENT_CLASS_NAMES[c] for c in cond.classes)
    parts = [condition_text(c) for c in cond.items]
    if isinstance(cond, AllOf):
        return ",且".join(parts)
    assert isinstance(cond, AnyOf)
    return parts[0] if len(parts) == 1 else "(" + ";或".join(parts) + ")"


def _leaf_text(leaf: Leaf) -> str:
    name, unit = _name(leaf.field)
    if leaf.field == "hq_discretion_level":
        return f"市指挥部决定启动{chinese_level(leaf.value)}响应"
    if leaf.op in ("gte", "gt"):
        text = (
            f"{name}{_number(leaf.value)}{unit}{'以上' if leaf.op == 'gte' else '(不含本数)以上'}"
        )
        if leaf.band_below is not None:
            text += f"、不足{_number(leaf.band_below)}{unit}"
        return text
    if leaf.op == "in":
        return f"{name}为" + "或".join(enum_label(v) for v in leaf.value)
    if isinstance(leaf.value, bool):
        return name if leaf.value else f"{name}:否"
    return f"{name}为{enum_label(leaf.value)}"


def change_text(change: Mapping[str, Any]) -> str:
    """One change a higher level needs: ``死亡人数增至3人`` / ``发生在高速公路上:是``."""
    field, op, need = change["field"], change["op"], change["need"]
    name, unit = _name(DERIVED.get(field, field) if field in DERIVED else field)
    if op in ("gte", "gt"):
        word = "达到" if op == "gte" else "超过"
        return f"{name}{word}{_number(need)}{unit}"
    if op == "in":
        return f"{name}为{enum_label(need[0])}"
    if isinstance(need, bool):
        return f"{name}:{'是' if need else '否'}"
    return f"{name}为{enum_label(need)}"


def raise_text(option: Mapping[str, Any]) -> str:
    """``被困或下落不明人数达到10人 → Ⅰ级响应``."""
    changes = "、".join(change_text(c) for c in option["changes"])
    return f"{changes} → {chinese_level(option['level'])}响应"


def facts_rows(facts: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The facts given, as (meaning, value) rows: ``("被困或下落不明人数", "10人")``."""
    out = []
    for name, value in facts.items():
        spec = FIELDS.get(name)
        if spec is None:
            continue
        if spec.type == "bool":
            shown = "是" if value else "否"
        elif spec.type == "enum":
            shown = enum_label(value)
        else:
            shown = f"{value:g}{spec.unit}" if isinstance(value, int | float) else str(value)
        out.append((spec.meaning, shown))
    return out
