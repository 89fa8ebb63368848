"""Thresholds in a clause's words (阈值): ``10人以上30人以下死亡`` → ``deaths >= 10 (band 30)``.

Each measure of the facts vocabulary that plans state as a count, an amount or an
area has a phrase pattern here. A match keeps the exact words it read (``said``) so
that a reviewer, and the tests, can check that every number of a drafted rule
appears in the clause it quotes. ``以上`` includes the number (``gte``), a band's
``以下`` is its upper edge (``band_below``); a lone ``以下`` reads ``gt 0`` below the edge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

_CN_DIGITS: Final = {
    "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_UNITS: Final = {"十": 10, "百": 100, "千": 1000}

NUM: Final = r"\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+"


def parse_number(text: str) -> float:
    """``30`` / ``2.5`` / ``两`` / ``十五`` / ``三百`` → the number."""
    text = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            raise ValueError(f"not a number: {text!r}")
    return float(total + current)


def _plain(value: float) -> int | float:
    return int(value) if value == int(value) else value


@dataclass(frozen=True)
class Threshold:
    """A matched threshold: the fact, its bounds, the words read and where they stand."""

    field: str
    op: str  # gte | gt
    value: int | float
    band_below: int | float | None
    said: str
    start: int
    end: int

    def leaf(self) -> dict[str, Any]:
        leaf: dict[str, Any] = {"field": self.field, self.op: self.value}
        if self.band_below is not None:
            leaf["band_below"] = self.band_below
        leaf["said"] = self.said
        return leaf


@dataclass(frozen=True)
class Measure:
    """A fact stated as a number: its unit words (with their factor) and its noun phrases."""

    field: str
    units: dict[str, float]
    before: str = ""  # noun phrase before the number: 直接经济损失 / 死亡
    after: str = ""  # noun phrase after the band: 死亡 / 重伤
    within: str = ""  # the clause must also hold these words (regex) for this reading


_PEOPLE: Final = {"万人": 10000.0, "人": 1.0, "名": 1.0, "例": 1.0}
_MONEY: Final = {"亿元": 10000.0, "万元": 1.0}

#: Order matters: the first measure that claims a span wins it.
MEASURES: Final[tuple[Measure, ...]] = (
    Measure("deaths_and_missing", _PEOPLE, before=r"死亡(?:和|或)失踪", after=r"死亡(?:和|或)失踪"),
    Measure("trapped_or_missing", _PEOPLE, after=r"(?:人员)?被困"),
    Measure("casualties", _PEOPLE, after=r"(?:人员)?伤亡"),
    Measure("seriously_injured", _PEOPLE, after=r"(?:人员)?重伤|(?:人员)?中毒"),
    Measure("injured", _PEOPLE, after=r"(?:人员)?受伤"),
    Measure("deaths", _PEOPLE, before=r"死亡", after=r"(?:人员)?死亡"),
    Measure("people_affected", _PEOPLE, before=r"(?:涉及|中毒)人数在?|中毒"),
    Measure(
        "people_relocated", _PEOPLE, before=r"(?:紧急)?转移安置|需(?:紧急)?转移", after=r"转移安置"
    ),
    Measure(
        "people_evacuated",
        _PEOPLE,
        before=r"(?:疏散|转移)(?:、?转移)?(?:群众|人员)?",
        after=r"(?:被)?(?:疏散|转移)",
    ),
    Measure("people_threatened", _PEOPLE, before=r"受威胁人数|威胁", after=r"受威胁"),
    Measure("stranded_people", _PEOPLE, before=r"滞留"),
    Measure(
        "direct_economic_loss_10k_cny", _MONEY, before=r"直接经济损失", after=r"(?:的)?直接经济损失"
    ),
    Measure("pest_area_10k_mu", {"万亩": 1.0}),
    Measure("contiguous_area_mu", {"亩": 1.0}, before=r"连片发生"),
    Measure("forest_burned_area_ha", {"公顷": 1.0}, before=r"受害森林面积|过火面积"),
    Measure("crop_loss_pct", {"%": 1.0}, after=r"(?:的)?损失"),
    Measure("province_counties_affected", {"个": 1.0}, after=r"县", within=r"全省|省内"),
    Measure("counties_affected", {"个": 1.0}, after=r"县"),
    Measure("province_outbreak_points", {"个": 1.0}, before=r"疫点数?达到?", within=r"全省|省内"),
    Measure("outbreak_points", {"个": 1.0}, before=r"疫点数?达到?", after=r"疫点"),
    Measure("provinces_affected", {"个": 1.0}, after=r"省份?"),
    Measure("cities_affected", {"个": 1.0}, after=r"(?:相邻|设区的?)?市"),
    Measure("stranded_hours", {"小时": 1.0}, before=r"时间在?", within=r"滞留"),
    Measure("outage_hours", {"小时": 1.0}, before=r"中断运行", within=r"中断"),
    Measure("boiler_capacity_mw", {"MW": 1.0, "兆瓦": 1.0}, within=r"锅炉"),
)

_UPPER: Final = r"(?:以上|及以上|或以上)"
_LOWER: Final = r"(?:以下|以内)"
_GAP: Final = r"(?:[、,，]\s*)?"


def _band(units: str) -> str:
    return (
        rf"(?P<n>{NUM})\s*(?P<u>{units})\s*(?:(?P<up>{_UPPER})"
        rf"(?:{_GAP}(?:不足|低于)?(?P<hi>{NUM})\s*(?P<hu>{units})\s*{_LOWER})?|(?P<lo>{_LOWER}))?"
    )


def _patterns(measure: Measure) -> list[re.Pattern[str]]:
    units = "|".join(re.escape(u) for u in sorted(measure.units, key=len, reverse=True))
    band = _band(units)
    found: list[re.Pattern[str]] = []
    if measure.after:
        found.append(re.compile(rf"{band}\s*(?:的)?(?:{measure.after})"))
    if measure.before:
        found.append(re.compile(rf"(?:{measure.before})\s*(?:达到?|超过|在)?\s*{band}"))
    if not measure.after and not measure.before:
        found.append(re.compile(band))
    return found


_COMPILED: Final = tuple((m, _patterns(m)) for m in MEASURES)


def thresholds(text: str) -> list[Threshold]:
    """Every threshold the clause states, left to right; each span is read once."""
    taken: list[tuple[int, int]] = []
    found: list[Threshold] = []
    for measure, patterns in _COMPILED:
        if measure.within and not re.search(measure.within, text):
            continue
        for pattern in patterns:
            for match in pattern.finditer(text):
                span = (match.start("n"), match.end())
                if any(s < span[1] and span[0] < e for s, e in taken):
                    continue
                taken.append(span)
                found.append(_threshold(measure, match))
    return sorted(found, key=lambda t: t.start)


def _threshold(measure: Measure, match: re.Match[str]) -> Threshold:
    low = _plain(parse_number(match.group("n")) * measure.units[match.group("u")])
    said, start, end = match.group(0), match.start(), match.end()
    if match.group("hi") is not None:
        high = _plain(parse_number(match.group("hi")) * measure.units[match.group("hu")])
        return Threshold(measure.field, "gte", low, high, said, start, end)
    if match.group("lo") is not None:  # a lone 以下: more than none, below the edge
        return Threshold(measure.field, "gt", 0, low, said, start, end)
    op = "gt" if "超过" in said else "gte"
    return Threshold(measure.field, op, low, None, said, start, end)


_STATED: Final = re.compile(rf"(?:{NUM})\s*(?:[^\d\s以]{{0,2}})\s*(?:{_UPPER}|{_LOWER})")


def stated_thresholds(text: str) -> list[tuple[int, int]]:
    """Spans of every ``N…以上`` / ``N…以下`` in ``text``: thresholds a rule should account for."""
    return [(m.start(), m.end()) for m in _STATED.finditer(text)]
