"""Playbooks (预案规则): one YAML data file per emergency plan, loaded into plain dataclasses.

Every rule carries the plan's clause reference (``ref``, e.g. ``4.3.1.1(2)``) and
quotes the plan's own text (``text``) verbatim. Conditions are data: a leaf
``{field, gte|gt|eq|in: value}``, ``{all: [...]}``, ``{any: [...]}`` or
``{event_class: [...]}`` (the plan's own classification table, 事故分级).

``以上`` is ``gte`` (includes the number). ``以下`` is written ``band_below`` on a
leaf: the upper edge of a band where the next level up takes over. It is kept for
reading and tests; the engine does not evaluate it because the highest level wins.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal, Protocol

import yaml

from luoshi.emergency.facts import FIELDS, SEVERITY_ORDER, field_names
from luoshi.emergency.levels import EVENT_CLASSES, LEVELS, normalise_level

PLAYBOOK_DIR: Final = Path(__file__).resolve().parent / "playbooks"

Op = Literal["gte", "gt", "eq", "in"]
OPS: Final[tuple[Op, ...]] = ("gte", "gt", "eq", "in")


class PlaybookError(ValueError):
    """A playbook file that does not follow the schema (a bug in the data, not in the facts)."""


class UnknownPlan(LookupError):
    """No playbook with this id."""


# --- conditions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Leaf:
    """``field op value``; ``band_below`` documents a 以下 upper edge (not evaluated)."""

    field: str
    op: Op
    value: Any
    band_below: float | None = None


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class ClassIn:
    """The event falls in one of these classes of the plan's classification (事故分级)."""

    classes: tuple[str, ...]


Condition = Leaf | AllOf | AnyOf | ClassIn


# --- plan parts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    """A clause of the plan: its reference and its verbatim text."""

    ref: str
    text: str


@dataclass(frozen=True)
class Rule:
    """A launch condition (启动条件) or a class definition, with the plan's words."""

    ref: str
    text: str
    when: Condition
    reading: str = ""
    discretion: bool = False  # 市指挥部认为需要启动的其他情况: decided by people, not by facts


@dataclass(frozen=True)
class ClassRule:
    event_class: str
    rule: Rule


@dataclass(frozen=True)
class Decider:
    """Who decides to launch (启动程序): the person or body and the clause."""

    who: str
    proposed_by: str
    ref: str
    text: str


@dataclass(frozen=True)
class NotifyEntry:
    """A party to notify at a level; ``members`` expands to the headquarters' member units."""

    party: str
    ref: str
    text: str
    members: bool = False


@dataclass(frozen=True)
class LevelGroups:
    """Which working groups (工作组) the plan stands up at a level, with the clause saying so.

    ``names`` is ``None`` when the clause sends all of them (各成员单位赶赴现场) and empty
    when only the office acts (市指挥部办公室派员).
    """

    names: tuple[str, ...] | None
    ref: str
    text: str


@dataclass(frozen=True)
class ResponseLevel:
    level: str
    name: str
    ref: str
    rules: tuple[Rule, ...]
    decided_by: Decider
    measures: tuple[Quote, ...]
    notify: tuple[NotifyEntry, ...]
    groups: LevelGroups | None = None


@dataclass(frozen=True)
class Report:
    """A reporting obligation (信息报告) with its time limit.

    ``within`` is an ISO 8601 duration (``PT1H``), ``immediately`` (立即),
    ``promptly`` (及时, no figure), ``ongoing`` (随时) or ``daily`` (每日).
    ``start`` names the clock's start: ``event``, ``report_received``,
    ``phone_report``, ``response_launch``, ``response_end`` or ``request``.
    """

    name: str
    by: str
    to: str
    within: str
    within_text: str
    start: str
    levels: tuple[str, ...]
    ref: str
    text: str
    when: Condition | None = None


@dataclass(frozen=True)
class Headquarters:
    name: str
    commander: tuple[str, ...]
    deputies: tuple[str, ...]
    members: tuple[str, ...]
    office: str
    office_director: str
    refs: tuple[Quote, ...]


@dataclass(frozen=True)
class WorkingGroup:
    name: str
    lead: tuple[str, ...]
    members: tuple[str, ...]
    ref: str
    text: str


@dataclass(frozen=True)
class WarningLevel:
    level: str
    colour: str
    conditions: tuple[Quote, ...]
    measures: tuple[Quote, ...]


@dataclass(frozen=True)
class Warnings:
    ref: str
    text: str
    levels: tuple[WarningLevel, ...]
    issued_by: tuple[Quote, ...]


