"""Quantitative targets (量化指标) in a task's text.

``全市地区生产总值增长6.2%左右`` → ``Target("地区生产总值增长", 6.2, "%", "左右")``;
``城镇新增就业3万人``, ``35亿方以上``, ``控制在4.5%以内``, ``不低于30%`` likewise.
The metric is the subject of the number: the words before it in the same clause and
after the previous number (``稳定在200万亩以上、产量达到20亿斤`` → 产量), without the
scope (全市, 2020年), the joiner (和, 、) and the verbs that only frame the number
(控制在, 达到): ``生猪存栏达到100万头`` → 生猪存栏, 100, 万头.
Pure Python, no Django.
"""

from __future__ import annotations

import re

from luoshi.directory.names import width
from luoshi.supervision.extraction.model import Target
from luoshi.supervision.extraction.text import strip_html

# Units of measure, longest first so that 万平方米 wins over 平方米.
MEASURE_UNITS: tuple[str, ...] = tuple(
    sorted(
        (
            "%", "‰", "个百分点", "万亿元", "亿元", "万元", "元", "亿方", "亿立方米", "万立方米",
            "立方米", "万吨", "吨", "万人次", "人次", "万人", "人", "万亩", "亩", "公里", "千米",
            "万平方米", "平方米", "万千瓦", "千瓦", "万户", "户", "家", "座", "套", "个", "所",
            "件", "次", "名", "辆", "台", "项", "处", "蒸吨", "张", "场", "条", "斤", "亿斤",
            "万张", "万座", "万套", "万辆", "万件", "万家", "万个", "头", "万头", "只", "万只",
            "羽", "万羽", "公顷", "万公顷", "千瓦时", "万千瓦时", "亿千瓦时", "公斤", "千克",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip
QUALIFIERS_AFTER: tuple[str, ...] = ("及以上", "以上", "以内", "以下", "左右", "之内")
QUALIFIERS_BEFORE: tuple[str, ...] = (
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "不多于",
    "至少",
    "超过",
)
FRAMING_VERBS: tuple[str, ...] = (
    "控制在",
    "稳定在",
    "保持在",
    "达到",
    "达",
    "为",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增加到",
    "增加至",
    "降低到",
    "降低至",
    "下降到",
)
_SCOPE = re.compile(r"^(?:[0-9]{4}年度?|全年|年内|年底|力争|确保|要|全市|全省|全国|我市|全县)+")

_UNIT_ALT = "|".join(re.escape(u) for u in MEASURE_UNITS)
_QUAL_ALT = "|".join(QUALIFIERS_AFTER)
_NUMBER = re.compile(
    rf"(?<![0-9.\-—~～])(?P<num>[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>{_UNIT_ALT})(?P<qual>{_QUAL_ALT})?"
)
_CLAUSE_BREAK = re.compile(r"[,;:。；：!？?!()（）\[\]〔〕【】\n]")
_JOINERS = ("和", "、", "及", "与")
_LEADING_JOINER = re.compile(r"^(?:以及|并且|并|和|及|与|、)+")
MAX_METRIC = 24


def parse_targets(text: str) -> list[Target]:
    """Every number-with-unit in ``text`` as a :class:`Target`, in reading order."""
    flat = width(strip_html(text)).replace(" ", "").replace("\u3000", "")
    targets: list[Target] = []
    previous_metric = ""
    previous_end = -1
    for match in _NUMBER.finditer(flat):
        if _is_range_start(flat, match.end()):
            continue
        before = flat[max(previous_end, 0) : match.start()]
        qualifier = match["qual"] or ""
        for word in QUALIFIERS_BEFORE:
            if before.endswith(word):
                before = before[: -len(word)]
                qualifier = word + qualifier
                break
        metric = _metric(before)
        gap = flat[previous_end : match.start()] if previous_end >= 0 else ""
        if previous_metric and (not metric or gap in _JOINERS):
            metric = previous_metric
        targets.append(Target(metric, float(match["num"]), match["unit"], qualifier))
        previous_metric, previous_end = metric, match.end()
    return targets


def _is_range_start(flat: str, end: int) -> bool:
    """``1-3个``: the first number of a range is not a target of its own."""
    return end < len(flat) and flat[end] in "-—~～至"


def _metric(before: str) -> str:
    pieces = _CLAUSE_BREAK.split(before)
    metric = _LEADING_JOINER.sub("", pieces[-1] if pieces else "")
    for verb in FRAMING_VERBS:
        if metric.endswith(verb) and len(metric) > len(verb):
            metric = metric[: -len(verb)]
            break
    metric = _SCOPE.sub("", metric)
    metric = metric.lstrip("0123456789.、")
    if len(metric) > MAX_METRIC:
        metric = metric[-MAX_METRIC:]
    return metric
