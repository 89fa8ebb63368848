"""What every incident action shares: the incident it acts on, its timeline, its clocks.

An :class:`IncidentAction` is fetched through :mod:`luoshi.emergency.access` (404 when the user
may not see the incident), locks the incident row through the platform's action base, checks
the role, and writes one audit entry. Timeline lines (事件时间线) are written here; they are
what the duty officers read, the audit entry is what the auditors read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models

from luoshi.core import clock
from luoshi.core.actions import Action, AuditNote
from luoshi.core.errors import Conflict, Invalid
from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.emergency import access, clocks
from luoshi.emergency.facts import FactsError
from luoshi.emergency.grading import Grading, grade
from luoshi.emergency.models import ChecklistItem, Incident, ReportClock, TimelineEntry
from luoshi.emergency.playbook import Playbook, UnknownPlan, load_playbook

R = TypeVar("R")


def playbook_of(plan_id: str) -> Playbook:
    try:
        return load_playbook(plan_id)
    except UnknownPlan:
        raise Invalid(f"未知预案:{plan_id}") from None


def grade_or_refuse(plan_id: str, facts: Mapping[str, Any]) -> Grading:
    try:
        return grade(plan_id, facts)
    except FactsError as exc:
        raise Invalid(f"事实有误:{exc}") from exc


def log(
    incident: Incident,
    user: User | None,
    kind: str,
    summary: str,
    *,
    ref: str = "",
    data: Any = None,
) -> TimelineEntry:
    """One line of the incident's timeline."""
    return TimelineEntry.objects.create(
        incident=incident,
        at=clock.now(),
        actor=user if user is not None and user.is_authenticated else None,
        kind=kind,
        summary=summary[:500],
        ref=ref[:64],
        data=data,
    )


def clauses_text(grading: Mapping[str, Any]) -> str:
    return ";".join(f"{c['ref']} {c['text']}" for c in grading.get("clauses", []))


def first_ref(grading: Mapping[str, Any]) -> str:
    clauses = grading.get("clauses") or []
    return str(clauses[0]["ref"]) if clauses else ""


class IncidentAction(Action[R]):
    """An action on one incident the actor may see; the incident row is locked first."""

    roles: ClassVar[tuple[Role, ...]] = access.OPERATORS
    what: ClassVar[str]  # 无权{what}
    closed: ClassVar[str] = ""  # refusal once the response has been stood down ("" allows it)

    def __init__(self, actor: User, pk: int) -> None:
        super().__init__(actor)
        self.incident = access.get_incident(actor, pk)
        self.summary = ""
        self.reason = ""
        self.before: Any = None
        self.after: Any = None

    def targets(self) -> Iterable[models.Model]:
        return [self.incident]

    def authorise(self) -> None:
        access.require(self.actor, self.roles, self.what)

    def check(self) -> None:
        self.authorise()
        if self.closed and not self.incident.is_open:
            raise Conflict(self.closed)

    def audit(self, result: R) -> AuditNote:
        return AuditNote(
            self.incident,
            summary=f"{self.incident.number} {self.summary}",
            reason=self.reason,
            before=self.before,
            after=self.after,
        )

    def touch(self, *fields: str) -> None:
        """Save the named fields of the incident and its ``updated_at``."""
        self.incident.updated_at = clock.now()
        self.incident.save(update_fields=[*fields, "updated_at"])


# --- clocks and checklist -------------------------------------------------------------------


def prompt_limit() -> dt.timedelta:
    """How long a 立即 / 及时 report may take before its clock turns red (a setting)."""
    return dt.timedelta(minutes=settings.LUOSHI_PROMPT_REPORT_MINUTES)


def due(within: str, starts_at: dt.datetime | None) -> dt.datetime | None:
    return clocks.due_at(within, starts_at, prompt_limit())


def start_moment(incident: Incident, start: str) -> dt.datetime | None:
    return {
        "event": incident.occurred_at,
        "report_received": incident.reported_at,
        "response_launch": incident.launched_at,
        "response_end": incident.stood_down_at,
    }.get(start)


def ensure_clocks(incident: Incident, reports: Iterable[Mapping[str, Any]], level: str) -> int:
    """Add a clock for every report not yet on the incident (by clause and name)."""
    have = {(c.ref, c.name) for c in incident.clocks.all()}
    seq = len(have)
    added = 0
    for report in reports:
        key = (report["ref"], report["report"])
        if key in have:
            continue
        have.add(key)
        seq += 1
        starts = start_moment(incident, report["from"])
        ReportClock.objects.create(
            incident=incident,
            seq=seq,
            name=report["report"][:100],
            phase=clocks.phase_of(report["within"], report["from"]),
            level=level,
            ref=report["ref"],
            text=report["text"],
            by_whom=report["by"][:200],
            to_whom=report["to"][:200],
            within=report["within"],
            within_text=report["within_text"][:100],
            start=report["from"],
            starts_at=starts,
            due_at=due(report["within"], starts),
        )
        added += 1
    return added


def start_clocks(incident: Incident) -> None:
    """Start the clocks whose start moment the incident now knows (launch, end of response)."""
    for c in incident.clocks.filter(starts_at__isnull=True, filed_at__isnull=True):
        moment = start_moment(incident, c.start)
        if moment is not None:
            c.starts_at = moment
            c.due_at = due(c.within, moment)
            c.save(update_fields=["starts_at", "due_at"])


def add_checklist(incident: Incident, playbook: Playbook, level: str) -> int:
    if level not in playbook.levels:
        return 0
    existing = set(incident.checklist.values_list("ref", "text"))
    seq = incident.checklist.count()
    added = 0
    for measure in playbook.levels[level].measures:
        if (measure.ref, measure.text) in existing:
            continue
        seq += 1
        ChecklistItem.objects.create(
            incident=incident, level=level, seq=seq, ref=measure.ref, text=measure.text
        )
        added += 1
    return added
