"""Playbooks compiled once into closures (预编译的预案规则): what grading runs per incident.

Pure Python. A playbook's conditions are data (:mod:`luoshi.emergency.playbook`); walking that
data for every incident is slow. :func:`compile_playbook` turns every condition into two
closures, built once per playbook and kept:

- ``holds(facts, event_class)``: whether the condition holds;
- ``missing(facts, event_class)``: the changes of facts that would make it hold (``()`` when it
  holds, ``None`` when no change of facts can: a decision of people, not a fact).

and precomputes what does not depend on the facts (who decides, whom to notify, the fields a
plan reads). ``event_class`` is the class the facts meet in the plan's own classification
(事故分级), computed first, so that ``{event_class: [...]}`` conditions are a set lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from luoshi.emergency.facts import DERIVED, FIELDS, Value
from luoshi.emergency.levels import event_class_rank
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
)

Facts = Mapping[str, Value]
Changes = tuple["Change", ...]
Holds = Callable[[Facts, str | None], bool]
Missing = Callable[[Facts, str | None], Changes | None]


class Change(NamedTuple):
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


def _show(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def num(value: Value) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def cost(changes: Changes) -> tuple[int, int, float]:
    """Fewest changes first, then changes of counts before flags, then the smallest step."""
    numeric = [c for c in changes if c.op in ("gte", "gt")]
    step = sum(float(c.need) - num(c.have) for c in numeric)
    return len(changes), len(changes) - len(numeric), step


@dataclass(frozen=True)
class Compiled:
    """One condition as closures."""

    holds: Holds
    missing: Missing


# --- compiling conditions -----------------------------------------------------------------


def compile_condition(cond: Condition, classes: Mapping[str, tuple[Compiled, ...]]) -> Compiled:
    """Closures for ``cond``; ``classes`` holds the compiled rules of each event class."""
    if isinstance(cond, Leaf):
        return Compiled(_leaf_holds(cond), _leaf_missing(cond))
    if isinstance(cond, AllOf | AnyOf):
        items = tuple(compile_condition(c, classes) for c in cond.items)
        if isinstance(cond, AllOf):
            return Compiled(_all_holds(items), _all_missing(items))
        return Compiled(_any_holds(items), _any_missing(items))
    return _class_in(cond, classes)


def _leaf_holds(leaf: Leaf) -> Holds:
    name, value = leaf.field, leaf.value
    numeric = name in DERIVED or FIELDS[name].type in ("int", "num")
    if leaf.op == "gte":
        if numeric:
            return lambda f, c: f[name] >= value
        return lambda f, c: num(f[name]) >= value
    if leaf.op == "gt":
        if numeric:
            return lambda f, c: f[name] > value
        return lambda f, c: num(f[name]) > value
    if leaf.op == "in":
        allowed = frozenset(value)
        return lambda f, c: f[name] in allowed
    return lambda f, c: f[name] == value


def _leaf_missing(leaf: Leaf) -> Missing:
    holds = _leaf_holds(leaf)
    name = leaf.field
    if name == "hq_discretion_level":
        return lambda f, c: () if holds(f, c) else None  # a decision of people, not a fact
    if name in DERIVED:
        via = DERIVED[name]  # a derived sum (伤亡 = deaths + injured) rises through one field

        def derived(f: Facts, c: str | None) -> Changes | None:
            if holds(f, c):
                return ()
            have = num(f[via])
            return (Change(via, "gte", int(have + leaf.value - num(f[name])), int(have)),)

        return derived
    return lambda f, c: () if holds(f, c) else (Change(name, leaf.op, leaf.value, f[name]),)


def _all_holds(items: tuple[Compiled, ...]) -> Holds:
    checks = tuple(i.holds for i in items)

    def holds(f: Facts, c: str | None) -> bool:
        for check in checks:
            if not check(f, c):
                return False
        return True

    return holds


def _any_holds(items: tuple[Compiled, ...]) -> Holds:
    checks = tuple(i.holds for i in items)

    def holds(f: Facts, c: str | None) -> bool:
        for check in checks:
            if check(f, c):
                return True
        return False

    return holds


def _all_missing(items: tuple[Compiled, ...]) -> Missing:
    needs = tuple(i.missing for i in items)

    def missing(f: Facts, c: str | None) -> Changes | None:
        changes: list[Change] = []
        for need in needs:
            more = need(f, c)
            if more is None:
                return None
            changes.extend(x for x in more if x not in changes)
        return tuple(changes)

    return missing


def _cheapest(needs: tuple[Missing, ...]) -> Missing:
    def missing(f: Facts, c: str | None) -> Changes | None:
        options = []
        for need in needs:
            option = need(f, c)
            if option == ():
                return ()
            if option is not None:
                options.append(option)
        return min(options, key=cost) if options else None

    return missing


def _any_missing(items: tuple[Compiled, ...]) -> Missing:
    return _cheapest(tuple(i.missing for i in items))


def _class_in(cond: ClassIn, classes: Mapping[str, tuple[Compiled, ...]]) -> Compiled:
    wanted = frozenset(cond.classes)
    rules = tuple(r.missing for name in cond.classes for r in classes.get(name, ()))
    return Compiled(lambda f, c: c in wanted, _cheapest(rules))


# --- compiled playbooks -------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    cond: Compiled


@dataclass(frozen=True)
class CompiledLevel:
    level: str
    rules: tuple[CompiledRule, ...]
    decided_by: dict[str, Any]
    notify: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class CompiledReport:
    levels: frozenset[str]
    when: Compiled | None
    data: dict[str, Any]


@dataclass(frozen=True)
class CompiledClass:
    event_class: str
    rank: int
    quote: Quote
    cond: Compiled


@dataclass(frozen=True)
class CompiledPlan:
    """A playbook ready for grading: closures and everything that does not depend on facts."""

    playbook: Playbook
    classes: tuple[CompiledClass, ...]
    out_of_scope: tuple[CompiledRule, ...]
    precondition: Compiled | None
    levels: tuple[CompiledLevel, ...]  # highest first
    advisories: tuple[tuple[dict[str, str], Compiled], ...]
    reports: tuple[CompiledReport, ...]
    fields: frozenset[str]
    wider_fields: frozenset[str]
    city_fields: frozenset[str]

    def event_class(self, facts: Facts) -> tuple[str | None, tuple[Quote, ...]]:
        """The highest class the facts meet in the plan's classification, with its clauses."""
        met = [c for c in self.classes if c.cond.holds(facts, None)]
        if not met:
            return None, ()
        best = max(met, key=lambda c: c.rank).event_class
        return best, tuple(c.quote for c in met if c.event_class == best)

    def level(self, level: str) -> CompiledLevel | None:
        return next((lv for lv in self.levels if lv.level == level), None)


