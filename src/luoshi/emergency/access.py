"""Who may see and do what with incidents and warnings: the only route to these rows.

Emergency information is city-wide: every logged-in user may read incidents and
warnings (the units on a roster must know their duties). Acting is by role:

- 应急值班 duty officers and admins open incidents (``open_incident``);
- the deciders the plans name (总指挥, 副总指挥, the headquarters office) launch, change and
  stand down a response: users are mapped to those posts per plan (``DecisionPost``) and a
  decision from anyone else is refused (:mod:`luoshi.emergency.posts`);
- duty officers, leaders and admins run an open incident (facts, checklist, reports)
  and issue, adjust and lift warnings.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from luoshi.core.errors import Forbidden
from luoshi.core.models import User
from luoshi.core.permissions import require_role
from luoshi.core.roles import Role
from luoshi.emergency.models import DecisionPost, EarlyWarning, Incident
from luoshi.emergency.posts import Post, posts_deciding

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


def visible_incidents(user: User) -> QuerySet[Incident]:
    if not user.is_authenticated:
        return Incident.objects.none()
    return Incident.objects.all()


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
    if not user.is_authenticated:
        return EarlyWarning.objects.none()
    return EarlyWarning.objects.all()


def get_warning(user: User, pk: int, *, for_update: bool = False) -> EarlyWarning:
    warnings = visible_warnings(user)
    if for_update:
        warnings = warnings.select_for_update()
    found = warnings.filter(pk=pk).first()
    if found is None:
        raise Http404("预警不存在或无权查看")
    return found
