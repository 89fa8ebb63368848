"""The plan's other obligations: reports and their time limits (信息报告), warning levels and
colours (预警), the end of the response (应急结束) and the after-action review (总结评估)."""

from __future__ import annotations

import re
from typing import Any, Final

from luoshi.emergency.drafting.conditions import draft_condition
from luoshi.emergency.drafting.outline import Clause, Section, all_tables, find_any
from luoshi.emergency.levels import EVENT_CLASS_NAMES, normalise_event_class

_LIMIT: Final = re.compile(
    r"(?P<n>\d+|[一二两三四五六七八九十半]+)\s*(?P<u>小时|分钟|个工作日|工作日|日|天)\s*(?:内|之内|以内)"
)
_ISO_UNIT: Final = {"小时": "PT{}H", "分钟": "PT{}M", "日": "P{}D", "天": "P{}D"}
_CN: Final = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_COLOURS: Final = {"红色": "red", "橙色": "orange", "黄色": "yellow", "蓝色": "blue"}
_WARNING_LEVEL: Final = {"red": "I", "orange": "II", "yellow": "III", "blue": "IV"}


def _count(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "半":
        return None
    if text.startswith("十"):
        return 10 + _CN.get(text[1:], 0)
    if len(text) == 2 and text[1] == "十":
        return _CN[text[0]] * 10
    return _CN.get(text)


def time_limit(text: str) -> tuple[str, str] | None:
    """``2小时内`` → ``("PT2H", "2小时内")``; ``立即`` → ``("immediately", "立即")``."""
    match = _LIMIT.search(text)
    if match:
        unit = match.group("u")
        n = _count(match.group("n"))
        if n is None:
            return ("PT30M", match.group(0)) if unit == "小时" else None
        if "工作日" in unit:
            return f"P{n}D", match.group(0)  # working days: counted by core.deadlines
        return _ISO_UNIT[unit].format(n), match.group(0)
    if "立即" in text:
        return "immediately", "立即"
    if "随时" in text:
        return "ongoing", "随时"
    if "及时" in text:
        return "promptly", "及时"
    return None


def _start(text: str) -> str:
    if "电话" in text and "书面" in text:
        return "phone_report"
    if re.search(r"接到[^,，。]{0,12}报告", text):
        return "report_received"
    if "催报" in text:
        return "request"
    return "event"


def draft_reports(root: Section) -> list[dict[str, Any]]:
    """Reporting obligations with a time limit, from the reporting sections (信息报告)."""
    section = find_any(
        root, [("信息报告",), ("报告时限",), ("信息报送",), ("信息接报",), ("报告",)]
    )
    if section is None:
        return []
    reports: list[dict[str, Any]] = []
    for clause in section.all_clauses():
        for sentence in re.split(r"(?<=[。;；])", clause.text):
            limit = time_limit(sentence)
            if limit is None or limit[0] in ("promptly",) or "报" not in sentence:
                continue
            reports.append(_report(clause, sentence.strip(), limit))
    return reports


def _report(clause: Clause, sentence: str, limit: tuple[str, str]) -> dict[str, Any]:
    to = re.search(r"向([^,，。;；]{2,30}?)(?:报告|上报|报送|通报)", sentence)
    by = re.match(r"^(?:[（(]\d+[)）])?([^,，。;；]{2,30}?)(?:应当|应|要|须|必须|在|于)", sentence)
    return {
        "name": f"{(to.group(1) if to else '上级')}报告({limit[1]})",
        "by": by.group(1) if by else "",
        "to": to.group(1) if to else "",
        "within": limit[0],
        "within_text": limit[1],
        "start": _start(sentence),
        "levels": ["I", "II", "III", "IV"],
        "ref": clause.ref,
        "text": sentence,
        "confidence": 0.9 if to and by else 0.6,
    }


def draft_warnings(root: Section) -> dict[str, Any] | None:
    """Warning levels and their colours (预警级别), with the clause or table row naming each."""
    section = find_any(root, [("预警级别",), ("预警分级",), ("预警",)])
    found: dict[str, dict[str, Any]] = {}
    for sec in root.walk():
        for colour_cn, colour in _COLOURS.items():
            if colour in found:
                continue
            if colour_cn in sec.title and "预警" in sec.title and "响应" not in sec.title:
                text = sec.clauses[0].text if sec.clauses else sec.title
                found[colour] = _warning(colour, sec.ref, text)
    for sec, table in all_tables(root):
        for row in table:
            for colour_cn, colour in _COLOURS.items():
                if colour not in found and any(cell.strip() == colour_cn for cell in row):
                    text = max(row, key=len)
                    found[colour] = _warning(colour, f"{sec.ref} {row[0]}".strip(), text)
    if section is not None and not found:
        for clause in section.all_clauses():
            named = [c for c in _COLOURS if c in clause.text]
            if len(named) == len(_COLOURS):  # 由高到低依次用红色、橙色、黄色和蓝色表示
                order = sorted(named, key=clause.text.index)
                for level, colour_cn in zip(_WARNING_LEVEL.values(), order, strict=True):
                    found[_COLOURS[colour_cn]] = _warning(
                        _COLOURS[colour_cn], clause.ref, clause.text
                    )
                    found[_COLOURS[colour_cn]]["level"] = level
                break
    if not found and section is None:
        return None
    levels = sorted(found.values(), key=lambda w: "I II III IV".split().index(w["level"]))
    return {
        "ref": section.ref if section else "",
        "text": section.clauses[0].text if section and section.clauses else "",
        "levels": levels,
        "issued_by": [],
    }


def _warning(colour: str, ref: str, text: str) -> dict[str, Any]:
    return {
        "level": _WARNING_LEVEL[colour],
        "colour": colour,
        "conditions": [{"ref": ref, "text": text}],
        "measures": [],
    }


def draft_termination(root: Section) -> dict[str, Any]:
    section = find_any(root, [("应急结束",), ("响应结束",), ("响应终止",), ("终止",)])
    clauses = list(section.all_clauses()) if section is not None else []
    joined = "".join(c.text for c in clauses)
    who = re.search(r"(?:由|经)([^,，。;；]{2,20}?)(?:确认和批准|决定|宣布|批准)", joined)
    return {
        "decided_by": who.group(1) if who else "",
        "conditions": [{"ref": c.ref, "text": c.text} for c in clauses if "附录" not in c.text],
        "confidence": 0.9 if who and clauses else 0.4,
    }


def draft_assessment(root: Section) -> dict[str, Any]:
    section = find_any(
        root, [("调查与评估",), ("调查和评估",), ("总结评估",), ("评估总结",), ("评估",), ("总结",)]
    )
    clauses = list(section.all_clauses()) if section is not None else []
    clause = next((c for c in clauses if "评估" in c.text or "总结" in c.text), None)
    if clause is None:
        return {
            "by": "",
            "within": "unspecified",
            "within_text": "预案未规定时限",
            "ref": "",
            "text": "",
        }
    limit = time_limit(clause.text)
    by = re.match(r"^([^,，。]{2,30}?)(?:组织|要|应|负责)", clause.text)
    within = limit if limit and limit[0] not in ("immediately", "ongoing") else None
    return {
        "by": by.group(1) if by else "",
        "within": within[0] if within else "unspecified",
        "within_text": within[1] if within else "预案未规定时限",
        "ref": clause.ref,
        "text": clause.text,
    }


def draft_classification(root: Section) -> list[dict[str, Any]]:
    """The plan's event classes (事故分级 / 事件分级), each with its drafted condition.

    A class is named at the start of its clause (``(2)重大事故,指…``) or in the title of
    the subsection listing its cases (``有下列情形之一的,为重大事故:``).
    """
    section = find_any(root, [("事故分级",), ("事件分级",), ("灾情分级",), ("分级标准",)])
    if section is None:
        return []
    names = "|".join(sorted(EVENT_CLASS_NAMES.values(), key=len, reverse=True))
    classes: list[dict[str, Any]] = []
    for sub in section.walk():
        titled = re.search(rf"为({names})(?:事故|事件)", sub.title)
        for clause in sub.clauses:
            match = re.match(rf"^(?:[（(]\d[)）])?\s*({names})(?:事故|事件|突发事件)", clause.text)
            name = titled.group(1) if titled else (match.group(1) if match else None)
            if name is not None:
                classes.append(_class_rule(normalise_event_class(name), clause))
    return classes


def _class_rule(event_class: str, clause: Clause) -> dict[str, Any]:
    drafted = draft_condition(clause.text, has_classes=False)
    entry: dict[str, Any] = {
        "class": event_class,
        "ref": clause.ref,
        "text": clause.text.rstrip(";；。"),
        "confidence": drafted.confidence,
    }
    if drafted.when is not None:
        entry["when"] = _without_own_class(drafted.when)
    else:
        entry["flag"] = "未能结构化,请人工处理"
    return entry


def _without_own_class(when: dict[str, Any]) -> dict[str, Any]:
    """A class definition names its own class (``重大事故,指…``): that is not a condition."""
    if "any" in when:
        rest = [c for c in when["any"] if "event_class" not in c]
        return rest[0] if len(rest) == 1 else {"any": rest}
    return when
