"""Notifications: in-app messages, email (Django's mail) and SMS through an adapter.

:func:`notify` writes the in-app rows at once and sends email and SMS after the
transaction commits, so a rolled-back action sends nothing. :func:`send_reminders`
is the daily sweep: reminders before a deadline (到期提醒) and escalation after it
(逾期督办), each sent once per task and deadline.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from luoshi.core import clock
from luoshi.core.calendar import WorkingCalendar
from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.core.sms import text_users
from luoshi.supervision.models import Notification, Task, TaskUnit
from luoshi.supervision.periods import chinese_date

log = logging.getLogger(__name__)

REMIND_WORKING_DAYS = 3  # remind this many working days before a deadline
ESCALATE_TO_LEADERS_AFTER = 5  # working days overdue before leaders are told


def task_url(task_id: int) -> str:
    return reverse("ledger:task", kwargs={"pk": task_id})


def unit_users(unit_ids: Iterable[int]) -> list[User]:
    return list(
        User.objects.filter(
            unit_id__in=list(unit_ids), role__in=(Role.UNIT_STAFF, Role.LIAISON), is_active=True
        )
    )


def supervision_users() -> list[User]:
    return list(User.objects.filter(role=Role.SUPERVISION, is_active=True))


def leader_users() -> list[User]:
    return list(User.objects.filter(role=Role.LEADER, is_active=True))


def notify(
    users: Sequence[User],
    *,
    kind: str,
    title: str,
    body: str = "",
    task: Task | None = None,
    url: str = "",
    key: str = "",
    sms: bool = False,
) -> list[Notification]:
    """Tell ``users``: an in-app row each (skipped when ``key`` was already sent to them),
    then email and, when ``sms``, a text message after commit."""
    created: list[Notification] = []
    now = clock.now()
    for user in {u.pk: u for u in users}.values():
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        recipient=user,
                        task=task,
                        kind=kind,
                        title=title[:255],
                        body=body,
                        url=url[:255],
                        key=key[:128],
                        created_at=now,
                    )  # fmt: skip
                )
        except IntegrityError:  # already told (same key)
            continue
    if created:
        ids = [n.recipient_id for n in created]
        transaction.on_commit(lambda: _deliver(ids, title, body, url, sms))
    return created


def _deliver(user_ids: list[int], title: str, body: str, url: str, sms: bool) -> None:
    users = list(User.objects.filter(pk__in=user_ids))
    emails = [u.email for u in users if u.email]
    text = f"{body}\n\n{url}".strip() if url else body
    for address in emails:
        try:
            send_mail(f"[落实·督查督办] {title}", text or title, None, [address])
        except Exception:  # noqa: BLE001 - a mail failure must not undo the action
            log.exception("mail to %s failed", address)
    if not sms:
        return
    text_users(users, f"【落实】{title}")


@dataclass(frozen=True)
class SweepSummary:
    reminders: int
    escalations: int

    def as_dict(self) -> dict[str, int]:
        return {"reminders": self.reminders, "escalations": self.escalations}


@transaction.atomic
def send_reminders(
    today: dt.date | None = None, calendar: WorkingCalendar | None = None
) -> SweepSummary:
    """Remind lead units of deadlines within ``REMIND_WORKING_DAYS`` working days, and
    escalate overdue tasks to the unit and the supervision office (and to leaders after
    ``ESCALATE_TO_LEADERS_AFTER`` working days). Idempotent per task and deadline."""
    if calendar is None:
        from luoshi.core.holidays import load_calendar

        calendar = load_calendar()
    today = today or clock.today()
    horizon = calendar.add_working_days(today, REMIND_WORKING_DAYS)
    live = Task.objects.filter(state=Task.State.ACTIVE, not_applicable=False)
    reminders = escalations = 0
    office = supervision_users()
    leaders = leader_users()
    for task in live.filter(next_due__gte=today, next_due__lte=horizon).iterator():
        assert task.next_due is not None
        sent = notify(
            unit_users(_lead_unit_ids(task)), kind=Notification.Kind.REMINDER, task=task,
            title=f"{chinese_date(task.next_due)}前需报送《{task.title[:40]}》进展",
            url=task_url(task.pk), key=f"remind:{task.pk}:{task.next_due}", sms=True,
        )  # fmt: skip
        reminders += len(sent)
    for task in live.filter(next_due__lt=today).iterator():
        assert task.next_due is not None
        late = calendar.working_days_between(task.next_due, today)
        title = f"逾期督办: 《{task.title[:40]}》已于{chinese_date(task.next_due)}到期"
        sent = notify(
            unit_users(_lead_unit_ids(task)) + office, kind=Notification.Kind.ESCALATION,
            task=task, title=title, url=task_url(task.pk),
            key=f"escalate:{task.pk}:{task.next_due}", sms=True,
        )  # fmt: skip
        escalations += len(sent)
        if late >= ESCALATE_TO_LEADERS_AFTER:
            sent = notify(
                leaders, kind=Notification.Kind.ESCALATION, task=task,
                title=f"{title}(逾期{late}个工作日)", url=task_url(task.pk),
                key=f"escalate-leader:{task.pk}:{task.next_due}",
            )  # fmt: skip
            escalations += len(sent)
    return SweepSummary(reminders, escalations)


def _lead_unit_ids(task: Task) -> list[int]:
    return list(
        TaskUnit.objects.filter(task=task, role=TaskUnit.Role.LEAD).values_list(
            "unit_id", flat=True
        )
    )


def mark_read(user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all when ``ids`` is None)."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=clock.now())
