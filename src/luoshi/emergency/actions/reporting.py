"""Actions on the items of an open incident: measures (处置措施) and report clocks (报告时限).

Each starts the same way (:class:`ItemAction`): the incident the actor may see, one of its
items, both rows locked, a duty officer's or a decider's role (reports are filed after the response ends, too).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, TypeVar

from django.db import models

from luoshi.core import clock
from luoshi.core.errors import Conflict, NotFound
from luoshi.core.models import User
from luoshi.emergency import clocks
from luoshi.emergency.actions.common import IncidentAction, due, log
from luoshi.emergency.models import ChecklistItem, Incident, ReportClock

Item = TypeVar("Item", ChecklistItem, ReportClock)


class ItemAction(IncidentAction[Item]):
    """An action on one measure or clock of an open incident."""

    related: ClassVar[str]  # the incident's related manager: "checklist" or "clocks"
    foreign: ClassVar[str]  # refusal when the item belongs to another incident

    def __init__(self, actor: User, pk: int, item_id: int) -> None:
        super().__init__(actor, pk)
        found = getattr(self.incident, self.related).filter(pk=item_id).first()
        if found is None:
            raise NotFound(self.foreign)
        self.item: Item = found

    def targets(self) -> Iterable[models.Model]:
        return [self.incident, self.item]


class TickMeasure(ItemAction[ChecklistItem]):
    """落实措施: tick a measure of the checklist as done."""

    name = "emergency.measure_done"
    what = "落实处置措施"
    related = "checklist"
    foreign = "该措施不属于本事件"

    def __init__(self, actor: User, pk: int, item_id: int, note: str = "") -> None:
        super().__init__(actor, pk, item_id)
        self.note = note.strip()[:500]

    def check(self) -> None:
        super().check()
        if self.item.done_at is not None:
            raise Conflict("该措施已落实")

    def execute(self) -> ChecklistItem:
        item = self.item
        item.done_at, item.done_by, item.note = clock.now(), self.actor, self.note
        item.save(update_fields=["done_at", "done_by", "note"])
        self.summary = f"措施已落实:{item.ref} {item.text[:60]}"
        log(self.incident, self.actor, "measure_done", self.summary, ref=item.ref)
        return item


class StartClock(ItemAction[ReportClock]):
    """开始计时: a clock started by an event the system cannot see (电话快报, 上级催报)."""

    name = "emergency.clock_started"
    what = "开始报告计时"
    related = "clocks"
    foreign = "该报告时限不属于本事件"

    def check(self) -> None:
        super().check()
        if self.item.starts_at is not None:
            raise Conflict("该报告时限已在计时")
        if not self.item.manual_start:
            raise Conflict(f"该时限自{self.item.start_label}起算,由系统开始计时")

    def execute(self) -> ReportClock:
        item = self.item
        item.starts_at = clock.now()
        item.due_at = due(item.within, item.starts_at)
        item.save(update_fields=["starts_at", "due_at"])
        self.summary = f"{item.start_label},开始计时:{item.name}"
        log(self.incident, self.actor, "clock_started", self.summary, ref=item.ref)
        return item


class FileReport(ItemAction[ReportClock]):
    """报送: a required report has been sent; a daily report starts its next day."""

    name = "emergency.report_filed"
    what = "登记报告报送"
    related = "clocks"
    foreign = "该报告时限不属于本事件"

    def __init__(self, actor: User, pk: int, item_id: int, note: str = "") -> None:
        super().__init__(actor, pk, item_id)
        self.note = note.strip()[:500]

    def check(self) -> None:
        super().check()
        if self.item.filed_at is not None and self.item.within != "ongoing":
            raise Conflict("该报告已报送")

    def execute(self) -> ReportClock:
        item, now = self.item, clock.now()
        late = item.due_at is not None and now > item.due_at
        if (
            item.within != "ongoing"
        ):  # 随时续报: each filing is a timeline line; the clock stays open
            item.filed_at, item.filed_by, item.note = now, self.actor, self.note
            item.save(update_fields=["filed_at", "filed_by", "note"])
        if item.within == "daily" and item.due_at is not None and self.incident.is_open:
            _next_day(self.incident, item)
        self.summary = (
            f"已报送:{item.name}(报{item.to_whom})"
            + ("——超过时限" if late else "")
            + (f"。{self.note}" if self.note else "")
        )
        data = {"clock": item.pk, "late": late}
        log(self.incident, self.actor, "report_filed", self.summary, ref=item.ref, data=data)
        return item


def _next_day(incident: Incident, done: ReportClock) -> ReportClock:
    """每日报告: the next day's clock starts when the filed one fell due."""
    return ReportClock.objects.create(
        incident=incident,
        seq=incident.clocks.count() + 1,
        name=done.name,
        phase=done.phase,
        level=done.level,
        ref=done.ref,
        text=done.text,
        by_whom=done.by_whom,
        to_whom=done.to_whom,
        within=done.within,
        within_text=done.within_text,
        start=done.start,
        starts_at=done.due_at,
        due_at=clocks.due_at("daily", done.due_at),
    )


def tick_measure(user: User, pk: int, item_id: int, note: str = "") -> ChecklistItem:
    return TickMeasure(user, pk, item_id, note).run()


def start_clock(user: User, pk: int, clock_id: int) -> ReportClock:
    return StartClock(user, pk, clock_id).run()


def file_report(user: User, pk: int, clock_id: int, note: str = "") -> ReportClock:
    return FileReport(user, pk, clock_id, note).run()
