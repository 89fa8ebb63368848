"""Access helpers: the only route to unit-scoped data.

A later app fetches restricted rows through :func:`scope_to_unit` so that unit
staff see and change only their own unit's items.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from luoshi.core.models import User
from luoshi.core.roles import Role

M = TypeVar("M", bound=Model)


def scope_to_unit(queryset: QuerySet[M], user: User, *unit_fields: str) -> QuerySet[M]:
    """Rows of ``queryset`` that ``user`` may see.

    City-wide roles see everything. Anyone else sees rows whose unit (any of
    ``unit_fields``, e.g. ``"lead_units"``, ``"co_units"``) is the user's own
    unit; a user without a unit sees nothing.
    """
    if not user.is_authenticated:
        return queryset.none()
    if user.sees_all_units:
        return queryset
    if user.unit_id is None:
        return queryset.none()
    condition = Q()
    for field in unit_fields or ("unit",):
        condition |= Q(**{field: user.unit_id})
    return queryset.filter(condition).distinct()


def require_role(user: User, *roles: Role) -> None:
    """Raise PermissionDenied unless ``user`` holds one of ``roles`` (or is a superuser)."""
    if not user.is_authenticated:
        raise PermissionDenied("请先登录")
    if user.is_superuser or user.role in roles:
        return
    raise PermissionDenied("无权执行此操作")
