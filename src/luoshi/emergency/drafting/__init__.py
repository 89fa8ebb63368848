"""Drafting a playbook from a plan's text (预案起草): pure Python, no Django.

``draft_plan(PlanText(...))`` reads the blocks the library stores for a plan and
returns a draft in the playbook schema (the YAML files' schema, see
``emergency.playbook``) with review metadata on each rule: ``confidence`` (0–1),
``flag`` (what the officer must look at) and, on each condition leaf, ``said`` (the
words of the clause the threshold was read from). ``review.to_playbook_data``
strips the metadata once the officer has reviewed the draft.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from luoshi.emergency.drafting.levels import draft_level, level_sections
from luoshi.emergency.drafting.organisation import draft_groups, draft_headquarters
from luoshi.emergency.drafting.outline import build_sections, find_any
from luoshi.emergency.drafting.procedures import (
    draft_assessment,
    draft_classification,
    draft_reports,
    draft_termination,
    draft_warnings,
)


class DraftingError(ValueError):
    """The document cannot be drafted as a plan. The message is one line for a person."""


@dataclass(frozen=True)
class PlanText:
    """A plan document as the library stores it: its header and its body blocks."""

    number: str
    title: str
    issuer: str
    date: str
    blocks: Sequence[Mapping[str, Any]]


def plan_id_for(number: str) -> str:
    """A stable ASCII id for a plan document: ``晋市政办〔2020〕23号`` → ``plan-2020-23-…``."""
    match = re.search(r"〔(\d{4})〕\s*(\d+)", number)
    digest = hashlib.sha1(number.encode("utf-8")).hexdigest()[:4]
    if match is None:
        return f"plan-{digest}"
    return f"plan-{match.group(1)}-{match.group(2)}-{digest}"


def plan_title(title: str) -> str:
    """``关于印发晋城市煤矿事故应急预案的通知`` → ``晋城市煤矿事故应急预案``."""
    match = re.search(r"(?:关于)?印发(?:《)?(.+?预案)(?:》)?(?:的通知)?$", title)
    return match.group(1) if match else title


def draft_plan(plan: PlanText, plan_id: str | None = None) -> dict[str, Any]:
    """The drafted playbook of ``plan``; ``DraftingError`` when it has no response levels."""
    root = build_sections(plan.blocks)
    title = plan_title(plan.title)
    classification = draft_classification(root)
    found = level_sections(root)
    if not found:
        raise DraftingError(f"《{title}》中未找到分级响应(Ⅰ级/Ⅱ级/Ⅲ级响应)章节")
    levels = {lv: draft_level(lv, sec, bool(classification)) for lv, sec in found}
    scope = find_any(root, [("适用范围",)])
    thresholds = next(
        (c for c in root.all_clauses() if "以上" in c.text and "包括本数" in c.text), None
    )
    return {
        "id": plan_id or plan_id_for(plan.number),
        "title": title,
        "document": plan.number,
        "issuer": plan.issuer,
        "date": plan.date,
        "thresholds": {"ref": thresholds.ref, "text": thresholds.text} if thresholds else None,
        "scope": {"ref": scope.ref, "text": scope.text} if scope else {"ref": "", "text": ""},
        "classification": classification,
        "levels": levels,
        "reports": draft_reports(root),
        "headquarters": draft_headquarters(root, title),
        "groups": draft_groups(root),
        "warnings": draft_warnings(root),
        "termination": draft_termination(root),
        "assessment": draft_assessment(root),
        "contacts": [],
    }
