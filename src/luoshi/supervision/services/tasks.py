"""Actions on tasks: storing what extraction found, the supervision office's review
(confirm, edit, split, merge, mark not applicable) and the reporting periods."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from luoshi.core import audit, clock
from luoshi.core.actions import lock
from luoshi.core.errors import Conflict, DomainError, Invalid
from luoshi.core.models import User
from luoshi.directory.models import Unit, UnresolvedName
from luoshi.directory.services import DirectoryLookup
from luoshi.gazette.models import Document, Issue
from luoshi.supervision import periods as planning
from luoshi.supervision.extraction import extract_tasks
from luoshi.supervision.extraction.model import ExtractedTask
from luoshi.supervision.models import ReportingPeriod, Task, TaskLeader, TaskUnit
from luoshi.supervision.services.common import (
    leader_rows,
    refresh_task,
    require_reviewer,
    sync_leaders,
    task_snapshot,
)

EDITABLE_FIELDS = (
    "title", "text", "province_task", "responsible_leaders", "leaders_in_charge",
    "due", "due_text", "ongoing",
)  # fmt: skip


# -- from extraction ------------------------------------------------------------------------


def store_extracted_tasks(issue: Issue, parsed: Any) -> int:
    """Store the tasks extraction finds in a freshly ingested issue; returns how many.

    Runs inside the ingest transaction, with bulk inserts (an issue holds hundreds of
    tasks). Tasks start as ``pending`` (待审核) for the supervision office; each keeps
    its extracted values in ``original``.
    """
    documents = {d.seq: d for d in Document.objects.filter(issue=issue)}
    resolver = UnitNames(city=getattr(parsed, "city", ""))
    now = clock.now()
    rows: list[tuple[Task, ExtractedTask]] = []
    for item in extract_tasks(parsed):
        document = documents.get(item.document_seq)
        if document is not None:
            rows.append((_task_row(item, document, resolver, now, Task.State.PENDING), item))
    Task.objects.bulk_create([task for task, _ in rows])
    TaskUnit.objects.bulk_create(
        [link for task, item in rows for link in _unit_links(task, item, resolver)]
    )
    TaskLeader.objects.bulk_create([row for task, _ in rows for row in leader_rows(task)])
    if rows:
        audit.record(
            "supervision.tasks_extracted", issue, summary=f"抽取督办事项 {len(rows)} 项(待审核)",
            after={"tasks": len(rows)},
        )  # fmt: skip
    return len(rows)


def create_task(
    item: ExtractedTask,
    *,
    document: Document | None,
    resolver: UnitNames | None = None,
    state: str = Task.State.PENDING,
) -> Task:
    """One task row (and its unit assignments) from an extracted task."""
    resolver = resolver or UnitNames()
    task = _task_row(item, document, resolver, clock.now(), state)
    task.save()
    TaskUnit.objects.bulk_create(_unit_links(task, item, resolver))
    sync_leaders(task)
    return task


def _task_row(
    item: ExtractedTask,
    document: Document | None,
    resolver: UnitNames,
    now: dt.datetime,
    state: str,
) -> Task:
    """An unsaved task row for an extracted task, with the names no unit answers to."""
    context = f"{item.document} {item.ref}"
    co_names = _co_names(item)
    unresolved = {
        "lead": [n for n in item.lead_units if resolver.unit(n, context) is None],
        "co": [n for n in co_names if resolver.unit(n, context) is None],
    }
    return Task(
        document=document,
        ref=item.ref[:128],
        no=(item.no or "")[:32],
        title=(item.title or item.text)[:255],
        text=item.text,
        province_task=item.province_task,
        category=item.category[:128],
        lead_unit_names=list(item.lead_units),
        co_unit_names=list(item.co_units),
        responsible_leaders=list(item.responsible_leaders),
        leaders_in_charge=list(item.leaders_in_charge),
        sections=list(item.sections),
        persons=list(item.persons),
        due=item.due,
        due_text=item.due_text[:128],
        ongoing=item.ongoing,
        recurring=item.recurring[:64],
        due_event=dataclasses.asdict(item.due_event) if item.due_event else {},
        not_applicable=item.not_applicable,
        funds=item.funds[:255],
        targets=[dataclasses.asdict(t) for t in item.targets],
        flags=list(item.flags),
        original=extracted_values(item),
        unresolved_units=unresolved if unresolved["lead"] or unresolved["co"] else {},
        state=state,
        created_at=now,
        updated_at=now,
    )


def _co_names(item: ExtractedTask) -> list[str]:
    # units that carry the work out locally (负责落实) report like co-operating units
    return [*item.co_units, *item.implementing_units]


def _unit_links(task: Task, item: ExtractedTask, resolver: UnitNames) -> list[TaskUnit]:
    lead = resolver.units(item.lead_units)
    co = [u for u in resolver.units(_co_names(item)) if u not in lead]
    return [TaskUnit(task=task, unit=u, role=TaskUnit.Role.LEAD) for u in lead] + [
        TaskUnit(task=task, unit=u, role=TaskUnit.Role.CO) for u in co
    ]


def extracted_values(item: ExtractedTask) -> dict[str, Any]:
    """The extracted task as JSON (kept verbatim on the row as ``original``)."""
    data = dataclasses.asdict(item)
    data["due"] = item.due.isoformat() if item.due else None
    return data


class UnitNames:
    """Resolves printed unit names to canonical units; queues the unknown for an admin."""

    def __init__(self, city: str = "") -> None:
        self.city = city
        self._lookup: Any = None
        self._cache: dict[str, Unit | None] = {}

    def units(self, names: Iterable[str], context: str = "") -> list[Unit]:
        found: list[Unit] = []
        for name in names:
            unit = self.unit(name, context)
            if unit is not None and unit not in found:
                found.append(unit)
        return found

    def unit(self, name: str, context: str = "") -> Unit | None:
        name = _bare(name)
        if not name:
            return None
        if name not in self._cache:
            self._cache[name] = self._resolve(name)
            if self._cache[name] is None:
                UnresolvedName.objects.get_or_create(
                    kind=UnresolvedName.Kind.UNIT, raw_name=name[:128],
                    defaults={"context": context[:255]},
                )  # fmt: skip
        return self._cache[name]

    def _resolve(self, name: str) -> Unit | None:
        if self._lookup is None:
            self._lookup = DirectoryLookup.load(self.city)
        return self._lookup.unit(name)


def _assign(task: Task, lead: Sequence[Unit], co: Sequence[Unit]) -> None:
    TaskUnit.objects.filter(task=task).delete()
    TaskUnit.objects.bulk_create(
        [TaskUnit(task=task, unit=u, role=TaskUnit.Role.LEAD) for u in lead]
        + [TaskUnit(task=task, unit=u, role=TaskUnit.Role.CO) for u in co if u not in lead]
    )


def assign_mapped_unit(raw_name: str, unit: Unit, *, actor: User | None = None) -> int:
    """Assign ``unit`` to the stored tasks that printed ``raw_name`` for a unit nobody knew,
    in the role it was printed in, once an admin maps the name; returns how many changed.

    The printed name leaves ``unresolved_units`` (``lead_unit_names`` keeps it as printed).
    """
    changed = 0
    for task in Task.objects.exclude(unresolved_units={}).select_for_update().order_by("pk"):
        before = task.unresolved_units
        roles = [r for r in ("lead", "co") if raw_name in map(_bare, before.get(r, []))]
        if not roles:
            continue
        role = TaskUnit.Role.LEAD if "lead" in roles else TaskUnit.Role.CO
        link, created = TaskUnit.objects.get_or_create(
            task=task, unit=unit, defaults={"role": role}
        )
        if not created and role == TaskUnit.Role.LEAD and link.role != role:
            link.role = role  # printed as lead once: lead, though also printed as co-operating
            link.save(update_fields=["role"])
        left = {r: [n for n in before.get(r, []) if _bare(n) != raw_name] for r in ("lead", "co")}
        task.unresolved_units = left if left["lead"] or left["co"] else {}
        task.updated_at = clock.now()
        task.save(update_fields=["unresolved_units", "updated_at"])
        audit.record(
            "supervision.unit_mapped", task, actor=actor, summary=f"{raw_name} → {unit.name}",
            before={"unresolved_units": before},
            after={"unresolved_units": task.unresolved_units, "unit": unit.pk, "role": role},
        )  # fmt: skip
        changed += 1
    return changed


def _bare(name: str) -> str:
    return "".join(name.split())


# -- the supervision office's review ----------------------------------------------------------


@transaction.atomic
def confirm_task(user: User, task: Task, *, reason: str = "") -> Task:
    """Confirm an extracted task (确认下达): it goes live and gets its reporting periods."""
    require_reviewer(user)
    task = _locked(task)
    if task.state != Task.State.PENDING:
        raise Conflict("只有待审核的事项可以确认")
    if not task.not_applicable and not task.assignments.filter(role=TaskUnit.Role.LEAD).exists():
        raise Conflict("请先指定牵头单位再确认")
    before = task_snapshot(task)
    task.state = Task.State.ACTIVE
    task.updated_at = clock.now()
    task.save(update_fields=["state", "updated_at"])
    if not task.not_applicable and not task.periods.exists():
        _plan(task)
    refresh_task(task)
    audit.record(
        "supervision.task_confirmed", task, actor=user, summary=f"确认下达: {task}",
        reason=reason, before=before, after=task_snapshot(task),
    )  # fmt: skip
    return task


@transaction.atomic
def confirm_tasks(user: User, tasks: Iterable[Task]) -> tuple[list[Task], list[tuple[Task, str]]]:
    """Confirm several extracted tasks at once (批量确认下达).

    Each task that cannot be confirmed (no lead unit, no longer pending) is returned with the
    reason and left as it was; the others are confirmed in one transaction.
    """
    require_reviewer(user)
    confirmed: list[Task] = []
    refused: list[tuple[Task, str]] = []
    for task in tasks:
        try:
            confirmed.append(confirm_task(user, task))
        except DomainError as exc:
            refused.append((task, exc.message))
    return confirmed, refused


@transaction.atomic
def edit_task(
    user: User,
    task: Task,
    *,
    changes: dict[str, Any],
    lead_units: Sequence[Unit] | None = None,
    co_units: Sequence[Unit] | None = None,
    reason: str = "",
) -> Task:
    """Correct a task (修改): the extracted values stay in ``original``; the audit keeps both."""
    require_reviewer(user)
    task = _locked(task)
    if task.state in (Task.State.CLOSED, Task.State.RETIRED):
        raise Conflict("已销号或已拆分合并的事项不能修改")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise Invalid(f"不能修改的字段: {'、'.join(sorted(unknown))}")
    before = task_snapshot(task)
    for name, value in changes.items():
        setattr(task, name, value)
    if task.ongoing:
        task.due = None
    task.title = task.title[:255]
    task.updated_at = clock.now()
    task.save()
    sync_leaders(task)
    if lead_units is not None or co_units is not None:
        lead = list(lead_units) if lead_units is not None else task.lead_units()
        co = list(co_units) if co_units is not None else task.co_units()
        _assign(task, lead, co)
    refresh_task(task)
    after = task_snapshot(task)
    if after == before:
        return task
    audit.record(
        "supervision.task_edited", task, actor=user, summary=f"修改事项: {task}",
        reason=reason, before=before, after=after,
    )  # fmt: skip
    return task


@dataclasses.dataclass
class Part:
    """One task a split produces."""

    title: str
    text: str
    lead_units: Sequence[Unit] = ()
    co_units: Sequence[Unit] = ()


@transaction.atomic
def split_task(user: User, task: Task, parts: Sequence[Part], *, reason: str = "") -> list[Task]:
    """Split a task into several (拆分); the original row is retired and kept."""
    require_reviewer(user)
    task = _locked(task)
    if task.state != Task.State.PENDING:
        raise Conflict("只有待审核的事项可以拆分")
    if len(parts) < 2:
        raise Invalid("拆分至少需要两项")
    before = task_snapshot(task)
    children: list[Task] = []
    now = clock.now()
    for i, part in enumerate(parts, start=1):
        if not part.text.strip():
            raise Invalid(f"第{i}项的任务内容为空")
        child = Task.objects.create(
            document=task.document, ref=f"{task.ref} 拆分{i}"[:128], no=task.no,
            title=(part.title or part.text)[:255], text=part.text,
            province_task=task.province_task, category=task.category,
            lead_unit_names=task.lead_unit_names, co_unit_names=task.co_unit_names,
            responsible_leaders=task.responsible_leaders, leaders_in_charge=task.leaders_in_charge,
            sections=task.sections, persons=task.persons,
            due=task.due, due_text=task.due_text, ongoing=task.ongoing, recurring=task.recurring,
            funds=task.funds, targets=task.targets, flags=task.flags, original=task.original,
            reporting_rule=task.reporting_rule, parent=task, created_at=now, updated_at=now,
        )  # fmt: skip
        lead = list(part.lead_units) or task.lead_units()
        co = list(part.co_units) if part.co_units else task.co_units()
        _assign(child, lead, [u for u in co if u not in lead])
        sync_leaders(child)
        children.append(child)
    task.state = Task.State.RETIRED
    task.updated_at = now
    task.save(update_fields=["state", "updated_at"])
    audit.record(
        "supervision.task_split", task, actor=user, summary=f"拆分为 {len(children)} 项: {task}",
        reason=reason, before=before, after={"children": [c.pk for c in children]},
    )  # fmt: skip
    return children


@transaction.atomic
def merge_tasks(
    user: User, tasks: Sequence[Task], *, title: str = "", text: str = "", reason: str = ""
) -> Task:
    """Merge tasks into the first of them (合并); the others are retired and kept."""
    require_reviewer(user)
    if len({t.pk for t in tasks}) < 2:
        raise Invalid("合并至少需要两项")
    # re-read under row locks taken in primary-key order, whatever the caller's order, so two
    # merges of overlapping tasks cannot deadlock; the first task given stays the keeper
    locked = list({t.pk: t for t in tasks}.values())
    lock(locked)
    if any(t.state != Task.State.PENDING for t in locked):
        raise Conflict("只有待审核的事项可以合并")
    if len({t.document_id for t in locked}) > 1:
        raise Invalid("只能合并同一文件中的事项")
    keeper, others = locked[0], locked[1:]
    before = task_snapshot(keeper)
    lead = keeper.lead_units()
    co = keeper.co_units()
    for other in others:
        lead += [u for u in other.lead_units() if u not in lead]
        co += [u for u in other.co_units() if u not in co]
    keeper.title = (title or keeper.title)[:255]
    keeper.text = text or "\n".join(t.text for t in locked)
    keeper.updated_at = clock.now()
    keeper.save(update_fields=["title", "text", "updated_at"])
    _assign(keeper, lead, [u for u in co if u not in lead])
    for other in others:
        other.state = Task.State.RETIRED
        other.merged_into = keeper
        other.updated_at = keeper.updated_at
        other.save(update_fields=["state", "merged_into", "updated_at"])
    audit.record(
        "supervision.task_merged", keeper, actor=user,
        summary=f"合并 {len(locked)} 项为: {keeper}", reason=reason, before=before,
        after=task_snapshot(keeper) | {"merged": [o.pk for o in others]},
    )  # fmt: skip
    return keeper


@transaction.atomic
def mark_not_applicable(user: User, task: Task, *, reason: str) -> Task:
    """Mark a task as not applicable to this city (不涉及); it stays in the ledger as such."""
    require_reviewer(user)
    if not reason.strip():
        raise Invalid("请填写不涉及的理由")
    task = _locked(task)
    if task.state in (Task.State.CLOSED, Task.State.RETIRED):
        raise Conflict("已销号或已拆分合并的事项不能修改")
    before = task_snapshot(task)
    task.not_applicable = True
    task.state = Task.State.ACTIVE
    task.updated_at = clock.now()
    task.save(update_fields=["not_applicable", "state", "updated_at"])
    refresh_task(task)
    audit.record(
        "supervision.task_not_applicable", task, actor=user, summary=f"标记不涉及: {task}",
        reason=reason, before=before, after=task_snapshot(task),
    )  # fmt: skip
    return task


# -- reporting periods ------------------------------------------------------------------------


def _plan(task: Task) -> list[ReportingPeriod]:
    document = task.document
    rule = planning.detect_rule(document.body_text) if document is not None else None
    start = (document.signed_on if document and document.signed_on else None) or clock.today()
    specs = planning.plan_periods(rule, start=start, due=task.due, ongoing=task.ongoing)
    task.reporting_rule = (rule.describe() if rule else _default_rule(task))[:255]
    task.save(update_fields=["reporting_rule"])
    return ReportingPeriod.objects.bulk_create(
        [
            ReportingPeriod(task=task, seq=s.seq, label=s.label, starts=s.starts, due=s.due)
            for s in specs
        ]
    )


def _default_rule(task: Task) -> str:
    if task.due is None or task.ongoing:
        return "文件未规定报送周期:按季末报送"
    return "文件未规定报送周期:按完成时限报送"


@transaction.atomic
def replan_periods(user: User, task: Task, *, reason: str = "") -> list[ReportingPeriod]:
    """Regenerate the periods from the document's rule (only while nothing has been reported)."""
    require_reviewer(user)
    task = _locked(task)
    if task.reports.exists():
        raise Conflict("已有报告的事项不能重新生成报送周期,请逐项修改")
    before = _periods_snapshot(task)
    task.periods.all().delete()
    created = _plan(task)
    refresh_task(task)
    audit.record(
        "supervision.periods_planned", task, actor=user, summary=f"生成报送周期 {len(created)} 期",
        reason=reason, before=before, after=_periods_snapshot(task),
    )  # fmt: skip
    return created


