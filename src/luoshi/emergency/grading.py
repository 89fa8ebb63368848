"""The grading engine (分级研判): facts → response level, with the plan's own clauses.

Pure Python. ``grade(plan_id, facts)`` evaluates every launch condition of the
plan's playbook; the highest level whose condition holds wins (Ⅰ > Ⅱ > Ⅲ). The
answer names the matched clauses, who decides, whom to notify, the reports due,
the thresholds not reached at the next level up, and the smallest changes of
facts that would raise the level.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from luoshi.emergency.compiled import (
    IN_CITY,
    WIDER_THAN_CITY,
    Change,
    CompiledLevel,
    CompiledPlan,
    CompiledRule,
    Facts,
    compile_playbook,
    cost,
    outside_city_only,
)
from luoshi.emergency.facts import validate_facts
from luoshi.emergency.levels import level_rank
from luoshi.emergency.playbook import (
    AllOf,
    AnyOf,
    ClassIn,
    Condition,
    Playbook,
    Quote,
    Rule,
    load_playbook,
)

WhatIf = tuple[tuple["Unmet", ...], tuple["Raise", ...]]

__all__ = ["Change", "Grading", "Raise", "Unmet", "grade", "grade_playbook", "plan_fields"]


@dataclass(frozen=True)
class Unmet:
    """A launch condition of a higher level and what it still lacks."""

    level: str
    ref: str
    text: str
    missing: tuple[Change, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "ref": self.ref,
            "text": self.text,
            "missing": [c.as_dict() for c in self.missing],
        }


@dataclass(frozen=True)
class Raise:
    """The smallest change of facts that meets a higher level (``deaths +3 → II``)."""

    level: str
    ref: str
    changes: tuple[Change, ...]

    @property
    def summary(self) -> str:
        return ", ".join(c.describe() for c in self.changes) + f" → {self.level}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "ref": self.ref,
            "changes": [c.as_dict() for c in self.changes],
            "summary": self.summary,
        }


@dataclass(frozen=True)
class Grading:
    """The answer for one incident under one plan."""

    plan: str
    level: str
    clauses: tuple[Quote, ...]
    decided_by: dict[str, Any] | None
    notify: tuple[dict[str, Any], ...]
    reports_due: tuple[dict[str, Any], ...]
    event_class: str | None = None
    next_level: str | None = None
    advisories: tuple[dict[str, str], ...] = ()
    ignored_fields: tuple[str, ...] = field(default=())
    what_if: Callable[[], WhatIf] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def _what_if(self) -> WhatIf:
        return self.what_if() if self.what_if is not None else ((), ())

    @property
    def unmet(self) -> tuple[Unmet, ...]:
        """The next level's conditions and what each lacks (worked out when first asked)."""
        return self._what_if[0]

    @property
    def to_raise(self) -> tuple[Raise, ...]:
        """The cheapest changes of facts that reach each higher level (worked out when asked)."""
        return self._what_if[1]

    def as_dict(self) -> dict[str, Any]:
        """The ``luoshi grade`` answer object (docs/contract.md plus extra fields)."""
        return {
            "plan": self.plan,
            "level": self.level,
            "clauses": [{"ref": q.ref, "text": q.text} for q in self.clauses],
            "decided_by": None if self.decided_by is None else dict(self.decided_by),
            "notify": [dict(n) for n in self.notify],
            "reports_due": [dict(r) for r in self.reports_due],
            "event_class": self.event_class,
            "next_level": self.next_level,
            "unmet": [u.as_dict() for u in self.unmet],
            "to_raise": [r.as_dict() for r in self.to_raise],
            "advisories": list(self.advisories),
            "ignored_fields": list(self.ignored_fields),
        }


# --- grading ---------------------------------------------------------------------------------


def plan_fields(playbook: Playbook) -> frozenset[str]:
    """The input fields the plan's conditions read (plus ``incident_occurred``, open to all)."""
    return compile_playbook(playbook).fields


def grade(plan_id: str, facts: Mapping[str, object]) -> Grading:
    """Grade one incident's ``facts`` (a decoded JSON object) under the plan ``plan_id``.

    Raises ``UnknownPlan`` for an unknown plan id and ``FactsError`` for an
    unknown field or a value of the wrong type.
    """
    return grade_playbook(load_playbook(plan_id), facts)


def grade_playbook(playbook: Playbook, facts: Mapping[str, object]) -> Grading:
    """Grade ``facts`` under ``playbook`` (compiled on first use)."""
    plan = compile_playbook(playbook)
    values = validate_facts(facts)
    ignored = tuple(sorted(k for k in facts if k not in plan.fields))
    return _grade(plan, values, ignored)


