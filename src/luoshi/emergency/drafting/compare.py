"""How far a draft agrees with a hand-written playbook, field by field (for tests and bench)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from luoshi.emergency.drafting.conditions import strip_said


def _squash(text: str) -> str:
    return "".join(str(text).split()).rstrip("。;；")


def _same_clause(a: str, b: str) -> bool:
    a, b = _squash(a), _squash(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _leaves(node: Any) -> set[str]:
    if not isinstance(node, Mapping):
        return set()
    if "any" in node or "all" in node:
        return {x for child in node.get("any", node.get("all", [])) for x in _leaves(child)}
    clean = strip_said(dict(node))
    clean.pop("band_below", None)
    return {repr(sorted(clean.items()))}


def agreement(draft: Mapping[str, Any], expected: Mapping[str, Any]) -> dict[str, tuple[int, int]]:
    """``{field: (agreeing, compared)}`` of a draft against a hand-written playbook."""
    out: dict[str, tuple[int, int]] = {}

    def count(name: str, ok: bool) -> None:
        a, n = out.get(name, (0, 0))
        out[name] = (a + ok, n + 1)

    count("levels", set(draft["levels"]) == set(expected["levels"]))
    for level, body in expected["levels"].items():
        mine = draft["levels"].get(level, {"rules": [], "decided_by": {}})
        for rule in body["rules"]:
            match = next((r for r in mine["rules"] if _same_clause(r["text"], rule["text"])), None)
            count("launch_clauses", match is not None)
            if match is None:
                continue
            if rule.get("discretion"):
                count("launch_conditions", bool(match.get("discretion")))
            else:
                count("launch_conditions", _leaves(match.get("when")) == _leaves(rule.get("when")))
        count(
            "decided_by",
            _squash(mine["decided_by"].get("who", "")) == _squash(body["decided_by"]["who"]),
        )
    hq, mine_hq = expected["headquarters"], draft["headquarters"]
    count("headquarters_office", _same_clause(mine_hq["office"], hq["office"]))
    count(
        "headquarters_commander",
        _same_clause("".join(mine_hq["commander"]), "".join(hq["commander"])),
    )
    for group in expected.get("groups", []):
        mine_g = next((g for g in draft["groups"] if g["name"] == group["name"]), None)
        count("groups", mine_g is not None)
        if mine_g is not None:
            count("group_leads", mine_g["lead"] == list(group["lead"]))
    expected_limits = sorted(r["within"] for r in expected.get("reports", []))
    drafted_limits = sorted(r["within"] for r in draft["reports"])
    for limit in set(expected_limits):
        count("report_limits", drafted_limits.count(limit) >= expected_limits.count(limit))
    colours = {w["colour"] for w in (expected.get("warnings") or {}).get("levels", [])}
    mine_colours = {w["colour"] for w in (draft.get("warnings") or {}).get("levels", [])}
    if colours:
        count("warning_colours", colours == mine_colours)
    count("classification", len(draft["classification"]) >= len(expected.get("classification", [])))
    return out
