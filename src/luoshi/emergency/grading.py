"""The grading engine (分级研判): facts → response level, with the plan's own clauses.

Pure Python. ``grade(plan_id, facts)`` evaluates every launch condition of the
plan's playbook; the highest level whose condition holds wins (Ⅰ > Ⅱ > Ⅲ). The
answer names the matched clauses, who decides, whom to notify, the reports due,
the thresholds not reached at the next level up, and the smallest changes of
facts that would raise the level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from luoshi.emergency.facts import DERIVED, FIELDS, Value, validate_facts
from luoshi.emergency.levels import event_class_rank, higher_levels, level_rank
from luoshi.emergency.playbook import (
    AllOf,
    AnyOf,
    ClassIn,
    Condition,
    Leaf,
    Playbook,
    Quote,
    Report,
    Rule,
    load_playbook,
)


@dataclass(frozen=True)
class Change:
    """One change of a fact that a condition needs: ``field`` from ``have`` to ``need``."""

    field: str
    op: str
    need: Any
    have: Any

    def describe(self) -> str:
        """``deaths +3`` / ``crop_loss_pct ≥ 30`` / ``hazardous_chemicals = true``."""
        if self.op == "gte" and FIELDS[self.field].type == "int":
            return f"{self.field} +{int(self.need) - int(self.have)}"
        if self.op == "gte":
            return f"{self.field} ≥ {self.need:g}"
        if self.op == "gt":
            return f"{self.field} > {self.need:g}"
        if self.op == "in":
            return f"{self.field} = {_show(self.need[0])}"
        return f"{self.field} = {_show(self.need)}"

    def as_dict(self) -> dict[str, Any]:
        need = list(self.need) if self.op == "in" else self.need
        return {"field": self.field, "op": self.op, "need": need, "have": self.have}


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
    unmet: tuple[Unmet, ...] = ()
    to_raise: tuple[Raise, ...] = ()
    advisories: tuple[dict[str, str], ...] = ()
    ignored_fields: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """The ``luoshi grade`` answer object (docs/contract.md plus extra fields)."""
        return {
            "plan": self.plan,
            "level": self.level,
            "clauses": [{"ref": q.ref, "text": q.text} for q in self.clauses],
            "decided_by": self.decided_by,
            "notify": list(self.notify),
            "reports_due": list(self.reports_due),
            "event_class": self.event_class,
            "next_level": self.next_level,
            "unmet": [u.as_dict() for u in self.unmet],
            "to_raise": [r.as_dict() for r in self.to_raise],
            "advisories": list(self.advisories),
            "ignored_fields": list(self.ignored_fields),
        }


# --- evaluation -----------------------------------------------------------------------------


class _Evaluator:
    """Evaluates a playbook's conditions against validated facts."""

    def __init__(self, playbook: Playbook, facts: Mapping[str, Value]) -> None:
        self.playbook = playbook
        self.facts = facts
        self._class: tuple[str | None, tuple[Quote, ...]] | None = None

    def holds(self, cond: Condition) -> bool:
        if isinstance(cond, Leaf):
            return _leaf_holds(cond, self.facts[cond.field])
        if isinstance(cond, AllOf):
            return all(self.holds(c) for c in cond.items)
        if isinstance(cond, AnyOf):
            return any(self.holds(c) for c in cond.items)
        return self.event_class()[0] in cond.classes

    def missing(self, cond: Condition) -> tuple[Change, ...] | None:
        """The changes that would make ``cond`` hold (``()`` if it holds, ``None`` if impossible)."""
        if isinstance(cond, Leaf):
            return self._leaf_missing(cond)
        if isinstance(cond, AllOf):
            changes: list[Change] = []
            for item in cond.items:
                need = self.missing(item)
                if need is None:
                    return None
                changes.extend(c for c in need if c not in changes)
            return tuple(changes)
        items = (
            cond.items
            if isinstance(cond, AnyOf)
            else tuple(c.rule.when for c in self.playbook.classes(cond.classes))
        )
        options = [m for m in (self.missing(item) for item in items) if m is not None]
        return min(options, key=_cost) if options else None

    def _leaf_missing(self, leaf: Leaf) -> tuple[Change, ...] | None:
        value = self.facts[leaf.field]
        if _leaf_holds(leaf, value):
            return ()
        if leaf.field == "hq_discretion_level":
            return None  # a decision of people, not a fact to change
        if leaf.field in DERIVED:
            # a derived sum (伤亡 = deaths + injured) rises through its raising field
            via = DERIVED[leaf.field]
            have = _num(self.facts[via])
            return (Change(via, "gte", int(have + leaf.value - _num(value)), int(have)),)
        return (Change(leaf.field, leaf.op, leaf.value, value),)

    def event_class(self) -> tuple[str | None, tuple[Quote, ...]]:
        """The highest class the facts meet in the plan's classification, with its clauses."""
        if self._class is None:
            met = [c for c in self.playbook.classification if self.holds(c.rule.when)]
            best = max((c.event_class for c in met), key=event_class_rank, default=None)
            self._class = (
                best,
                tuple(Quote(c.rule.ref, c.rule.text) for c in met if c.event_class == best),
            )
        return self._class


