"""Who sees which assets: a village its own, a township its villages, a county its county; the
city-wide roles everything. The only route to asset rows for pages and exports."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from luoshi.assets.models import AreaAssignment, Asset, Village
from luoshi.core.errors import Forbidden
from luoshi.core.models import User


def area_of(user: User) -> AreaAssignment | None:
    if not user.is_authenticated:
        return None
    return AreaAssignment.objects.filter(user=user).select_related("village").first()


def village_scope(user: User) -> Q:
    """The villages ``user`` may see, as a condition on Village."""
    if user.is_authenticated and user.sees_all_units:
        return Q()
    area = area_of(user)
    if area is None:
        raise Forbidden("未分配资产管理区域,请联系管理员")
    if area.village_id:
        return Q(pk=area.village_id)
    condition = Q(county=area.county)
    if area.township:
        condition &= Q(township=area.township)
    return condition


def visible_assets(user: User) -> QuerySet[Asset]:
    scope = village_scope(user)
    if not scope:
        return Asset.objects.all()
    return Asset.objects.filter(village__in=Village.objects.filter(scope))


def visible_villages(user: User) -> QuerySet[Village]:
    return Village.objects.filter(village_scope(user))


def require_area_level(user: User, village: Village, level: str) -> None:
    """Refuse unless ``user`` answers for ``village`` at ``level`` (村 / 乡镇 / 县)."""
    area = area_of(user)
    if area is None or area.county != village.county:
        raise Forbidden(f"只有本{level}的用户可以办理")
    fits = {
        "村": area.village_id == village.pk,
        "乡镇": not area.village_id and area.township == village.township,
        "县": not area.village_id and not area.township,
    }[level]
    if not fits:
        raise Forbidden(f"该环节由{level}级用户办理")