_COMPILED: dict[int, tuple[Playbook, CompiledPlan]] = {}


def compile_playbook(playbook: Playbook) -> CompiledPlan:
    """The compiled form of ``playbook``, built on first use and kept while the playbook lives."""
    held = _COMPILED.get(id(playbook))
    if held is not None and held[0] is playbook:
        return held[1]
    plan = _compile(playbook)
    _COMPILED[id(playbook)] = (playbook, plan)
    return plan


def _compile(pb: Playbook) -> CompiledPlan:
    by_class: dict[str, list[Compiled]] = {}
    classes = []
    for c in pb.classification:
        cond = compile_condition(c.rule.when, {})
        by_class.setdefault(c.event_class, []).append(cond)
        quote = Quote(c.rule.ref, c.rule.text)
        classes.append(CompiledClass(c.event_class, event_class_rank(c.event_class), quote, cond))
    lookup = {k: tuple(v) for k, v in by_class.items()}

    def rule(r: Rule) -> CompiledRule:
        return CompiledRule(r, compile_condition(r.when, lookup))

    fields = _plan_fields(pb)
    return CompiledPlan(
        playbook=pb,
        classes=tuple(classes),
        out_of_scope=tuple(rule(r) for r in pb.out_of_scope),
        precondition=None if pb.precondition is None else rule(pb.precondition).cond,
        levels=tuple(_level(pb, lv, rule) for lv in pb.level_order()),
        advisories=tuple(
            ({"ref": a.ref, "text": a.text, "note": a.note}, compile_condition(a.when, lookup))
            for a in pb.advisories
        ),
        reports=tuple(
            CompiledReport(
                frozenset(r.levels),
                None if r.when is None else compile_condition(r.when, lookup),
                report_dict(r),
            )
            for r in pb.reports
        ),
        fields=fields,
        wider_fields=fields & WIDER_THAN_CITY,
        city_fields=fields & IN_CITY,
    )


