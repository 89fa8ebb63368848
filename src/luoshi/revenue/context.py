"""Template context: whether the signed-in user has a revenue desk (an enterprise's staff, or a
city leader), asked only when a page's navigation needs it."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from luoshi.core.roles import Role
from luoshi.revenue.models import Enterprise


def revenue_desk(request: HttpRequest) -> dict[str, object]:
    user = request.user
    unit_id = getattr(user, "unit_id", None)
    leader = getattr(user, "role", None) == Role.LEADER or getattr(user, "is_superuser", False)
    return {
        "revenue_desk": SimpleLazyObject(
            lambda: (
                leader
                or (unit_id is not None and Enterprise.objects.filter(unit_id=unit_id).exists())
            )
        )
    }