@transaction.atomic
def save_period(
    user: User,
    task: Task,
    *,
    label: str,
    due: dt.date,
    period: ReportingPeriod | None = None,
    reason: str = "",
) -> ReportingPeriod:
    """Add a period, or change one's label and deadline (调整报送周期)."""
    require_reviewer(user)
    task = _locked(task)
    if task.state != Task.State.ACTIVE:
        raise Conflict("只有督办中的事项可以调整报送周期")
    if not label.strip():
        raise Invalid("请填写周期名称")
    before = _periods_snapshot(task)
    if period is None:
        last = task.periods.order_by("-due").first()
        starts = last.due + dt.timedelta(days=1) if last and last.due < due else due
        seq = (task.periods.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
        period = ReportingPeriod.objects.create(
            task=task, seq=seq, label=label.strip()[:64], starts=min(starts, due), due=due
        )
    else:
        if period.task_id != task.pk:
            raise Invalid("周期不属于该事项")
        period.label = label.strip()[:64]
        period.due = due
        period.starts = min(period.starts, due)
        period.save(update_fields=["label", "due", "starts"])
    refresh_task(task)
    audit.record(
        "supervision.period_saved", task, actor=user, summary=f"调整报送周期: {period}",
        reason=reason, before=before, after=_periods_snapshot(task),
    )  # fmt: skip
    return period


@transaction.atomic
def delete_period(user: User, period: ReportingPeriod, *, reason: str = "") -> None:
    require_reviewer(user)
    task = _locked(period.task)
    if period.reports.exists():
        raise Conflict("该周期已有报告,不能删除")
    before = _periods_snapshot(task)
    period.delete()
    refresh_task(task)
    audit.record(
        "supervision.period_deleted", task, actor=user, summary="删除报送周期",
        reason=reason, before=before, after=_periods_snapshot(task),
    )  # fmt: skip


def _periods_snapshot(task: Task) -> list[dict[str, str]]:
    return [
        {"label": p.label, "starts": p.starts.isoformat(), "due": p.due.isoformat()}
        for p in task.periods.order_by("due", "seq")
    ]


def _locked(task: Task) -> Task:
    """The task row re-read under a row lock (PostgreSQL; SQLite serialises writers)."""
    return Task.objects.select_for_update().get(pk=task.pk)
