"""Which parties of the rules (workflow actors) a user is, for a given card.

- 联络员: a liaison who filed the card or belongs to the filing unit;
- 市重点办: the key-projects office role;
- 分管副市长: the leader named on the card at triage;
- 市政府办相关科室: unit staff of a government-office unit (``LUOSHI_EXPRESS_GOV_OFFICE_UNITS``,
  default 市人民政府办公室);
- 责任单位: unit staff of the card's responsible unit;
- 督查室: the supervision office role.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet

from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.express import workflow as wf
from luoshi.express.models import Card


def gov_office_unit_names() -> tuple[str, ...]:
    return tuple(settings.LUOSHI_EXPRESS_GOV_OFFICE_UNITS)


def is_gov_office(user: User) -> bool:
    return (
        user.is_authenticated
        and user.role == Role.UNIT_STAFF
        and user.unit is not None
        and user.unit.name in gov_office_unit_names()
    )


def standing_actors(user: User) -> frozenset[wf.Actor]:
    """The parties a user is whatever the card (role-based ones)."""
    if not user.is_authenticated:
        return frozenset()
    found = set()
    if user.role == Role.KEY_PROJECTS:
        found.add(wf.Actor.KEY_OFFICE)
    if user.role == Role.SUPERVISION:
        found.add(wf.Actor.SUPERVISION)
    if user.role == Role.LIAISON:
        found.add(wf.Actor.LIAISON)
    if user.role == Role.LEADER:
        found.add(wf.Actor.VICE_MAYOR)
    if user.role == Role.UNIT_STAFF and user.unit_id is not None:
        found.add(wf.Actor.RESPONSIBLE_UNIT)
        if is_gov_office(user):
            found.add(wf.Actor.GOV_OFFICE)
    return frozenset(found)


def actors_for(user: User, card: Card) -> frozenset[wf.Actor]:
    """The parties ``user`` is for ``card``."""
    found = set(standing_actors(user))
    mine = (
        card.filing_unit_id == user.unit_id
        if user.unit_id is not None
        else card.filed_by_id == user.pk
    )
    if wf.Actor.LIAISON in found and not mine:
        found.discard(wf.Actor.LIAISON)
    if wf.Actor.VICE_MAYOR in found and card.vice_mayor_id != user.pk:
        found.discard(wf.Actor.VICE_MAYOR)
    if wf.Actor.RESPONSIBLE_UNIT in found and card.responsible_unit_id != user.unit_id:
        found.discard(wf.Actor.RESPONSIBLE_UNIT)
    return frozenset(found)


def waiting_filter(user: User) -> Q | None:
    """Cards waiting for ``user`` ("待我办理"), as a filter; None when nothing can wait for them."""
    actors = standing_actors(user)
    condition = Q(pk__in=[])
    useful = False

    def states(actor: wf.Actor) -> list[str]:
        return [s.value for s in wf.WAITING_STATES[actor]]

    if wf.Actor.KEY_OFFICE in actors:
        condition |= Q(state__in=states(wf.Actor.KEY_OFFICE))
        useful = True
    if wf.Actor.VICE_MAYOR in actors:
        condition |= Q(state__in=states(wf.Actor.VICE_MAYOR), vice_mayor=user.pk)
        useful = True
    if wf.Actor.GOV_OFFICE in actors:
        condition |= Q(state__in=states(wf.Actor.GOV_OFFICE))
        useful = True
    if wf.Actor.RESPONSIBLE_UNIT in actors:
        condition |= Q(state__in=states(wf.Actor.RESPONSIBLE_UNIT), responsible_unit=user.unit_id)
        useful = True
    if wf.Actor.LIAISON in actors:
        mine = Q(filing_unit=user.unit_id) if user.unit_id is not None else Q(filed_by=user.pk)
        condition |= Q(state__in=states(wf.Actor.LIAISON)) & mine
        useful = True
    return condition if useful else None


def users_acting_as(actor: wf.Actor, card: Card) -> QuerySet[User]:
    """The active users who would act for ``card`` as ``actor`` (who to notify)."""
    users = User.objects.filter(is_active=True)
    if actor is wf.Actor.KEY_OFFICE:
        return users.filter(role=Role.KEY_PROJECTS)
    if actor is wf.Actor.SUPERVISION:
        return users.filter(role=Role.SUPERVISION)
    if actor is wf.Actor.VICE_MAYOR:
        if card.vice_mayor_id is not None:
            return users.filter(pk=card.vice_mayor_id)
        return users.filter(role=Role.LEADER)
    if actor is wf.Actor.GOV_OFFICE:
        return users.filter(role=Role.UNIT_STAFF, unit__name__in=gov_office_unit_names())
    if actor is wf.Actor.RESPONSIBLE_UNIT:
        if card.responsible_unit_id is None:
            return users.none()
        return users.filter(role=Role.UNIT_STAFF, unit=card.responsible_unit_id)
    return users.filter(pk=card.filed_by_id)
