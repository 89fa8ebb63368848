"""The holiday table (节假日调整) in the database, and the calendar built from it.

The table is seeded from the State Council's arrangements shipped in
``chinese-calendar`` (:func:`seed_holidays`) so that admins can see and edit
it. When deadlines are counted, the package supplies each announced year and
the rows an admin entered or edited win over it (:func:`load_calendar`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from luoshi.core import audit
from luoshi.core.calendar import ChineseCalendarSource, HolidaySource, Override, WorkingCalendar
from luoshi.core.models import HolidayOverride, User


def admin_overrides() -> list[Override]:
    """The days an admin has ruled on (they win over the package)."""
    rows = HolidayOverride.objects.filter(origin=HolidayOverride.Origin.ADMIN)
    return [Override(r.day, r.is_working_day, r.note) for r in rows]


def load_calendar(source: HolidaySource | None = None) -> WorkingCalendar:
    """The working calendar in force: the package's arrangements plus admin overrides."""
    return WorkingCalendar(source, admin_overrides())


def seed_holidays(years: Iterable[int] | None = None) -> int:
    """Copy the package's arrangements into the table; returns the number of rows added.

    Days already in the table (seeded before or entered by an admin) are left
    as they are, so seeding is idempotent.
    """
    source = ChineseCalendarSource()
    wanted = source.announced_years() if years is None else tuple(years)
    rows: list[HolidayOverride] = []
    for year in wanted:
        arrangement = source.arrangement(year)
        if arrangement is None:
            continue
        for day in sorted(arrangement.days_off | arrangement.working_weekends):
            rows.append(
                HolidayOverride(
                    day=day,
                    is_working_day=day in arrangement.working_weekends,
                    note=arrangement.names.get(day, ""),
                    origin=HolidayOverride.Origin.PACKAGE,
                )
            )
    with transaction.atomic():
        existing = set(
            HolidayOverride.objects.filter(day__in=[r.day for r in rows]).values_list(
                "day", flat=True
            )
        )
        missing = [r for r in rows if r.day not in existing]
        HolidayOverride.objects.bulk_create(missing, batch_size=500)
    return len(missing)


@transaction.atomic
def set_override(
    day: dt.date,
    is_working_day: bool,
    note: str = "",
    *,
    actor: User | None = None,
    reason: str = "",
) -> HolidayOverride:
    """Rule on one day as an admin (设置节假日调整), recording who and why."""
    row = HolidayOverride.objects.select_for_update().filter(day=day).first()
    before = snapshot(row) if row is not None else None
    if row is None:
        row = HolidayOverride(day=day)
    row.is_working_day = is_working_day
    row.note = note
    row.origin = HolidayOverride.Origin.ADMIN
    row.save()
    record_change(row, before, actor=actor, reason=reason)
    return row


def record_change(
    row: HolidayOverride,
    before: dict[str, object] | None,
    *,
    actor: User | None = None,
    reason: str = "",
) -> None:
    """Write the audit entry for a change to one day of the table."""
    audit.record(
        "holiday_override.set",
        row,
        actor=actor,
        summary=str(row),
        reason=reason,
        before=before,
        after=snapshot(row),
    )


def snapshot(row: HolidayOverride) -> dict[str, object]:
    return {
        "day": row.day.isoformat(),
        "is_working_day": row.is_working_day,
        "note": row.note,
        "origin": row.origin,
    }
