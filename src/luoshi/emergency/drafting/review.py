"""The officer's review of a draft (审核): the items to go through, decisions, what changed.

A draft (``draft_plan``) becomes a playbook once every launch condition and class rule
is accepted (as drafted or edited) or rejected. ``to_playbook_data`` turns the
reviewed draft into the playbook schema; ``changes`` compares a draft with the
published version of the same plan, clause by clause.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from luoshi.emergency.drafting.conditions import strip_label, strip_said

Decision = Literal["pending", "accepted", "edited", "rejected"]
DECISIONS: Final[tuple[Decision, ...]] = ("pending", "accepted", "edited", "rejected")
_META: Final = ("confidence", "flag", "decision", "original", "change")


class ReviewError(ValueError):
    """A review step that cannot be applied. The message is one line for a person."""


@dataclass(frozen=True)
class Item:
    """One reviewable rule: where it sits in the draft and what it says."""

    key: str  # "levels.II.2" or "classification.3"
    section: str  # Ⅱ级响应 启动条件 / 事件分级
    rule: Mapping[str, Any]

    @property
    def decision(self) -> Decision:
        value = self.rule.get("decision", "pending")
        return value if value in DECISIONS else "pending"


def items(draft: Mapping[str, Any]) -> Iterator[Item]:
    """Every launch condition (by level, highest first) and every class rule of the draft."""
    for level, body in draft.get("levels", {}).items():
        for i, rule in enumerate(body.get("rules", [])):
            yield Item(f"levels.{level}.{i}", f"{level}级响应启动条件", rule)
    for i, rule in enumerate(draft.get("classification", [])):
        yield Item(f"classification.{i}", "事件分级", rule)


def _locate(draft: dict[str, Any], key: str) -> dict[str, Any]:
    parts = key.split(".")
    try:
        if parts[0] == "levels" and len(parts) == 3:
            rule = draft["levels"][parts[1]]["rules"][int(parts[2])]
        elif parts[0] == "classification" and len(parts) == 2:
            rule = draft["classification"][int(parts[1])]
        else:
            raise KeyError(key)
    except (KeyError, IndexError, ValueError):
        raise ReviewError(f"草案中没有条目 {key}") from None
    if not isinstance(rule, dict):
        raise ReviewError(f"草案中没有条目 {key}")
    return rule


def decide(
    draft: Mapping[str, Any],
    key: str,
    decision: Decision,
    when: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A copy of ``draft`` with the rule ``key`` accepted, edited (to ``when``) or rejected."""
    if decision not in ("accepted", "edited", "rejected"):
        raise ReviewError("审核结论只能是采纳、修改或驳回")
    result = copy.deepcopy(dict(draft))
    rule = _locate(result, key)
    if decision == "edited":
        if not when:
            raise ReviewError("修改条件时至少需要一个条件")
        rule.setdefault("original", rule.get("when"))
        rule["when"] = dict(when)
        rule.pop("discretion", None)
    elif decision == "accepted" and "when" not in rule and not rule.get("discretion"):
        raise ReviewError("该条款尚无可计算的条件,请修改或驳回")
    rule["decision"] = decision
    return result


def pending(draft: Mapping[str, Any]) -> list[Item]:
    return [item for item in items(draft) if item.decision == "pending"]


def _clean(rule: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in rule.items() if k not in _META}
    if "when" in out:
        out["when"] = strip_said(out["when"])
    return out


def to_playbook_data(draft: Mapping[str, Any]) -> dict[str, Any]:
    """The reviewed draft in the playbook schema (rejected rules dropped, metadata removed)."""
    waiting = pending(draft)
    if waiting:
        raise ReviewError(f"尚有 {len(waiting)} 条未审核(如 {waiting[0].rule.get('ref', '')})")
    data = copy.deepcopy(dict(draft))
    for level in list(data["levels"]):
        body = data["levels"][level]
        body["rules"] = [_clean(r) for r in body["rules"] if r.get("decision") != "rejected"]
        body["decided_by"] = {k: v for k, v in body["decided_by"].items() if k not in _META}
        if not body["rules"]:
            del data["levels"][level]
    if not data["levels"]:
        raise ReviewError("所有启动条件均被驳回,无法发布")
    data["classification"] = [
        _clean(r) for r in data.get("classification", []) if r.get("decision") != "rejected"
    ]
    data["headquarters"] = {k: v for k, v in data["headquarters"].items() if k not in _META}
    data["groups"] = [
        {k: v for k, v in g.items() if k not in (*_META, "duties")} for g in data["groups"]
    ]
    data["reports"] = [{k: v for k, v in r.items() if k not in _META} for r in data["reports"]]
    data["termination"] = {k: v for k, v in data["termination"].items() if k not in _META}
    if data.get("warnings") and not data["warnings"].get("levels"):
        data["warnings"] = None
    return data


def _words(text: object) -> str:
    """A clause's words for matching: no label, spaces or closing punctuation."""
    return "".join(strip_label(str(text)).split()).rstrip("。;；,，的")


def _by_text(data: Mapping[str, Any]) -> dict[str, tuple[str, Any]]:
    out: dict[str, tuple[str, Any]] = {}
    for level, body in data.get("levels", {}).items():
        for rule in body.get("rules", []):
            when = rule.get("when")
            out[_words(rule.get("text", ""))] = (
                level,
                strip_said(when) if isinstance(when, dict) else rule.get("discretion", False),
            )
    return out


def changes(draft: Mapping[str, Any], published: Mapping[str, Any] | None) -> dict[str, str]:
    """``{item key: "new" | "changed" | "same"}`` of the draft's launch conditions against
    the published version (matched by the clause's words); ``removed`` lists what went away."""
    if published is None:
        return {}
    before = _by_text(published)
    marks: dict[str, str] = {}
    seen: set[str] = set()
    for item in items(draft):
        if not item.key.startswith("levels."):
            continue
        text = _words(item.rule.get("text", ""))
        level = item.key.split(".")[1]
        text = next((t for t in before if t and (t in text or text in t)), text)
        seen.add(text)
        if text not in before:
            marks[item.key] = "new"
        elif before[text][0] != level:
            marks[item.key] = "changed"
        else:
            marks[item.key] = "same"
    for text in before:
        if text not in seen:
            marks.setdefault("removed", "")
            marks["removed"] += ("\n" if marks["removed"] else "") + text
    return marks
