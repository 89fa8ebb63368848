"""Revenue deadlines through the ledger's reminders: an enterprise is reminded before its
declaration or payment falls due, and told, with the 市国投公司, once it is late (the worker runs
this daily; each reminder is sent once per declaration and deadline)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from luoshi.core import clock
from luoshi.core.calendar import WorkingCalendar
from luoshi.core.documents import chinese_date
from luoshi.core.models import User
from luoshi.revenue.models import Declaration, Enterprise
from luoshi.supervision.models import Notification
from luoshi.supervision.notifications import REMIND_WORKING_DAYS, notify

State = Declaration.State
DECLARING = (State.REQUESTED, State.RETURNED)


@dataclass(frozen=True)
class RevenueSweep:
    reminders: int
    escalations: int


def _staff(enterprise_ids: set[int]) -> dict[int, list[User]]:
    units = dict(Enterprise.objects.filter(pk__in=enterprise_ids).values_list("pk", "unit_id"))
    users: dict[int, list[User]] = {pk: [] for pk in enterprise_ids}
    for user in User.objects.filter(unit_id__in=units.values(), is_active=True):
        for pk, unit_id in units.items():
            if unit_id == user.unit_id:
                users[pk].append(user)
    return users


def send_revenue_reminders(
    today: dt.date | None = None, calendar: WorkingCalendar | None = None
) -> RevenueSweep:
    if calendar is None:
        from luoshi.core.holidays import load_calendar

        calendar = load_calendar()
    today = today or clock.today()
    horizon = calendar.add_working_days(today, REMIND_WORKING_DAYS)
    open_items = list(
        Declaration.objects.filter(state__in=[*DECLARING, State.NOTIFIED]).select_related(
            "enterprise__unit"
        )
    )
    staff = _staff({d.enterprise_id for d in open_items})
    collectors = list(User.objects.filter(unit__enterprise__is_collector=True, is_active=True))
    reminders = escalations = 0
    for d in open_items:
        due, what = (d.pay_by, "上交") if d.state == State.NOTIFIED else (d.declare_by, "申报")
        if due is None or due > horizon:
            continue
        url = reverse("revenue:detail", args=[d.pk])
        if due >= today:
            sent = notify(
                staff[d.enterprise_id], kind=Notification.Kind.REMINDER,
                title=f"{chinese_date(due)}前需{what}{d}", url=url,
                key=f"revenue-remind:{d.pk}:{what}:{due}", sms=True,
            )  # fmt: skip
            reminders += len(sent)
        else:
            sent = notify(
                staff[d.enterprise_id] + collectors, kind=Notification.Kind.ESCALATION,
                title=f"逾期未{what}: {d}已于{chinese_date(due)}到期", url=url,
                key=f"revenue-late:{d.pk}:{what}:{due}", sms=True,
            )  # fmt: skip
            escalations += len(sent)
    return RevenueSweep(reminders, escalations)
