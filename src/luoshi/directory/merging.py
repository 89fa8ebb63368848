"""Merging two units that are one (合并单位): 武警晋城支队 and 晋城武警支队.

No abbreviation rule joins names whose words stand in another order, so an admin
merges them: the absorbed unit's name and aliases become aliases of the kept unit,
and every row that points at the absorbed unit — people, task assignments, reports,
users, cards, whatever app holds it — points at the kept unit instead. The
directory imports no other app: it finds those rows through the foreign keys
Django knows of. A link row that would then duplicate one the kept unit already has
(the same task assigned to both) is dropped and counted in the audit entry; a row other
rows depend on (two reports of one period, one from each unit) stops the merge, which
then changes nothing.
"""

from __future__ import annotations

from django.db import IntegrityError, models, transaction

from luoshi.core import audit
from luoshi.core.errors import Conflict
from luoshi.core.models import User
from luoshi.directory.models import Person, Unit, UnitAlias, UnresolvedName


class MergeError(Conflict):
    """A merge that cannot be done in the directory's current state (message for a person)."""


@transaction.atomic
def merge_units(kept: Unit, absorbed: Unit, *, actor: User | None, reason: str = "") -> dict:
    """Merge ``absorbed`` into ``kept`` in one transaction; returns what moved per table."""
    if kept.pk == absorbed.pk:
        raise MergeError("不能把单位合并到它自己")
    pair = Unit.objects.select_for_update().filter(pk__in=[kept.pk, absorbed.pk]).order_by("pk")
    locked = {unit.pk: unit for unit in pair}
    if len(locked) != 2:
        raise MergeError("要合并的单位已不存在")
    kept, absorbed = locked[kept.pk], locked[absorbed.pk]
    moved: dict[str, int] = {}
    moved["aliases"] = UnitAlias.objects.filter(unit=absorbed).update(unit=kept)
    moved["people"] = _merge_people(kept, absorbed)
    moved["subunits"] = Unit.objects.filter(parent=absorbed).update(parent=kept)
    for relation in _relations_to_units():
        label = relation.related_model._meta.label_lower
        count, dropped = _repoint(relation, kept, absorbed)
        if count or dropped:
            moved[label] = count
            if dropped:
                moved[f"{label}(重复,已去除)"] = dropped
    name, absorbed_id = absorbed.name, absorbed.pk
    absorbed.delete()
    UnitAlias.objects.get_or_create(alias=name, defaults={"unit": kept})
    pending = UnresolvedName.objects.filter(raw_name=name, resolved_unit__isnull=True)
    pending.update(resolved_unit=kept)
    audit.record(
        "directory.units_merged", kept, actor=actor, summary=f"合并单位: {name} → {kept.name}",
        reason=reason, before={"absorbed": name, "absorbed_id": absorbed_id}, after=moved,
    )  # fmt: skip
    return moved


def _merge_people(kept: Unit, absorbed: Unit) -> int:
    """People of the absorbed unit join the kept one; a namesake already there absorbs
    the missing facts (title, role, section) of the other."""
    moved = 0
    for person in Person.objects.filter(unit=absorbed).order_by("pk"):
        twin = Person.objects.filter(name=person.name, unit=kept).first()
        if twin is None:
            person.unit = kept
            person.save(update_fields=["unit"])
        else:
            for field in ("title", "role", "section"):
                if not getattr(twin, field) and getattr(person, field):
                    setattr(twin, field, getattr(person, field))
            twin.save(update_fields=["title", "role", "section"])
            person.delete()
        moved += 1
    return moved


def _relations_to_units() -> list[models.ForeignObjectRel]:
    """Every foreign key of another table that points at Unit (aliases and people aside)."""
    handled = {UnitAlias, Person}
    return [
        relation
        for relation in Unit._meta.related_objects
        if (relation.one_to_many or relation.one_to_one)
        and relation.related_model not in handled
        and relation.related_model is not Unit
    ]


def _repoint(relation: models.ForeignObjectRel, kept: Unit, absorbed: Unit) -> tuple[int, int]:
    """Point rows of ``relation`` at ``kept``; rows that would duplicate one are deleted."""
    model = relation.related_model
    field = relation.field.name
    rows = model._default_manager.filter(**{field: absorbed})
    try:
        with transaction.atomic():
            return rows.update(**{field: kept}), 0
    except IntegrityError:
        pass
    moved = dropped = 0
    for row in rows.order_by("pk"):
        try:
            with transaction.atomic():
                model._default_manager.filter(pk=row.pk).update(**{field: kept})
                moved += 1
        except IntegrityError:
            if any(r.related_model is not model for r in model._meta.related_objects):
                raise MergeError(
                    f"两个单位在“{model._meta.verbose_name}”中有重复记录,请先处理后再合并"
                ) from None
            row.delete()
            dropped += 1
    return moved, dropped
