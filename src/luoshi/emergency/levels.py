"""Response levels (响应级别) and event classes (事件分级), in their printed variants.

Plans print the same level three ways: ``Ⅰ级`` (Roman numeral characters),
``I级`` (Latin letters) and ``一级`` (Chinese numerals). Event classes are
特别重大 / 重大 / 较大 / 一般. Everything here is plain Python.
"""

from __future__ import annotations

import re
from typing import Final, Literal

Level = Literal["I", "II", "III", "IV", "none"]

#: From the highest response level to the lowest (Ⅰ级 is the highest).
LEVELS: Final[tuple[Level, ...]] = ("I", "II", "III", "IV")
_RANK: Final[dict[str, int]] = {"none": 0, "IV": 1, "III": 2, "II": 3, "I": 4}

_ROMAN_CHARS: Final[dict[str, str]] = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV"}
_CHINESE: Final[dict[str, Level]] = {"一": "I", "二": "II", "三": "III", "四": "IV"}
_LATIN: Final[dict[str, Level]] = {"I": "I", "II": "II", "III": "III", "IV": "IV"}

#: Event classes (事件/事故分级), from the lowest to the highest.
EVENT_CLASSES: Final[tuple[str, ...]] = ("general", "large", "major", "especially_major")
EVENT_CLASS_NAMES: Final[dict[str, str]] = {
    "especially_major": "特别重大",
    "major": "重大",
    "large": "较大",
    "general": "一般",
}
_EVENT_CLASS_BY_NAME: Final[dict[str, str]] = {v: k for k, v in EVENT_CLASS_NAMES.items()}

#: Warning colours (预警颜色) by warning level: 一级红 二级橙 三级黄 四级蓝.
WARNING_COLOURS: Final[dict[Level, str]] = {
    "I": "red",
    "II": "orange",
    "III": "yellow",
    "IV": "blue",
}
COLOUR_NAMES: Final[dict[str, str]] = {
    "red": "红色",
    "orange": "橙色",
    "yellow": "黄色",
    "blue": "蓝色",
}

_LEVEL_RE: Final = re.compile(
    r"^\s*(?P<num>[ⅠⅡⅢⅣ]|I\s*I\s*I|I\s*I|I\s*V|I|IV|[一二三四])\s*(?:级)?\s*(?:响应|应急响应|预警)?\s*$"
)


class LevelError(ValueError):
    """A string that is not a response level."""


def normalise_level(text: str) -> Level:
    """``Ⅱ级`` / ``II级`` / ``I II`` / ``二级`` / ``二级响应`` → ``"II"``; ``none`` stays ``"none"``."""
    if text.strip().lower() == "none":
        return "none"
    match = _LEVEL_RE.match(text)
    if match is None:
        raise LevelError(f"not a response level: {text!r}")
    num = re.sub(r"\s+", "", match.group("num"))
    if num in _ROMAN_CHARS:
        num = _ROMAN_CHARS[num]
    if num in _CHINESE:
        return _CHINESE[num]
    if num in _LATIN:
        return _LATIN[num]
    raise LevelError(f"not a response level: {text!r}")  # pragma: no cover - regex guards this


def level_rank(level: str) -> int:
    """Order of levels: ``none`` < ``IV`` < ``III`` < ``II`` < ``I``."""
    try:
        return _RANK[level]
    except KeyError:
        raise LevelError(f"not a response level: {level!r}") from None


def higher_levels(level: str, defined: tuple[str, ...]) -> list[str]:
    """The ``defined`` levels above ``level``, nearest first."""
    rank = level_rank(level)
    return sorted((lv for lv in defined if level_rank(lv) > rank), key=level_rank)


def chinese_level(level: Level) -> str:
    """``"II"`` → ``"Ⅱ级"`` as the plans print it."""
    if level == "none":
        return "不启动"
    return {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ", "IV": "Ⅳ"}[level] + "级"


def normalise_event_class(text: str) -> str:
    """``重大`` / ``重大事故`` / ``major`` → ``"major"``."""
    cleaned = text.strip().removesuffix("事故").removesuffix("事件").removesuffix("突发事件")
    if cleaned in EVENT_CLASSES:
        return cleaned
    if cleaned in _EVENT_CLASS_BY_NAME:
        return _EVENT_CLASS_BY_NAME[cleaned]
    raise LevelError(f"not an event class: {text!r}")


def event_class_rank(event_class: str | None) -> int:
    """``None`` < general < large < major < especially_major."""
    if event_class is None:
        return 0
    return EVENT_CLASSES.index(event_class) + 1