def _num(value: Value) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _leaf_holds(leaf: Leaf, value: Value) -> bool:
    if leaf.op == "gte":
        return bool(_num(value) >= leaf.value)
    if leaf.op == "gt":
        return bool(_num(value) > leaf.value)
    if leaf.op == "in":
        return value in leaf.value
    return bool(value == leaf.value)


def _cost(changes: tuple[Change, ...]) -> tuple[int, int, float]:
    """Fewest changes first, then changes of counts before flags, then the smallest step."""
    numeric = [c for c in changes if c.op in ("gte", "gt")]
    step = sum(float(c.need) - _num(c.have) for c in numeric)
    return len(changes), len(changes) - len(numeric), step


def _show(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _classes_used(cond: Condition) -> set[str]:
    if isinstance(cond, ClassIn):
        return set(cond.classes)
    if isinstance(cond, AllOf | AnyOf):
        return set().union(*(_classes_used(c) for c in cond.items))
    return set()


def _fields_used(cond: Condition, playbook: Playbook) -> set[str]:
    if isinstance(cond, Leaf):
        return {cond.field, *(("deaths", DERIVED[cond.field]) if cond.field in DERIVED else ())}
    if isinstance(cond, AllOf | AnyOf):
        return set().union(*(_fields_used(c, playbook) for c in cond.items))
    return set().union(
        *(_fields_used(c.rule.when, playbook) for c in playbook.classes(cond.classes))
    )


def plan_fields(playbook: Playbook) -> frozenset[str]:
    """The input fields the plan's conditions read (plus ``incident_occurred``, open to all)."""
    conds: list[Condition] = [r.when for lv in playbook.levels.values() for r in lv.rules]
    conds += [c.rule.when for c in playbook.classification]
    conds += [r.when for r in playbook.out_of_scope]
    conds += [a.when for a in playbook.advisories]
    conds += [r.when for r in playbook.reports if r.when is not None]
    if playbook.precondition is not None:
        conds.append(playbook.precondition.when)
    used = set().union(*(_fields_used(c, playbook) for c in conds))
    return frozenset((used - set(DERIVED)) | {"incident_occurred", "hq_discretion_level"})


# --- grading ---------------------------------------------------------------------------------


def grade(plan_id: str, facts: Mapping[str, object]) -> Grading:
    """Grade one incident's ``facts`` (a decoded JSON object) under the plan ``plan_id``.

    Raises ``UnknownPlan`` for an unknown plan id and ``FactsError`` for an
    unknown field or a value of the wrong type.
    """
    playbook = load_playbook(plan_id)
    values = validate_facts(facts)
    ignored = tuple(sorted(set(facts) - plan_fields(playbook)))
    return _grade(playbook, values, ignored)


def _grade(playbook: Playbook, facts: Mapping[str, Value], ignored: tuple[str, ...]) -> Grading:
    ev = _Evaluator(playbook, facts)
    event_class, class_quotes = ev.event_class()
    for rule in playbook.out_of_scope:
        if ev.holds(rule.when):
            return Grading(
                plan=playbook.id,
                level="none",
                clauses=(Quote(rule.ref, rule.text),),
                decided_by=None,
                notify=(),
                reports_due=(),
                event_class=event_class,
                advisories=({"ref": rule.ref, "text": rule.text, "note": rule.reading},),
                ignored_fields=ignored,
            )
    gate = _gate(ev, playbook)
    level, matched = _winning_level(ev, playbook, gate)
    clauses = [Quote(r.ref, r.text) for r in matched]
    if event_class is not None and any(event_class in _classes_used(r.when) for r in matched):
        clauses.extend(q for q in class_quotes if q not in clauses)
    higher = higher_levels(level, playbook.level_order())
    unmet = _unmet(ev, playbook, higher[0], gate) if higher else ()
    return Grading(
        plan=playbook.id,
        level=level,
        clauses=tuple(clauses),
        decided_by=_decided_by(playbook, level),
        notify=_notify(playbook, level),
        reports_due=_reports(ev, playbook, level),
        event_class=event_class,
        next_level=higher[0] if higher else None,
        unmet=unmet,
        to_raise=tuple(r for lv in higher for r in _raises(ev, playbook, lv, gate)),
        advisories=tuple(
            {"ref": a.ref, "text": a.text, "note": a.note}
            for a in playbook.advisories
            if ev.holds(a.when)
        ),
        ignored_fields=ignored,
    )


def _gate(ev: _Evaluator, playbook: Playbook) -> tuple[Change, ...] | None:
    """What the plan's precondition still needs (``()`` when met; ``None`` if unreachable)."""
    if playbook.precondition is None:
        return ()
    return ev.missing(playbook.precondition.when)


def _winning_level(
    ev: _Evaluator, playbook: Playbook, gate: tuple[Change, ...] | None
) -> tuple[str, list[Rule]]:
    for level in playbook.level_order():
        matched = [
            r
            for r in playbook.levels[level].rules
            if (r.discretion or gate == ()) and ev.holds(r.when)
        ]
        if matched:
            return level, matched
    return "none", []


def _needs(
    ev: _Evaluator, rule: Rule, gate: tuple[Change, ...] | None
) -> tuple[Change, ...] | None:
    if rule.discretion or gate is None:
        return None
    need = ev.missing(rule.when)
    if need is None:
        return None
    return tuple(dict.fromkeys((*gate, *need)))


def _unmet(
    ev: _Evaluator, playbook: Playbook, level: str, gate: tuple[Change, ...] | None
) -> tuple[Unmet, ...]:
    out = []
    for rule in playbook.levels[level].rules:
        need = _needs(ev, rule, gate)
        if need:
            out.append(Unmet(level, rule.ref, rule.text, need))
    return tuple(out)


def _raises(
    ev: _Evaluator, playbook: Playbook, level: str, gate: tuple[Change, ...] | None, limit: int = 3
) -> list[Raise]:
    options: dict[tuple[Change, ...], Raise] = {}
    for rule in playbook.levels[level].rules:
        need = _needs(ev, rule, gate)
        if need and need not in options:
            options[need] = Raise(level, rule.ref, need)
    return sorted(options.values(), key=lambda r: _cost(r.changes))[:limit]


def _decided_by(playbook: Playbook, level: str) -> dict[str, Any] | None:
    if level not in playbook.levels:
        return None
    d = playbook.levels[level].decided_by
    return {"who": d.who, "proposed_by": d.proposed_by, "ref": d.ref, "text": d.text}


def _party(playbook: Playbook, party: str, ref: str) -> dict[str, Any]:
    contact = playbook.contact(party)
    return {
        "party": party,
        "phone": contact.phone if contact else None,
        "fax": (contact.fax or None) if contact else None,
        "ref": ref,
    }


def _notify(playbook: Playbook, level: str) -> tuple[dict[str, Any], ...]:
    if level not in playbook.levels:
        return ()
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for entry in playbook.levels[level].notify:
        parties = playbook.headquarters.members if entry.members else (entry.party,)
        for party in parties:
            if party not in seen:
                seen.add(party)
                out.append(_party(playbook, party, entry.ref))
    return tuple(out)


def _report_dict(report: Report) -> dict[str, Any]:
    return {
        "report": report.name,
        "by": report.by,
        "to": report.to,
        "within": report.within,
        "within_text": report.within_text,
        "from": report.start,
        "ref": report.ref,
        "text": report.text,
    }


def _reports(ev: _Evaluator, playbook: Playbook, level: str) -> tuple[dict[str, Any], ...]:
    return tuple(
        _report_dict(r)
        for r in playbook.reports
        if level in r.levels and (r.when is None or ev.holds(r.when))
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
    playbook = load_playbook(plan_id)
    return _reports(_Evaluator(playbook, validate_facts(facts)), playbook, level)