@dataclass(frozen=True)
class Contact:
    unit: str
    phone: str
    fax: str = ""
    note: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactTable:
    title: str
    ref: str
    rows: tuple[Contact, ...]


@dataclass(frozen=True)
class Termination:
    decided_by: str
    conditions: tuple[Quote, ...]
    reading: str = ""


@dataclass(frozen=True)
class Assessment:
    """Post-event assessment (后期处置 / 总结评估): who, by when, what it contains."""

    by: str
    within: str  # ISO 8601 duration from the end of the response, or "promptly"
    within_text: str
    ref: str
    text: str
    contents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Advisory:
    """A clause that may change the level at the deciders' discretion (e.g. 可相应提高)."""

    ref: str
    text: str
    when: Condition
    note: str


@dataclass(frozen=True)
class Playbook:
    id: str
    title: str
    document: str
    issuer: str
    date: str
    thresholds: Quote | None
    scope: Quote
    precondition: Rule | None
    out_of_scope: tuple[Rule, ...]
    classification: tuple[ClassRule, ...]
    levels: Mapping[str, ResponseLevel]
    advisories: tuple[Advisory, ...]
    reports: tuple[Report, ...]
    headquarters: Headquarters
    groups: tuple[WorkingGroup, ...]
    warnings: Warnings | None
    termination: Termination
    assessment: Assessment
    contacts: tuple[ContactTable, ...]
    readings: tuple[Quote, ...] = field(default=())
    cap_category: str = "Other"  # CAP 1.2 category of the plan's warnings

    def level_order(self) -> tuple[str, ...]:
        """The plan's response levels, highest first."""
        return tuple(lv for lv in LEVELS if lv in self.levels)

    def classes(self, names: tuple[str, ...]) -> Iterator[ClassRule]:
        return (c for c in self.classification if c.event_class in names)

    def contact(self, unit: str) -> Contact | None:
        """The first contact-table row for ``unit`` (exact name)."""
        for table in self.contacts:
            for row in table.rows:
                if unit == row.unit or unit in row.aliases:
                    return row
        return None

    def quotes(self) -> Iterator[Quote]:
        """Every verbatim quote in the playbook (for checking against the gazette)."""
        yield from (q for q in (self.thresholds, self.scope) if q is not None)
        rules: list[Rule] = [*self.out_of_scope, *(c.rule for c in self.classification)]
        if self.precondition is not None:
            rules.append(self.precondition)
        for level in self.levels.values():
            rules.extend(level.rules)
            yield Quote(level.decided_by.ref, level.decided_by.text)
            yield from level.measures
            yield from (Quote(n.ref, n.text) for n in level.notify)
            if level.groups is not None:
                yield Quote(level.groups.ref, level.groups.text)
        yield from (Quote(r.ref, r.text) for r in rules)
        yield from (Quote(a.ref, a.text) for a in self.advisories)
        yield from (Quote(r.ref, r.text) for r in self.reports)
        yield from self.headquarters.refs
        yield from (Quote(g.ref, g.text) for g in self.groups)
        if self.warnings is not None:
            yield Quote(self.warnings.ref, self.warnings.text)
            yield from self.warnings.issued_by
            for wl in self.warnings.levels:
                yield from wl.conditions
                yield from wl.measures
        yield from self.termination.conditions
        yield Quote(self.assessment.ref, self.assessment.text)
        yield from self.readings


# --- loading ------------------------------------------------------------------------------


class PlaybookSource(Protocol):
    """Where grading finds playbooks: the published versions (``emergency.registry``)."""

    def plan_ids(self) -> tuple[str, ...]: ...

    def playbook(self, plan_id: str) -> Playbook | None: ...


_SOURCE: list[PlaybookSource] = []


def use_source(source: PlaybookSource | None) -> None:
    """Grade with ``source``'s playbooks instead of the bundled files (``None``: the files)."""
    _SOURCE.clear()
    if source is not None:
        _SOURCE.append(source)


def bundled_plan_ids() -> tuple[str, ...]:
    """The ids of the bundled playbook files, sorted."""
    return tuple(sorted(p.stem for p in PLAYBOOK_DIR.glob("*.yaml")))


def plan_ids() -> tuple[str, ...]:
    """The ids of the playbooks grading knows, sorted."""
    return _SOURCE[0].plan_ids() if _SOURCE else bundled_plan_ids()