def _level(pb: Playbook, level: str, rule: Callable[[Rule], CompiledRule]) -> CompiledLevel:
    spec = pb.levels[level]
    d = spec.decided_by
    notify: list[dict[str, Any]] = []
    seen: set[str] = set()
    for entry in spec.notify:
        for party in pb.headquarters.members if entry.members else (entry.party,):
            if party not in seen:
                seen.add(party)
                contact = pb.contact(party)
                notify.append(
                    {
                        "party": party,
                        "phone": contact.phone if contact else None,
                        "fax": (contact.fax or None) if contact else None,
                        "ref": entry.ref,
                    }
                )
    return CompiledLevel(
        level=level,
        rules=tuple(rule(r) for r in spec.rules),
        decided_by={"who": d.who, "proposed_by": d.proposed_by, "ref": d.ref, "text": d.text},
        notify=tuple(notify),
    )


def report_dict(report: Report) -> dict[str, Any]:
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


# --- fields a plan reads, and where the event is ------------------------------------------

#: Facts that place the event inside the city (a county or an outbreak point of the city).
IN_CITY: frozenset[str] = frozenset({"counties_affected", "outbreak_points"})
#: Facts that count beyond the city (the province, other cities, provinces, abroad).
WIDER_THAN_CITY: frozenset[str] = frozenset(
    {
        "province_counties_affected",
        "province_outbreak_points",
        "cities_affected",
        "provinces_affected",
        "abroad_affected",
    }
)


def _fields_used(cond: Condition, pb: Playbook) -> set[str]:
    if isinstance(cond, Leaf):
        return {cond.field, *(("deaths", DERIVED[cond.field]) if cond.field in DERIVED else ())}
    if isinstance(cond, AllOf | AnyOf):
        return set().union(*(_fields_used(c, pb) for c in cond.items))
    return set().union(*(_fields_used(c.rule.when, pb) for c in pb.classes(cond.classes)))


def _plan_fields(pb: Playbook) -> frozenset[str]:
    conds: list[Condition] = [r.when for lv in pb.levels.values() for r in lv.rules]
    conds += [c.rule.when for c in pb.classification]
    conds += [r.when for r in pb.out_of_scope]
    conds += [a.when for a in pb.advisories]
    conds += [r.when for r in pb.reports if r.when is not None]
    if pb.precondition is not None:
        conds.append(pb.precondition.when)
    used = set().union(*(_fields_used(c, pb) for c in conds))
    return frozenset((used - set(DERIVED)) | {"incident_occurred", "hq_discretion_level"})


def outside_city_only(plan: CompiledPlan, facts: Facts) -> bool:
    """The facts count the event only beyond the city: wider figures, no county of the city.

    A city-level response (市级响应) answers an event in the city (docs/emergency-facts.md,
    "Where the event is"). Facts that give the province's, other cities' or other provinces'
    figures and no county or outbreak point of the city describe an event elsewhere. Facts
    that say nothing of place grade one incident logged in the city.
    """
    if not plan.wider_fields or any(facts[f] for f in plan.city_fields):
        return False
    return any(facts[f] for f in plan.wider_fields)
