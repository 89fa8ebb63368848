"""The published playbook of each plan (已发布的预案规则): what grading uses.

Installed as the playbook source when the app is ready (``apps.py``), so that
``playbook.load_playbook`` and ``playbook.plan_ids`` answer from the published versions.
A bundled plan without a published row (a database emptied after the seeding migration
ran, e.g. by a test's flush) answers with its bundled file, which is what its version 1 holds.
"""

from __future__ import annotations

from django.db import DatabaseError

from luoshi.emergency.playbook import (
    Playbook,
    bundled_plan_ids,
    load_bundled,
    playbook_from_data,
)
from luoshi.emergency.playbook_versions import PlaybookVersion

#: Parsed playbooks by (row id, publication time): a row id alone may be reused after a flush.
_PARSED: dict[tuple[int, object], Playbook] = {}


def _published(plan_id: str) -> Playbook | None:
    key = (
        PlaybookVersion.objects.filter(plan_id=plan_id, state=PlaybookVersion.State.PUBLISHED)
        .values_list("pk", "published_at")
        .first()
    )
    if key is None:
        return None
    if key not in _PARSED:
        data = PlaybookVersion.objects.values_list("playbook", flat=True).get(pk=key[0])
        _PARSED[key] = playbook_from_data(data, where=f"{plan_id} v{key[0]}")
    return _PARSED[key]


class PublishedPlaybooks:
    """``playbook.PlaybookSource`` over the ``PlaybookVersion`` table."""

    def plan_ids(self) -> tuple[str, ...]:
        try:
            published = set(
                PlaybookVersion.objects.filter(state=PlaybookVersion.State.PUBLISHED).values_list(
                    "plan_id", flat=True
                )
            )
        except DatabaseError:  # no schema yet (a command before migrate)
            published = set()
        return tuple(sorted(published | set(bundled_plan_ids())))

    def playbook(self, plan_id: str) -> Playbook | None:
        try:
            found = _published(plan_id)
        except DatabaseError:
            found = None
        if found is None and plan_id in bundled_plan_ids():
            return load_bundled(plan_id)
        return found
