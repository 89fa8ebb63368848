"""The only route to cards: every query applies who may see what.

City-wide roles (市重点办, 督查室, leaders, admins) see every card. A liaison sees
the cards they or their unit filed; unit staff see their own unit's cards, and
staff of the government office also the hard cards they pass on. Anyone else
sees none.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.express import workflow as wf
from luoshi.express.models import Card, Project
from luoshi.express.parties import is_gov_office

_BEFORE_DISPATCH = [wf.State.AWAITING_INSTRUCTION.value]


def visible_cards(user: User, queryset: QuerySet[Card] | None = None) -> QuerySet[Card]:
    cards = Card.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return cards.none()
    if user.sees_all_units:
        return cards
    if user.role == Role.LIAISON:
        # The unit's cards (filing_unit is the liaison's unit when filed); a liaison
        # without a unit sees the cards they filed themselves.
        if user.unit_id is not None:
            return cards.filter(filing_unit=user.unit_id)
        return cards.filter(filed_by=user.pk)
    if user.role == Role.UNIT_STAFF:
        if is_gov_office(user):
            hard = Q(category=wf.Category.HARD.value) & ~Q(state__in=_BEFORE_DISPATCH)
            return cards.filter(hard | Q(responsible_unit=user.unit_id))
        if user.unit_id is None:
            return cards.none()
        # scope_to_unit's rule, without its DISTINCT (one FK: no duplicates to remove)
        return cards.filter(responsible_unit=user.unit_id)
    return cards.none()


def get_card(user: User, pk: int, *, for_update: bool = False) -> Card:
    """The card ``pk`` if ``user`` may see it (locked for update when asked), else 404."""
    if not visible_cards(user).filter(pk=pk).exists():
        raise Http404("处置卡不存在或无权查看")
    cards = Card.objects.all()
    if for_update:  # a row lock: concurrent transitions of one card queue up
        cards = cards.select_for_update(of=("self",))
    found = (
        cards.filter(pk=pk)
        .select_related("responsible_unit", "vice_mayor", "filed_by", "filing_unit", "project")
        .first()
    )
    if found is None:
        raise Http404("处置卡不存在或无权查看")
    return found


def visible_projects(user: User) -> QuerySet[Project]:
    """Projects with at least one card the user may see (all projects for city-wide roles)."""
    if user.is_authenticated and user.sees_all_units:
        return Project.objects.all()
    return Project.objects.filter(pk__in=visible_cards(user).values("project_id"))
