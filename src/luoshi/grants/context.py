"""Template context: whether the signed-in user's unit takes part in the grant programme, asked
only when a page's navigation needs it."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from luoshi.grants.models import GrantOffice


def grants_office(request: HttpRequest) -> dict[str, object]:
    user = request.user
    unit_id = getattr(user, "unit_id", None)
    return {
        "grants_office": SimpleLazyObject(
            lambda: unit_id is not None and GrantOffice.objects.filter(unit_id=unit_id).exists()
        )
    }
