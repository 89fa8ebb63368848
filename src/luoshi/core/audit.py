"""Write audit entries. Every state change in a service calls :func:`record`."""

from __future__ import annotations

from typing import Any

from django.db import models

from luoshi.core import clock
from luoshi.core.models import AuditEntry, User


def record(
    action: str,
    obj: models.Model | None = None,
    *,
    actor: User | None = None,
    summary: str = "",
    reason: str = "",
    before: Any = None,
    after: Any = None,
    object_type: str = "",
    object_id: str = "",
) -> AuditEntry:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditEntry.objects.create(
        created_at=clock.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary[:255],
        reason=reason,
        before=before,
        after=after,
    )