def _grade(plan: CompiledPlan, facts: Facts, ignored: tuple[str, ...]) -> Grading:
    event_class, class_quotes = plan.event_class(facts)
    for scoped in plan.out_of_scope:
        if scoped.cond.holds(facts, event_class):
            rule = scoped.rule
            return Grading(
                plan=plan.playbook.id,
                level="none",
                clauses=(Quote(rule.ref, rule.text),),
                decided_by=None,
                notify=(),
                reports_due=(),
                event_class=event_class,
                advisories=({"ref": rule.ref, "text": rule.text, "note": rule.reading},),
                ignored_fields=ignored,
            )
    gate = _gate(plan, facts, event_class)
    won, matched = _winning_level(plan, facts, event_class, gate)
    clauses = [Quote(r.ref, r.text) for r in matched]
    if event_class is not None and any(event_class in _classes_used(r.when) for r in matched):
        clauses.extend(q for q in class_quotes if q not in clauses)
    level = won.level if won is not None else "none"
    higher = [lv for lv in reversed(plan.levels) if level_rank(lv.level) > level_rank(level)]
    advisories = [a for a, cond in plan.advisories if cond.holds(facts, event_class)]
    if gate is not None and _OUTSIDE in gate:
        advisories.append(OUTSIDE_CITY_ADVISORY)
    return Grading(
        plan=plan.playbook.id,
        level=level,
        clauses=tuple(clauses),
        decided_by=won.decided_by if won is not None else None,
        notify=won.notify if won is not None else (),
        reports_due=_reports(plan, facts, event_class, level),
        event_class=event_class,
        next_level=higher[0].level if higher else None,
        what_if=lambda: (
            _unmet(higher[0], facts, event_class, gate) if higher else (),
            tuple(r for lv in higher for r in _raises(lv, facts, event_class, gate)),
        ),
        advisories=tuple(advisories),
        ignored_fields=ignored,
    )


#: The change that places an event counted only beyond the city inside it.
_OUTSIDE = Change("counties_affected", "gte", 1, 0)
OUTSIDE_CITY_ADVISORY: dict[str, str] = {
    "ref": "",
    "text": "事实只反映本市以外(全省、其他市或省)的情况,没有本市县(市、区)或疫点,不启动市级响应。",
    "note": "A city-level response needs the event in the city: counties_affected >= 1.",
}

Gate = tuple[Change, ...] | None


def _gate(plan: CompiledPlan, facts: Facts, event_class: str | None) -> Gate:
    """What the plan's precondition and the event's place still need (``()`` when met)."""
    need: tuple[Change, ...] | None = ()
    if plan.precondition is not None:
        need = plan.precondition.missing(facts, event_class)
    if need is not None and outside_city_only(plan, facts):
        need = (*need, _OUTSIDE)
    return need


def _winning_level(
    plan: CompiledPlan, facts: Facts, event_class: str | None, gate: Gate
) -> tuple[CompiledLevel | None, list[Rule]]:
    for level in plan.levels:
        matched = [
            r.rule
            for r in level.rules
            if (r.rule.discretion or gate == ()) and r.cond.holds(facts, event_class)
        ]
        if matched:
            return level, matched
    return None, []


def _needs(rule: CompiledRule, facts: Facts, event_class: str | None, gate: Gate) -> Gate:
    if rule.rule.discretion or gate is None:
        return None
    need = rule.cond.missing(facts, event_class)
    if need is None:
        return None
    changes = tuple(dict.fromkeys((*gate, *need)))
    if _OUTSIDE not in changes and _counts_only_elsewhere(changes, facts):
        changes = (*changes, _OUTSIDE)  # raising a wider count still needs a place in the city
    return changes


def _counts_only_elsewhere(changes: tuple[Change, ...], facts: Facts) -> bool:
    fields = {c.field for c in changes}
    placed = any(facts[f] for f in IN_CITY) or bool(fields & IN_CITY)
    return not placed and bool(fields & WIDER_THAN_CITY)


def _unmet(
    level: CompiledLevel, facts: Facts, event_class: str | None, gate: Gate
) -> tuple[Unmet, ...]:
    out = []
    for rule in level.rules:
        need = _needs(rule, facts, event_class, gate)
        if need:
            out.append(Unmet(level.level, rule.rule.ref, rule.rule.text, need))
    return tuple(out)


def _raises(
    level: CompiledLevel, facts: Facts, event_class: str | None, gate: Gate, limit: int = 3
) -> list[Raise]:
    options: dict[tuple[Change, ...], Raise] = {}
    for rule in level.rules:
        need = _needs(rule, facts, event_class, gate)
        if need and need not in options:
            options[need] = Raise(level.level, rule.rule.ref, need)
    return sorted(options.values(), key=lambda r: cost(r.changes))[:limit]


def _classes_used(cond: Condition) -> set[str]:
    if isinstance(cond, ClassIn):
        return set(cond.classes)
    if isinstance(cond, AllOf | AnyOf):
        return set().union(*(_classes_used(c) for c in cond.items))
    return set()


def _reports(
    plan: CompiledPlan, facts: Facts, event_class: str | None, level: str
) -> tuple[dict[str, Any], ...]:
    return tuple(
        r.data
        for r in plan.reports
        if level in r.levels and (r.when is None or r.when.holds(facts, event_class))
    )


def level_at_least(level: str, floor: str) -> bool:
    """``level`` is ``floor`` or higher."""
    return level_rank(level) >= level_rank(floor)


def reports_for(
    plan_id: str, facts: Mapping[str, object], level: str
) -> tuple[dict[str, Any], ...]:
    """The reports the plan requires at ``level`` for ``facts``.

    A decided level may differ from the graded one (an override by the deciders);
    the reports that apply are still chosen by the plan's conditions on the facts.
    """
    plan = compile_playbook(load_playbook(plan_id))
    values = validate_facts(facts)
    return _reports(plan, values, plan.event_class(values)[0], level)
