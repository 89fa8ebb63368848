"""Generating and storing the monthly supervision bulletin (督查通报).

:func:`bulletin_facts` reads the whole city's ledger and cards as of the clock's now; the
pure :func:`luoshi.cockpit.bulletin.compose` writes the content; :mod:`bulletin_docx`
renders it. The worker calls :func:`generate_monthly` (idempotent: one scheduled bulletin per
month); leaders and the office call :func:`generate_on_demand` from the cockpit.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from luoshi.cockpit import bulletin_docx
from luoshi.cockpit.bulletin import BulletinFacts, LateTask, OverdueCard, compose
from luoshi.cockpit.models import Bulletin
from luoshi.core import audit, clock
from luoshi.core.models import User
from luoshi.express import workflow as wf
from luoshi.express.models import Card
from luoshi.express.services import overdue_cards
from luoshi.gazette.models import Issue
from luoshi.supervision.models import Task, TaskUnit
from luoshi.supervision.queries import Moment, load_working_calendar, status_counts, status_filter
from luoshi.supervision.status import Status

OFFICE = "人民政府督查室"


def bulletin_facts(year: int, month: int) -> BulletinFacts:
    """The city's ledger and cards as of now, for the bulletin of ``year``-``month``."""
    now = clock.now().astimezone(clock.local_zone())
    moment = Moment.now()
    counts = status_counts(Task.objects.all(), moment)
    shown = [Status.DONE, Status.ON_TRACK, Status.AT_RISK, Status.OVERDUE, Status.NOT_STARTED]
    cards = Card.objects.all()
    first = dt.datetime(year, month, 1, tzinfo=clock.local_zone())
    after = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=clock.local_zone())
    return BulletinFacts(
        year=year,
        month=month,
        as_of=now.date(),
        issuer=_city() + OFFICE,
        task_counts=[(s.label, counts[s]) for s in shown],
        late_tasks=_late_tasks(moment),
        open_cards=cards.filter(is_open=True).count(),
        closed_cards_in_month=cards.filter(
            state=wf.State.CLOSED.value, closed_at__gte=first, closed_at__lt=min(after, now)
        ).count(),
        overdue_cards=[_overdue_card(c, now) for c in _overdue(now)],
    )


def _city() -> str:
    """The city of the newest ingested issue (晋城市), or 市 when the library is empty."""
    city = Issue.objects.order_by("-pk").values_list("city", flat=True).first()
    return city or "市"


def _late_tasks(moment: Moment) -> list[LateTask]:
    calendar = load_working_calendar()
    tasks = Task.objects.filter(status_filter(Status.OVERDUE, moment)).select_related("document")
    units: dict[int, list[str]] = {}
    lead = TaskUnit.objects.filter(role=TaskUnit.Role.LEAD, task__in=tasks).order_by("pk")
    for task_id, name in lead.values_list("task_id", "unit__name"):
        units.setdefault(task_id, []).append(name)
    late = []
    for task in tasks.order_by("next_due", "pk"):
        assert task.next_due is not None
        late.append(
            LateTask(
                title=task.title,
                document=task.document.number or "" if task.document else "",
                due=task.next_due,
                working_days_late=calendar.working_days_between(task.next_due, moment.today),
                lead_units=tuple(units.get(task.pk, ())),
            )
        )
    return late


def _overdue(now: dt.datetime) -> QuerySet[Card]:
    return overdue_cards(now).select_related("responsible_unit")


def _overdue_card(card: Card, now: dt.datetime) -> OverdueCard:
    late = now - card.step_due_at if card.step_due_at else dt.timedelta()
    return OverdueCard(
        number=card.number,
        project=card.project_name,
        step=card.get_state_display(),
        unit=card.responsible_unit.name if card.responsible_unit else "",
        hours_late=int(late.total_seconds() // 3600),
    )


def _store(kind: str, year: int, month: int, user: User | None) -> Bulletin:
    facts = bulletin_facts(year, month)
    content = compose(facts)
    row = Bulletin.objects.create(
        year=year,
        month=month,
        kind=kind,
        title=content.title,
        as_of=clock.now(),
        created_at=clock.now(),
        created_by=user,
        late_units=len(content.late_units),
        late_tasks=len(facts.late_tasks),
        overdue_cards=len(facts.overdue_cards),
        content=bulletin_docx.render(content, facts.as_of),
    )
    audit.record(
        "cockpit.bulletin_generated",
        row,
        actor=user,
        summary=f"生成{row.get_kind_display()}通报: {row.title}",
    )
    return row


def previous_month(day: dt.date) -> tuple[int, int]:
    first = day.replace(day=1) - dt.timedelta(days=1)
    return first.year, first.month


def generate_monthly() -> Bulletin | None:
    """The scheduled bulletin of the month before today, once (None when it exists already)."""
    year, month = previous_month(clock.today())
    if Bulletin.objects.filter(kind=Bulletin.Kind.SCHEDULED, year=year, month=month).exists():
        return None
    try:
        with transaction.atomic():
            return _store(Bulletin.Kind.SCHEDULED, year, month, None)
    except IntegrityError:  # another worker stored it meanwhile
        return None


def may_generate(user: User) -> bool:
    return bool(user.is_authenticated and user.sees_all_units)


@transaction.atomic
def generate_on_demand(user: User) -> Bulletin:
    """A bulletin of the current month to date, generated now by ``user``."""
    if not may_generate(user):
        raise PermissionDenied("只有市领导和督查室可以生成督查通报")
    today = clock.today()
    return _store(Bulletin.Kind.ON_DEMAND, today.year, today.month, user)


def visible_bulletins(user: User) -> QuerySet[Bulletin]:
    """City-wide roles see every bulletin; others none (a bulletin names every late unit)."""
    if not may_generate(user):
        return Bulletin.objects.none()
    return Bulletin.objects.defer("content")
