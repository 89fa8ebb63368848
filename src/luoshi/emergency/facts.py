"""Incident facts (事件事实) for grading, as fixed by docs/emergency-facts.md.

A facts object is a JSON object. Every field has a type; an unknown field or a
value of the wrong type is an error (``FactsError``), never a silent default.
Missing fields take their documented defaults. Derived values (``casualties`` =
伤亡 = deaths + injured) are computed here and cannot be supplied.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

FieldType = Literal["int", "num", "bool", "enum"]
Value = int | float | bool | str | None


class FactsError(ValueError):
    """The facts cannot be graded. The message is one line for a person."""


@dataclass(frozen=True)
class FieldSpec:
    """One fact: its type, its allowed values (enums) and its default."""

    name: str
    type: FieldType
    default: Value
    choices: tuple[str | None, ...] = ()
    unit: str = ""
    meaning: str = ""


def _int(name: str, meaning: str, unit: str = "") -> FieldSpec:
    return FieldSpec(name, "int", 0, unit=unit, meaning=meaning)


def _num(name: str, meaning: str, unit: str = "") -> FieldSpec:
    return FieldSpec(name, "num", 0, unit=unit, meaning=meaning)


def _bool(name: str, meaning: str, default: bool = False) -> FieldSpec:
    return FieldSpec(name, "bool", default, meaning=meaning)


def _enum(
    name: str, meaning: str, choices: tuple[str | None, ...], default: str | None = None
) -> FieldSpec:
    return FieldSpec(name, "enum", default, choices=choices, meaning=meaning)


_EVENT_CLASS_CHOICES: Final = ("general", "large", "major", "especially_major", None)

FIELDS: Final[dict[str, FieldSpec]] = {
    spec.name: spec
    for spec in (
        # shared
        _bool("incident_occurred", "事件已实际发生(否:仅为隐患、风险或预报)", default=True),
        _int("deaths", "死亡人数", "人"),
        _int("injured", "受伤人数(含重伤)", "人"),
        _int("seriously_injured", "重伤人数(含急性工业中毒)", "人"),
        _num("direct_economic_loss_10k_cny", "直接经济损失", "万元"),
        _int("counties_affected", "涉及我市县(市、区)数", "个"),
        _int("cities_affected", "涉及设区市数(含我市)", "个"),
        _int("provinces_affected", "涉及省份数(含山西)", "个"),
        _bool("abroad_affected", "流入国(境)外(含港澳台)"),
        _bool("cross_county", "跨县(市、区)行政区域"),
        _bool("cross_city", "跨市级行政区域"),
        _bool("beyond_enterprise_capacity", "超出企业应急处置能力"),
        _bool("beyond_county_capacity", "超出县级应急处置能力"),
        _bool("beyond_city_capacity", "超出市级应急处置能力,需上级支援"),
        _enum("potential_event_class", "可能发生的事件等级", _EVENT_CLASS_CHOICES),
        _enum("hq_discretion_level", "市指挥部认为需要启动的响应级别", ("I", "II", "III", None)),
        _bool("first_occurrence_in_china", "国(境)外新传入我国 / 在我国首次出现"),
        # crop-pest
        _num("pest_area_10k_mu", "迁飞性虫害、流行性病害和恶性杂草发生面积", "万亩"),
        _num("crop_loss_pct", "已造成损失", "%"),
        _bool("crop_damage", "已对农作物造成危害"),
        _enum(
            "quarantine_pest_level",
            "农业植物检疫性有害生物疫情级别",
            ("national", "provincial", None),
        ),
        _num("contiguous_area_mu", "检疫性有害生物连片发生面积", "亩"),
        _bool("alien_pest_new_find", "新发现1例以上外来有害生物"),
        _enum(
            "local_impact", "对当地农业生产和社会经济的影响", ("none", "impact", "serious"), "none"
        ),
        # road-traffic
        _bool("hazardous_chemicals", "易燃易爆物品、危险化学品运输车辆发生泄漏、爆炸、燃烧"),
        _enum("environmental_pollution", "环境污染", ("none", "some", "significant"), "none"),
        _bool("severe_weather_road_impact", "灾害性天气或自然灾害严重影响道路交通安全"),
        _bool("on_expressway", "发生在高速公路上"),
        # special-equipment
        _enum(
            "equipment_type",
            "特种设备种类",
            (
                "boiler",
                "pressure_vessel",
                "pressure_pipeline",
                "elevator",
                "crane",
                "passenger_ropeway",
                "amusement_device",
                "in_site_vehicle",
                None,
            ),
        ),
        _bool("explosion", "锅炉、压力容器、压力管道爆炸"),
        _num("boiler_capacity_mw", "锅炉功率", "兆瓦"),
        _num("outage_hours", "锅炉因安全故障中断运行时间", "小时"),
        _int("people_evacuated", "有毒介质泄漏造成转移人数", "人"),
        _int("stranded_people", "滞留人数", "人"),
        _num("stranded_hours", "滞留时间", "小时"),
        _enum("crane_failure", "起重机械事故形态", ("overturn", "structural", None)),
        # coal-mine
        _int("trapped_or_missing", "被困或下落不明人数", "人"),
        # animal-epidemic
        _enum(
            "disease",
            "动物疫病",
            (
                "hpai",
                "fmd",
                "hp_prrs",
                "csf",
                "nd",
                "ppr",
                "asf",
                "brucellosis",
                "tuberculosis",
                "rabies",
                "anthrax",
                "other_class2_zoonosis",
                "unknown",
                None,
            ),
        ),
        _int("outbreak_points", "我市疫点数", "个"),
        _int("province_counties_affected", "全省发生疫情的县数(含我市)", "个"),
        _int("province_outbreak_points", "全省疫点数(含我市)", "个"),
        _bool("affected_areas_contiguous", "发病县连片 / 发病市相邻"),
        _bool("border_area_outbreak", "我市与毗邻省份的相邻区域发生疫情"),
        _bool("new_subtype", "新的口蹄疫亚型出现并发生疫情"),
        _bool(
            "pathogen_leak_human_infection", "高致病性病原微生物菌种、毒种丢失或泄漏,造成人员感染"
        ),
        _bool("outbreak_epidemic", "呈暴发流行"),
        _int("human_cases", "人畜共患病引发的人感染病例数", "例"),
        _bool("human_cases_explosive_growth", "病例数出现爆发性增长"),
        _bool("mass_unexplained_animal_deaths", "动物不明原因大规模死亡"),
        # food-safety
        _int("people_affected", "涉及人数 / 中毒人数", "人"),
        _enum("health_harm", "健康损害后果", ("none", "serious", "especially_serious"), "none"),
        _bool("spreading_trend", "有扩散趋势"),
        _enum(
            "opinion_event_severity",
            "食品安全舆情事件的危害或不良影响",
            ("none", "general", "significant", "major"),
            "none",
        ),
        _bool("assessed_measures_needed", "经评估认为应当采取应急措施"),
        _bool("involves_school", "发生在学校或托幼机构"),
        _bool("during_major_event", "发生在区域性重要活动期间"),
        # measures that drafted plans need (地质灾害、防汛、森林火灾、突发环境事件 …)
        _int("deaths_and_missing", "因灾死亡和失踪人数", "人"),
        _int("people_relocated", "需紧急转移安置人数", "人"),
        _int("people_threatened", "受威胁人数", "人"),
        _num("forest_burned_area_ha", "受害森林面积", "公顷"),
        _bool("drinking_water_cut", "集中式饮用水水源受污染或供水中断"),
    )
}

#: Values computed from the facts; they may be used in conditions but not supplied.
DERIVED: Final[dict[str, str]] = {
    "casualties": "injured",  # 伤亡 = deaths + injured; raised through ``injured``
}

#: Enum fields whose choices are ordered by severity (lowest first): ``in`` lists read upwards.
SEVERITY_ORDER: Final[dict[str, tuple[str | None, ...]]] = {
    "potential_event_class": (None, "general", "large", "major", "especially_major"),
    "local_impact": ("none", "impact", "serious"),
    "environmental_pollution": ("none", "some", "significant"),
    "health_harm": ("none", "serious", "especially_serious"),
    "opinion_event_severity": ("none", "general", "significant", "major"),
    "quarantine_pest_level": (None, "provincial", "national"),
}

Facts = Mapping[str, Value]

_DEFAULTS: Final[dict[str, Value]] = {name: spec.default for name, spec in FIELDS.items()}


def field_names() -> frozenset[str]:
    """Every field a condition may name: the inputs and the derived values."""
    return frozenset(FIELDS) | frozenset(DERIVED)


def _check(spec: FieldSpec, value: object) -> Value:
    """The value if it has the field's type, else ``FactsError``."""
    name = spec.name
    if spec.type == "bool":
        if isinstance(value, bool):
            return value
        raise FactsError(f"field {name!r} must be true or false, not {value!r}")
    if spec.type == "enum":
        if (value is None or isinstance(value, str)) and value in spec.choices:
            return value
        allowed = ", ".join("null" if c is None else c for c in spec.choices)
        raise FactsError(f"field {name!r} must be one of {allowed}, not {value!r}")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FactsError(f"field {name!r} must be a number, not {value!r}")
    if spec.type == "int" and not isinstance(value, int):
        raise FactsError(f"field {name!r} must be a whole number, not {value!r}")
    if not math.isfinite(value) or value < 0:
        raise FactsError(f"field {name!r} must be a non-negative number, not {value!r}")
    return value