def load_playbook(plan_id: str) -> Playbook:
    """The playbook for ``plan_id`` (``UnknownPlan`` if there is none)."""
    found = _SOURCE[0].playbook(plan_id) if _SOURCE else None
    if found is not None:
        return found
    if _SOURCE or plan_id not in bundled_plan_ids():
        raise UnknownPlan(f"unknown plan {plan_id!r} (known: {', '.join(plan_ids())})")
    return load_bundled(plan_id)


def bundled_data(plan_id: str) -> dict[str, Any]:
    """The bundled file of ``plan_id`` as data (the playbook schema)."""
    path = PLAYBOOK_DIR / f"{plan_id}.yaml"
    data = _map(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    return _map(json.loads(json.dumps(data, default=str)), path.name)  # dates as ISO text


@cache
def load_bundled(plan_id: str) -> Playbook:
    """The bundled playbook file of ``plan_id``."""
    if plan_id not in bundled_plan_ids():
        raise UnknownPlan(f"unknown plan {plan_id!r} (known: {', '.join(bundled_plan_ids())})")
    playbook = playbook_from_data(bundled_data(plan_id), where=f"{plan_id}.yaml")
    if playbook.id != plan_id:
        raise PlaybookError(f"{plan_id}.yaml: id {playbook.id!r} does not match the file name")
    return playbook


def playbook_from_data(data: Mapping[str, Any], where: str = "playbook") -> Playbook:
    """A playbook from data in the schema of the files (a file, a published version)."""
    try:
        return _playbook(dict(data))
    except PlaybookError as exc:
        raise PlaybookError(f"{where}: {exc}") from exc


def _map(data: object, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise PlaybookError(f"{where}: expected a mapping, got {type(data).__name__}")
    return data


def _list(data: object, where: str) -> list[Any]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise PlaybookError(f"{where}: expected a list, got {type(data).__name__}")
    return data


def _str(data: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise PlaybookError(f"{where}: {key!r} must be a string")
    return value


def _strs(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        return (value,)
    items = _list(value, f"{where}.{key}")
    if not all(isinstance(v, str) for v in items):
        raise PlaybookError(f"{where}: {key!r} must be a list of strings")
    return tuple(items)


def _quote(data: object, where: str) -> Quote:
    m = _map(data, where)
    return Quote(_str(m, "ref", where), _str(m, "text", where))


def _quotes(data: object, where: str) -> tuple[Quote, ...]:
    return tuple(_quote(q, f"{where}[{i}]") for i, q in enumerate(_list(data, where)))


def _condition(data: object, where: str) -> Condition:
    m = _map(data, where)
    if "all" in m or "any" in m:
        key = "all" if "all" in m else "any"
        items = tuple(
            _condition(c, f"{where}.{key}[{i}]") for i, c in enumerate(_list(m[key], where))
        )
        if len(m) != 1 or not items:
            raise PlaybookError(f"{where}: {key!r} takes a non-empty list and nothing else")
        return AllOf(items) if key == "all" else AnyOf(items)
    if "event_class" in m:
        classes = _strs(m, "event_class", where)
        if len(m) != 1 or not set(classes) <= set(EVENT_CLASSES):
            raise PlaybookError(f"{where}: bad event_class condition {m!r}")
        return ClassIn(classes)
    return _leaf(m, where)


def _leaf(m: Mapping[str, Any], where: str) -> Leaf:
    name = m.get("field")
    if name not in field_names():
        raise PlaybookError(f"{where}: unknown field {name!r}")
    ops = [op for op in OPS if op in m]
    extra = set(m) - {"field", "band_below", *OPS}
    if len(ops) != 1 or extra:
        raise PlaybookError(f"{where}: a leaf takes field, one of {OPS} and optionally band_below")
    op = ops[0]
    value = m[op]
    spec = FIELDS.get(name)
    if spec is not None and spec.type == "enum":
        values = value if op == "in" else [value]
        if op not in ("eq", "in") or not all(v in spec.choices for v in _list(values, where)):
            raise PlaybookError(f"{where}: {name!r} takes eq/in with values from {spec.choices}")
        if op == "in" and name in SEVERITY_ORDER:
            order = SEVERITY_ORDER[name]
            if [order.index(v) for v in value] != sorted(order.index(v) for v in value):
                raise PlaybookError(f"{where}: list {name!r} values from the least severe up")
    band = m.get("band_below")
    if band is not None and (
        op not in ("gte", "gt") or not isinstance(band, int | float) or band <= value
    ):
        raise PlaybookError(f"{where}: band_below must exceed a gte/gt threshold")
    return Leaf(str(name), op, tuple(value) if op == "in" else value, band)


def _rule(data: object, where: str, *, discretion_level: str | None = None) -> Rule:
    m = _map(data, where)
    unknown = set(m) - {"ref", "text", "when", "reading", "discretion"}
    if unknown:
        raise PlaybookError(f"{where}: unknown keys {sorted(unknown)}")
    discretion = bool(m.get("discretion", False))
    if discretion:
        if "when" in m or discretion_level is None:
            raise PlaybookError(f"{where}: a discretion rule has no 'when' and belongs to a level")
        when: Condition = Leaf("hq_discretion_level", "eq", discretion_level)
    else:
        when = _condition(m.get("when"), f"{where}.when")
    return Rule(
        _str(m, "ref", where),
        _str(m, "text", where),
        when,
        _str(m, "reading", where, ""),
        discretion,
    )


def _level(level: str, data: object, where: str) -> ResponseLevel:
    m = _map(data, where)
    dec = _map(m.get("decided_by"), f"{where}.decided_by")
    notify = tuple(
        NotifyEntry(
            _str(n, "party", f"{where}.notify", "各成员单位"),
            _str(n, "ref", f"{where}.notify"),
            _str(n, "text", f"{where}.notify"),
            bool(n.get("members", False)),
        )
        for n in (_map(x, f"{where}.notify") for x in _list(m.get("notify"), f"{where}.notify"))
    )
    rules = tuple(
        _rule(r, f"{where}.rules[{i}]", discretion_level=level)
        for i, r in enumerate(_list(m.get("rules"), f"{where}.rules"))
    )
    if not rules:
        raise PlaybookError(f"{where}: a level needs rules")
    return ResponseLevel(
        level=level,
        name=_str(m, "name", where),
        ref=_str(m, "ref", where),
        rules=rules,
        decided_by=Decider(
            _str(dec, "who", where),
            _str(dec, "proposed_by", where, ""),
            _str(dec, "ref", where),
            _str(dec, "text", where),
        ),
        measures=_quotes(m.get("measures"), f"{where}.measures"),
        notify=notify,
        groups=None if m.get("groups") is None else _level_groups(m["groups"], f"{where}.groups"),
    )


def _level_groups(data: object, where: str) -> LevelGroups:
    m = _map(data, where)
    names = None if m.get("names") == "all" else _strs(m, "names", where)
    return LevelGroups(names, _str(m, "ref", where), _str(m, "text", where))


def _report(data: object, where: str) -> Report:
    m = _map(data, where)
    levels = tuple(normalise_level(str(x)) for x in _list(m.get("levels"), f"{where}.levels"))
    within = _str(m, "within", where)
    if within not in ("immediately", "promptly", "ongoing", "daily") and not within.startswith("P"):
        raise PlaybookError(f"{where}: within must be an ISO 8601 duration or a keyword")
    when = m.get("when")
    return Report(
        name=_str(m, "name", where),
        by=_str(m, "by", where),
        to=_str(m, "to", where),
        within=within,
        within_text=_str(m, "within_text", where),
        start=_str(m, "start", where, "event"),
        levels=levels,
        ref=_str(m, "ref", where),
        text=_str(m, "text", where),
        when=None if when is None else _condition(when, f"{where}.when"),
    )


def _playbook(m: dict[str, Any]) -> Playbook:
    levels_raw = _map(m.get("levels"), "levels")
    levels: dict[str, ResponseLevel] = {
        normalise_level(str(k)): _level(normalise_level(str(k)), v, f"levels.{k}")
        for k, v in levels_raw.items()
    }
    classification = tuple(
        ClassRule(
            _str(_map(c, "classification"), "class", "classification"),
            _rule(c_rule, f"classification[{i}]"),
        )
        for i, c in enumerate(_list(m.get("classification"), "classification"))
        for c_rule in [{k: v for k, v in _map(c, "classification").items() if k != "class"}]
    )
    for c in classification:
        if c.event_class not in EVENT_CLASSES:
            raise PlaybookError(f"classification: unknown class {c.event_class!r}")
    hq = _map(m.get("headquarters"), "headquarters")
    warnings_raw = m.get("warnings")
    term = _map(m.get("termination"), "termination")
    assess = _map(m.get("assessment"), "assessment")
    precondition = m.get("precondition")
    playbook = Playbook(
        id=_str(m, "id", "id"),
        title=_str(m, "title", "title"),
        document=_str(m, "document", "document"),
        issuer=_str(m, "issuer", "issuer"),
        date=str(m.get("date", "")),
        thresholds=None if m.get("thresholds") is None else _quote(m["thresholds"], "thresholds"),
        scope=_quote(m.get("scope"), "scope"),
        precondition=None if precondition is None else _rule(precondition, "precondition"),
        out_of_scope=tuple(
            _rule(r, f"out_of_scope[{i}]")
            for i, r in enumerate(_list(m.get("out_of_scope"), "out_of_scope"))
        ),
        classification=classification,
        levels=levels,
        advisories=tuple(
            Advisory(
                _str(a, "ref", "advisories"),
                _str(a, "text", "advisories"),
                _condition(a.get("when"), "advisories.when"),
                _str(a, "note", "advisories"),
            )
            for a in (_map(x, "advisories") for x in _list(m.get("advisories"), "advisories"))
        ),
        reports=tuple(
            _report(r, f"reports[{i}]") for i, r in enumerate(_list(m.get("reports"), "reports"))
        ),
        headquarters=Headquarters(
            name=_str(hq, "name", "headquarters"),
            commander=_strs(hq, "commander", "headquarters"),
            deputies=_strs(hq, "deputies", "headquarters"),
            members=_strs(hq, "members", "headquarters"),
            office=_str(hq, "office", "headquarters"),
            office_director=_str(hq, "office_director", "headquarters", ""),
            refs=_quotes(hq.get("quotes"), "headquarters.quotes"),
        ),
        groups=tuple(
            WorkingGroup(
                _str(g, "name", "groups"),
                _strs(g, "lead", "groups"),
                _strs(g, "members", "groups"),
                _str(g, "ref", "groups"),
                _str(g, "text", "groups"),
            )
            for g in (_map(x, "groups") for x in _list(m.get("groups"), "groups"))
        ),
        warnings=None if warnings_raw is None else _warnings(_map(warnings_raw, "warnings")),
        termination=Termination(
            _str(term, "decided_by", "termination"),
            _quotes(term.get("conditions"), "termination.conditions"),
            _str(term, "reading", "termination", ""),
        ),
        assessment=Assessment(
            by=_str(assess, "by", "assessment"),
            within=_str(assess, "within", "assessment"),
            within_text=_str(assess, "within_text", "assessment"),
            ref=_str(assess, "ref", "assessment"),
            text=_str(assess, "text", "assessment"),
            contents=_strs(assess, "contents", "assessment"),
        ),
        contacts=tuple(
            ContactTable(
                _str(t, "title", "contacts"),
                _str(t, "ref", "contacts"),
                tuple(
                    Contact(
                        _str(r, "unit", "contacts"),
                        str(r.get("phone", "")),
                        str(r.get("fax", "")),
                        str(r.get("note", "")),
                        _strs(r, "aliases", "contacts.rows"),
                    )
                    for r in (
                        _map(x, "contacts.rows") for x in _list(t.get("rows"), "contacts.rows")
                    )
                ),
            )
            for t in (_map(x, "contacts") for x in _list(m.get("contacts"), "contacts"))
        ),
        readings=_quotes(m.get("readings"), "readings"),
        cap_category=_str(m, "cap_category", "cap_category", "Other"),
    )
    _check_level_groups(playbook)
    return playbook


def _check_level_groups(playbook: Playbook) -> None:
    known = {g.name for g in playbook.groups}
    for level in playbook.levels.values():
        unknown = set(level.groups.names or ()) - known if level.groups else set()
        if unknown:
            raise PlaybookError(f"levels.{level.level}.groups: unknown {sorted(unknown)}")


def _warnings(w: dict[str, Any]) -> Warnings:
    return Warnings(
        ref=_str(w, "ref", "warnings"),
        text=_str(w, "text", "warnings"),
        levels=tuple(
            WarningLevel(
                normalise_level(str(x.get("level"))),
                _str(x, "colour", "warnings.levels"),
                _quotes(x.get("conditions"), "warnings.levels.conditions"),
                _quotes(x.get("measures"), "warnings.levels.measures"),
            )
            for x in (_map(v, "warnings.levels") for v in _list(w.get("levels"), "warnings.levels"))
        ),
        issued_by=_quotes(w.get("issued_by"), "warnings.issued_by"),
    )


def _squash(text: str) -> str:
    return "".join(text.split())


def missing_quotes(playbook: Playbook, source: str) -> list[Quote]:
    """The playbook's quotes not found in ``source`` (whitespace removed on both sides).

    ``source`` is the plan's text: the gazette file's section or the ingested document.
    """
    haystack = _squash(source)
    return [q for q in playbook.quotes() if _squash(q.text) not in haystack]
