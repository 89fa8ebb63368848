"""Who may see and do what with incidents and warnings: the only route to these rows.

Emergency information is city-wide: every logged-in user may read incidents and
warnings (the units on a roster must know their duties). Acting is by role:

- 应急值班 duty officers and admins open incidents (``open_incident``);
- the deciders the plans name (总指挥/副总指挥, 市指挥部, 上级人民政府) are leaders:
  leaders and admins launch, change and stand down a response;
- duty officers, leaders and admins run an open incident (facts, checklist, reports)
  and issue, adjust and lift warnings.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from luoshi.core.models import User
from luoshi.core.permissions import require_role
from luoshi.core.roles import Role
from luoshi.emergency.models import EarlyWarning, Incident

OPENERS = (Role.DUTY_OFFICER, Role.ADMIN)
DECIDERS = (Role.LEADER, Role.ADMIN)
OPERATORS = (Role.DUTY_OFFICER, Role.LEADER, Role.ADMIN)
WARNERS = (Role.DUTY_OFFICER, Role.LEADER, Role.ADMIN)


def _has(user: User, roles: tuple[Role, ...]) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in roles))


def can_open(user: User) -> bool:
    return _has(user, OPENERS)


def can_decide(user: User) -> bool:
    return _has(user, DECIDERS)


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