def validate_facts(raw: object) -> dict[str, Value]:
    """All fields with their defaults applied, plus the derived values.

    ``raw`` is a decoded JSON object. Raises ``FactsError`` on an unknown field,
    a derived field supplied as input, or a value of the wrong type.
    """
    if not isinstance(raw, Mapping):
        raise FactsError(f"facts must be a JSON object, not {type(raw).__name__}")
    facts: dict[str, Value] = dict(_DEFAULTS)
    for key in sorted(raw, key=str):
        if not isinstance(key, str) or key not in FIELDS:
            hint = " (derived: it is computed from the facts)" if key in DERIVED else ""
            raise FactsError(f"unknown field {key!r}{hint}")
        facts[key] = _check(FIELDS[key], raw[key])
    _derive(facts, raw)
    return facts


def _as_int(value: Value) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _derive(facts: dict[str, Value], supplied: Mapping[str, object]) -> None:
    """伤亡 = 死亡 + 受伤; province-wide animal counts include the city's (4.2.1.1 注)."""
    facts["casualties"] = _as_int(facts["deaths"]) + _as_int(facts["injured"])
    for province, city in (
        ("province_counties_affected", "counties_affected"),
        ("province_outbreak_points", "outbreak_points"),
    ):
        given = _as_int(facts[province]) if province in supplied else 0
        facts[province] = max(given, _as_int(facts[city]))


def supplied_fields(raw: Mapping[str, object]) -> frozenset[str]:
    """The fields a facts object names (for reporting which ones a plan ignored)."""
    return frozenset(key for key in raw if isinstance(key, str))
