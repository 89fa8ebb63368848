"""Who may see and do what with incidents and warnings: the only route to these rows.

City-wide roles and the duty officers see every incident and warning; a unit
sees the incidents it is part of (named by the plan's roster, or in its county) and the
warnings of those plans. Acting is by role:

- 应急值班 duty officers and admins open incidents (``open_incident``);
- the deciders the plans name (总指挥, 副总指挥, the headquarters office) launch, change and
  stand down a response: users are mapped to those posts per plan (``DecisionPost``) and a
  decision from anyone else is refused (:mod:`luoshi.emergency.posts`);
- duty officers, leaders and admins run an open incident (facts, checklist, reports)
  and issue, adjust and lift warnings.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from luoshi.core.errors import Forbidden
from luoshi.core.models import User
from luoshi.core.permissions import require_role
from luoshi.core.roles import Role
from luoshi.emergency.models import DecisionPost, EarlyWarning, Incident
from luoshi.emergency.playbook import load_playbook, plan_ids
from luoshi.emergency.posts import Post, posts_deciding
from luoshi.emergency.roster import roster

OPENERS = (Role.DUTY_OFFICER, Role.ADMIN)
OPERATORS = (Role.DUTY_OFFICER, Role.LEADER, Role.ADMIN)
WARNERS = (Role.DUTY_OFFICER, Role.LEADER, Role.ADMIN)


def _has(user: User, roles: tuple[Role, ...]) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in roles))


def can_open(user: User) -> bool:
    return _has(user, OPENERS)


def can_decide(user: User, plan_id: str) -> bool:
    """``user`` holds a post of the plan's headquarters (which levels: see ``require_post``)."""
    return holds_post(user, plan_id)


def can_operate(user: User) -> bool:
    return _has(user, OPERATORS)


def can_warn(user: User) -> bool:
    return _has(user, WARNERS)


def require(user: User, roles: tuple[Role, ...], what: str) -> None:
    """PermissionDenied naming the action unless ``user`` holds one of ``roles``."""
    try:
        require_role(user, *roles)
    except PermissionDenied as exc:
        if not user.is_authenticated:
            raise
        raise PermissionDenied(f"无权{what}") from exc


def holds_post(user: User, plan_id: str, allowed: frozenset[Post] = frozenset(Post)) -> bool:
    """``user`` holds one of the ``allowed`` headquarters posts of the plan (DecisionPost)."""
    if not user.is_authenticated:
        return False
    held = DecisionPost.objects.filter(user=user, plan_id=plan_id, post__in=list(allowed))
    return held.exists()


def require_post(user: User, plan_id: str, who: str, what: str) -> None:
    """Forbidden unless ``user`` holds the post the plan names for this decision (``who``)."""
    if not user.is_authenticated:
        raise PermissionDenied("请先登录")
    allowed = posts_deciding(who)
    if not holds_post(user, plan_id, allowed):
        names = "、".join(p.label for p in Post if p in allowed)
        raise Forbidden(f"{what}由{who}决定:须由本预案指挥部的{names}操作")


def _city_wide(user: User) -> bool:
    """Roles that see every incident: the city-wide roles and the duty officers (应急值班)."""
    return user.sees_all_units or user.role == Role.DUTY_OFFICER


def _unit_names(user: User) -> set[str]:
    unit = user.unit
    if unit is None:
        return set()
    names = {unit.name, *unit.aliases.values_list("alias", flat=True)}
    return names | {n.removesuffix("人民政府") for n in names}  # 泽州县人民政府 → 泽州县


def plans_of(names: set[str]) -> list[str]:
    """The plans whose headquarters, working groups or parties to notify name one of ``names``."""
    out = []
    for plan_id in plan_ids():
        playbook = load_playbook(plan_id)
        named = set(playbook.headquarters.members)
        for level in playbook.level_order():
            named |= roster(playbook, level).unit_names()
        if named & names:
            out.append(plan_id)
    return out


def visible_incidents(user: User) -> QuerySet[Incident]:
    """City-wide roles see every incident; a unit sees those it is part of.

    A unit is part of an incident when the plan's headquarters, working groups or parties to
    notify name it, or when the incident happened in its county (事发县).
    """
    if not user.is_authenticated:
        return Incident.objects.none()
    if _city_wide(user):
        return Incident.objects.all()
    names = _unit_names(user)
    if not names:
        return Incident.objects.none()
    return Incident.objects.filter(Q(plan_id__in=plans_of(names)) | Q(county__in=names))


def get_incident(user: User, pk: int, *, for_update: bool = False) -> Incident:
    """The incident ``pk`` if ``user`` may see it (row-locked when asked), else 404."""
    incidents = visible_incidents(user)
    if for_update:
        incidents = incidents.select_for_update()
    found = incidents.select_related("opened_by").filter(pk=pk).first()
    if found is None:
        raise Http404("事件不存在或无权查看")
    return found


def visible_warnings(user: User) -> QuerySet[EarlyWarning]:
    """Warnings of the plans a unit is part of, and of the incidents it sees (city-wide: all)."""
    if not user.is_authenticated:
        return EarlyWarning.objects.none()
    if _city_wide(user):
        return EarlyWarning.objects.all()
    names = _unit_names(user)
    return EarlyWarning.objects.filter(
        Q(plan_id__in=plans_of(names)) | Q(incident__in=visible_incidents(user))
    )


def get_warning(user: User, pk: int, *, for_update: bool = False) -> EarlyWarning:
    warnings = visible_warnings(user)
    if for_update:
        warnings = warnings.select_for_update()
    found = warnings.filter(pk=pk).first()
    if found is None:
        raise Http404("预警不存在或无权查看")
    return found
