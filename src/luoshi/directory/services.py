"""Keep the org directory (单位、别名、人员) in step with what gazette issues show.

``sync_directory`` runs inside the ingest transaction (it opens none of its
own) and is idempotent: running it twice on the same issue changes nothing.

Canonical choice: when a long official name and its abbreviations are both
seen, the long one is the unit and the others its aliases. A short name with
no long form becomes its own unit only if it clearly is a unit name (ends with
局/委/办/中心/政府/公司/支队/…); otherwise, or when it could be more than one
unit, or when it looks like another unit written differently, it is queued as
an ``UnresolvedName`` for an admin to map. Nothing is guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.db import transaction

from luoshi.core import audit
from luoshi.core.models import User
from luoshi.directory.extraction import Mentions, PersonMention, extract_mentions
from luoshi.directory.models import Person, Unit, UnitAlias, UnresolvedName
from luoshi.directory.names import (
    UnitResolver,
    abbreviations,
    is_near_duplicate,
    is_probable_typo,
    is_unit_like,
    prefix_forms,
    strip_city,
    unit_kind,
)
from luoshi.directory.signals import unit_name_mapped
from luoshi.gazette.parsing.model import ParsedIssue

_CONTEXT_MAX = 255


@dataclass(frozen=True)
class DirectorySummary:
    """What one issue shows, and what syncing it added.

    ``units``: distinct units the issue names; ``aliases``: distinct other names it
    uses for them; ``people``: distinct people; ``unresolved``: names queued for an
    admin. ``created_*``: rows this run added (all zero on a re-run).
    """

    units: int
    aliases: int
    people: int
    unresolved: int
    created_units: int = 0
    created_aliases: int = 0
    created_people: int = 0
    created_unresolved: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


# --- resolving against the database ----------------------------------------------------------


class DirectoryLookup:
    """A resolver over the units and aliases in the database, loaded once."""

    def __init__(self, units: Iterable[Unit], aliases: Iterable[tuple[str, str]], city: str = ""):
        self.units = {unit.name: unit for unit in units}
        self.aliases = dict(aliases)
        self.resolver = UnitResolver(self.units, self.aliases, city=city)

    @classmethod
    def load(cls, city: str = "") -> DirectoryLookup:
        return cls(
            Unit.objects.all(),
            UnitAlias.objects.values_list("alias", "unit__name"),
            city,
        )

    def unit(self, raw: str) -> Unit | None:
        name = self.resolver.resolve(raw)
        return self.units.get(name) if name else None


def resolve_unit(raw: str, *, city: str = "") -> Unit | None:
    """The unit a raw name stands for (canonical name, alias or abbreviation), or None.

    For many look-ups, load a :class:`DirectoryLookup` once and call ``.unit(raw)``.
    """
    return DirectoryLookup.load(city).unit(raw)


# --- planning: which names are units, aliases, or unresolved ----------------------------------


@dataclass
class _Plan:
    new_units: list[str]
    renames: dict[str, str]  # existing unit name → longer official name now seen
    canonical_of: dict[str, str]  # every seen unit name → canonical name
    unresolved: dict[str, str]  # raw name → context (with a hint when there is one)


def _derived(name: str) -> set[str]:
    """Shorter names that stand for ``name``: abbreviations and their 市-less forms."""
    short = abbreviations(name)
    for variant in [name, *short]:
        short |= {form for form in prefix_forms(variant) if len(form) < len(variant)}
    short.discard(name)
    return short


def _plan_units(mentions: Mentions, city: str, lookup: DirectoryLookup) -> _Plan:
    contexts: dict[str, str] = {}
    weight: Counter[str] = Counter()
    for mention in mentions.units:
        contexts.setdefault(mention.name, mention.context)
        weight[mention.name] += 1
    seen = sorted(contexts)
    existing = set(lookup.units)
    known = existing | set(lookup.aliases)

    # A long official name seen for the first time promotes an existing short-named unit.
    renames: dict[str, str] = {}
    for name in seen:
        if name in known or not is_unit_like(name):
            continue
        shorter = sorted(_derived(name) & existing - set(renames))
        if len(shorter) == 1:
            renames[shorter[0]] = name
    names_now = (existing - set(renames)) | set(renames.values())
    aliases_now = dict(lookup.aliases) | {old: new for old, new in renames.items()}

    resolver = UnitResolver(names_now, aliases_now, city=city)
    unresolved: dict[str, str] = {}
    canonical_of: dict[str, str] = {}
    fresh: list[str] = []
    for name in seen:
        found = resolver.candidates(name)
        if len(found) == 1:
            canonical_of[name] = next(iter(found))
        elif found:
            unresolved[name] = _hint(contexts[name], "可能是", sorted(found))
        else:
            fresh.append(name)

    # Among names new to the directory, the longest forms are the roots; a name with
    # the issue's city in front (晋城市X) yields to its usual form (市X) when both are seen.
    derived = {name: _derived(name) for name in fresh}
    fresh_set = set(fresh)
    roots = [
        name
        for name in fresh
        if strip_city(name, city) not in fresh_set - {name}
        and not any(name in derived[other] for other in fresh if other != name)
    ]
    new_units = [root for root in roots if is_unit_like(root)]
    for root in roots:
        if root not in new_units:
            unresolved[root] = contexts[root]
    new_resolver = UnitResolver(names_now | set(new_units), aliases_now, city=city)
    for name in fresh:
        found = new_resolver.candidates(name)
        if name in unresolved:
            continue
        if len(found) == 1:
            canonical_of[name] = next(iter(found))
        else:
            unresolved[name] = _hint(contexts[name], "可能是", sorted(found))

    # A new unit that looks like another unit written differently (or misprinted by one
    # character: 市两务局 beside 市商务局) waits for a person, never becomes a unit.
    cluster: Counter[str] = Counter()
    for name in seen:
        if name in canonical_of:
            cluster[canonical_of[name]] += weight[name]
    for root in sorted(new_units):
        typos = [
            other
            for other in sorted(names_now | set(new_units))
            if is_probable_typo(root, other) and _outranks(other, root, cluster, names_now)
        ]
        rivals = typos or [
            other
            for other in sorted(names_now | set(new_units))
            if other != root and is_near_duplicate(root, other)
        ]
        if typos or any(_outranks(other, root, cluster, names_now) for other in rivals):
            new_units.remove(root)
            verb = "疑似错字,可能是" if typos else "疑似"
            for name in [n for n, c in canonical_of.items() if c == root]:
                del canonical_of[name]
                unresolved[name] = _hint(contexts[name], verb, rivals)
    return _Plan(new_units, renames, canonical_of, unresolved)


def _outranks(other: str, root: str, cluster: Counter[str], existing: set[str]) -> bool:
    if other in existing:
        return True
    return (cluster[other], len(other), other) > (cluster[root], len(root), root)


def _hint(context: str, verb: str, names: list[str]) -> str:
    if not names:
        return context
    return f"{context};{verb}「{'」「'.join(names)}」"


# --- writing ------------------------------------------------------------------------------


def _label(source_label: str, context: str) -> str:
    return (f"{source_label} {context}" if source_label else context)[:_CONTEXT_MAX]


def _apply_units(plan: _Plan) -> tuple[dict[str, Unit], int, int]:
    for old, new in sorted(plan.renames.items()):
        unit = Unit.objects.get(name=old)
        unit.name = new
        unit.save(update_fields=["name"])
        UnitAlias.objects.get_or_create(alias=old, defaults={"unit": unit})
    created = Unit.objects.bulk_create(
        [Unit(name=name, kind=unit_kind(name)) for name in sorted(plan.new_units)]
    )
    wanted = set(plan.canonical_of.values()) | set(plan.new_units)
    units = {unit.name: unit for unit in Unit.objects.filter(name__in=wanted)}
    known = set(
        UnitAlias.objects.filter(alias__in=plan.canonical_of).values_list("alias", flat=True)
    )
    new_aliases = [
        UnitAlias(alias=name, unit=units[canonical])
        for name, canonical in sorted(plan.canonical_of.items())
        if name != canonical and name not in known and name not in units
    ]
    UnitAlias.objects.bulk_create(new_aliases)
    return units, len(created), len(new_aliases)


def _apply_unresolved(entries: dict[tuple[str, str], str], source_label: str) -> int:
    kinds = {kind for kind, _ in entries}
    existing = set(UnresolvedName.objects.filter(kind__in=kinds).values_list("kind", "raw_name"))
    rows = [
        UnresolvedName(kind=kind, raw_name=name[:128], context=_label(source_label, context))
        for (kind, name), context in sorted(entries.items())
        if (kind, name[:128]) not in existing
    ]
    UnresolvedName.objects.bulk_create(rows)
    return len(rows)


def _close_resolved(lookup: DirectoryLookup) -> None:
    """Pending unit names that now resolve get their unit filled in (never overwritten)."""
    pending = UnresolvedName.objects.filter(
        kind=UnresolvedName.Kind.UNIT, resolved_unit__isnull=True
    )
    changed = []
    for row in pending:
        unit = lookup.unit(row.raw_name)
        if unit is not None:
            row.resolved_unit = unit
            changed.append(row)
    UnresolvedName.objects.bulk_update(changed, ["resolved_unit"])


@dataclass
class _PersonFacts:
    name: str
    unit: Unit | None
    title: str = ""
    role: str = ""
    section: str = ""

    def absorb(self, mention: PersonMention) -> None:
        self.title = self.title or mention.title[:128]
        self.role = self.role or mention.role[:32]
        self.section = self.section or mention.section[:128]


def _plan_people(
    mentions: list[PersonMention], lookup: DirectoryLookup
) -> tuple[dict[tuple[str, int | str], _PersonFacts], dict[tuple[str, str], str]]:
    people: dict[tuple[str, int | str], _PersonFacts] = {}
    unresolved: dict[tuple[str, str], str] = {}
    # Roster mentions (with a written title) come first so their title wins.
    for mention in sorted(mentions, key=lambda m: not m.title):
        unit = lookup.unit(mention.unit) if mention.unit else None
        if mention.unit and unit is None:
            context = f"{mention.context};单位「{mention.unit}」未能确认"
            unresolved.setdefault((UnresolvedName.Kind.PERSON, mention.name), context)
            continue
        key: tuple[str, int | str] = (
            (mention.name, unit.pk) if unit else (mention.name, mention.title or mention.role)
        )
        facts = people.setdefault(key, _PersonFacts(mention.name, unit))
        facts.absorb(mention)
    return people, unresolved


def _apply_people(people: dict[tuple[str, int | str], _PersonFacts]) -> int:
    names = {facts.name for facts in people.values()}
    existing: dict[tuple[str, int | str], Person] = {}
    for person in Person.objects.filter(name__in=names):
        key = (person.name, person.unit_id) if person.unit_id else (person.name, person.title)
        existing[key] = person
    created: list[Person] = []
    changed: list[Person] = []
    for key, facts in sorted(people.items(), key=lambda item: str(item[0])):
        title = facts.title if facts.unit else (facts.title or facts.role)
        person = existing.get(key)
        if person is None:
            created.append(
                Person(
                    name=facts.name,
                    unit=facts.unit,
                    title=title,
                    role=facts.role,
                    section=facts.section,
                )
            )
            continue
        # Fill what is missing; never overwrite what a person or an earlier issue set.
        updates = {"title": title, "role": facts.role, "section": facts.section}
        dirty = False
        for field, value in updates.items():
            if value and not getattr(person, field):
                setattr(person, field, value)
                dirty = True
        if dirty:
            changed.append(person)
    Person.objects.bulk_create(created)
    Person.objects.bulk_update(changed, ["title", "role", "section"])
    return len(created)


def sync_directory(parsed_issue: ParsedIssue, *, source_label: str = "") -> DirectorySummary:
    """Create or update units, aliases, people and the unresolved queue from one issue.

    Idempotent and without a transaction of its own: call it inside the ingest's.
    """
    city = parsed_issue.city
    mentions = extract_mentions(parsed_issue)
    plan = _plan_units(mentions, city, DirectoryLookup.load(city))
    units, created_units, created_aliases = _apply_units(plan)
    lookup = DirectoryLookup.load(city)
    people, unresolved_people = _plan_people(mentions.people, lookup)
    unresolved = {(UnresolvedName.Kind.UNIT.value, n): c for n, c in plan.unresolved.items()}
    unresolved |= {(str(kind), name): c for (kind, name), c in unresolved_people.items()}
    created_unresolved = _apply_unresolved(unresolved, source_label)
    created_people = _apply_people(people)
    _close_resolved(lookup)
    aliases = {name for name, canonical in plan.canonical_of.items() if name != canonical}
    return DirectorySummary(
        units=len(set(plan.canonical_of.values())),
        aliases=len(aliases),
        people=len(people),
        unresolved=len(unresolved),
        created_units=created_units,
        created_aliases=created_aliases,
        created_people=created_people,
        created_unresolved=created_unresolved,
    )


# --- admin actions ------------------------------------------------------------------------


@transaction.atomic
def map_unresolved(
    entry: UnresolvedName, unit: Unit, *, actor: User | None = None
) -> UnitAlias | None:
    """An admin maps a queued name to a unit: a unit name becomes an alias of it, and
    apps holding rows that printed the name hear of it (``signals.unit_name_mapped``).

    A queued person name gets the unit on the person (created if need be).
    Returns the alias for unit names, ``None`` for people.
    """
    alias = None
    if entry.kind == UnresolvedName.Kind.UNIT:
        if entry.raw_name != unit.name:
            alias, _ = UnitAlias.objects.update_or_create(
                alias=entry.raw_name, defaults={"unit": unit}
            )
        unit_name_mapped.send(UnresolvedName, raw_name=entry.raw_name, unit=unit, actor=actor)
    else:
        Person.objects.get_or_create(name=entry.raw_name, unit=unit)
    before = entry.resolved_unit_id
    entry.resolved_unit = unit
    entry.save(update_fields=["resolved_unit"])
    audit.record(
        "directory.map_unresolved",
        entry,
        actor=actor,
        summary=f"{entry.raw_name} → {unit.name}",
        before={"resolved_unit": before},
        after={"resolved_unit": unit.pk},
    )
    return alias
