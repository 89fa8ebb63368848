"""The named actions on incidents and warnings (应急处置): every state change goes through one.

Each action checks permission, changes rows in one transaction (the incident row
locked), writes a timeline line and the audit entry (``core.audit.record``). Views
and the API call only these. The rules come from the plan: the grading engine
proposes the level, the roster and checklist come from the launched level, the
report clocks from the plan's reporting obligations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from luoshi.core import audit, clock
from luoshi.core.models import User
from luoshi.emergency import access, cap, clocks
from luoshi.emergency.facts import FIELDS, FactsError
from luoshi.emergency.grading import Grading, grade, reports_for
from luoshi.emergency.levels import chinese_level, level_rank
from luoshi.emergency.models import (
    ChecklistItem,
    EarlyWarning,
    Incident,
    ReportClock,
    TimelineEntry,
    WarningMessage,
)
from luoshi.emergency.playbook import Playbook, UnknownPlan, load_playbook, plan_ids

#: GB/T 35965.1 sender code (ZZZZZZDDDUUUXX) of this installation's warning publisher.
DEFAULT_SENDER_CODE = "14050000000000"


class ActionError(ValueError):
    """An action that the plan or the incident's state does not allow; one line for a person."""


@dataclass(frozen=True)
class IncidentInput:
    """What a duty officer logs when a report comes in (接报登记)."""

    plan_id: str
    title: str
    county: str
    place: str
    occurred_at: dt.datetime
    reporter: str
    facts: Mapping[str, Any] = field(default_factory=dict)
    summary: str = ""
    reported_at: dt.datetime | None = None


@dataclass(frozen=True)
class WarningInput:
    """A warning to issue (预警发布) at one of the plan's colour levels."""

    plan_id: str
    level: str
    area: str
    headline: str
    description: str
    authority: str
    instruction: str = ""
    geocode: str = ""
    incident_id: int | None = None


# --- helpers --------------------------------------------------------------------------------


def _playbook(plan_id: str) -> Playbook:
    try:
        return load_playbook(plan_id)
    except UnknownPlan:
        raise ActionError(f"未知预案:{plan_id}") from None


def _grade(plan_id: str, facts: Mapping[str, Any]) -> Grading:
    try:
        return grade(plan_id, facts)
    except FactsError as exc:
        raise ActionError(f"事实有误:{exc}") from exc


def _log(
    incident: Incident,
    user: User | None,
    kind: str,
    summary: str,
    *,
    ref: str = "",
    data: Any = None,
    reason: str = "",
    before: Any = None,
    after: Any = None,
) -> TimelineEntry:
    """A timeline line and the matching audit entry (``emergency.<kind>``)."""
    now = clock.now()
    entry = TimelineEntry.objects.create(
        incident=incident,
        at=now,
        actor=user if user is not None and user.is_authenticated else None,
        kind=kind,
        summary=summary[:500],
        ref=ref[:64],
        data=data,
    )
    audit.record(
        f"emergency.{kind}",
        incident,
        actor=user,
        summary=f"{incident.number} {summary}",
        reason=reason,
        before=before,
        after=after,
    )
    return entry


def _clauses_text(grading: Mapping[str, Any]) -> str:
    return ";".join(f"{c['ref']} {c['text']}" for c in grading.get("clauses", []))


def _first_ref(grading: Mapping[str, Any]) -> str:
    clauses = grading.get("clauses") or []
    return str(clauses[0]["ref"]) if clauses else ""


def _start_moment(incident: Incident, start: str) -> dt.datetime | None:
    return {
        "event": incident.occurred_at,
        "report_received": incident.reported_at,
        "response_launch": incident.launched_at,
        "response_end": incident.stood_down_at,
    }.get(start)


def _ensure_clocks(incident: Incident, reports: Iterable[Mapping[str, Any]], level: str) -> int:
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
        starts = _start_moment(incident, report["from"])
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
            due_at=clocks.due_at(report["within"], starts),
        )
        added += 1
    return added


def _start_clocks(incident: Incident) -> None:
    """Start the clocks whose start moment the incident now knows (launch, end of response)."""
    for c in incident.clocks.filter(starts_at__isnull=True, filed_at__isnull=True):
        moment = _start_moment(incident, c.start)
        if moment is not None:
            c.starts_at = moment
            c.due_at = clocks.due_at(c.within, moment)
            c.save(update_fields=["starts_at", "due_at"])


def _add_checklist(incident: Incident, playbook: Playbook, level: str) -> int:
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


def incident_number(incident: Incident) -> str:
    """应急事件〔2020〕3号: the year of the event and the row id."""
    year = incident.occurred_at.astimezone(clock.local_zone()).year
    return f"应急事件〔{year}〕{incident.pk}号"


# --- incidents ------------------------------------------------------------------------------


@transaction.atomic
def open_incident(user: User, data: IncidentInput) -> Incident:
    """接报登记: a duty officer logs an incident; Luoshi grades the facts and proposes a level."""
    access.require(user, access.OPENERS, "登记突发事件")
    _playbook(data.plan_id)
    texts = {"title": data.title, "county": data.county, "place": data.place}
    texts["reporter"] = data.reporter
    empty = [label for key, label in _LABELS.items() if not texts[key].strip()]
    if empty:
        raise ActionError("须填写:" + "、".join(empty))
    now = clock.now()
    if data.occurred_at > now + dt.timedelta(minutes=5):
        raise ActionError("事发时间不能晚于当前时间")
    grading = _grade(data.plan_id, data.facts).as_dict()
    incident = Incident.objects.create(
        number=f"tmp-{now.timestamp()}-{user.pk}",
        plan_id=data.plan_id,
        title=data.title.strip()[:200],
        county=data.county.strip()[:32],
        place=data.place.strip()[:200],
        occurred_at=data.occurred_at,
        reported_at=data.reported_at or now,
        reporter=data.reporter.strip()[:100],
        summary=data.summary.strip(),
        facts=dict(data.facts),
        proposed_level=grading["level"],
        proposal=grading,
        opened_by=user,
        opened_at=now,
        updated_at=now,
    )
    incident.number = incident_number(incident)
    incident.save(update_fields=["number"])
    _log(incident, user, "opened", f"接报登记:{incident.title}({incident.county}{incident.place})")
    _log(
        incident,
        None,
        "proposed",
        f"分级研判:建议{chinese_level(grading['level'])}响应"
        + (f"(依据 {_clauses_text(grading)})" if grading["clauses"] else ""),
        ref=_first_ref(grading),
        data={"level": grading["level"], "clauses": grading["clauses"]},
    )
    _ensure_clocks(incident, grading["reports_due"], grading["level"])
    return incident


_LABELS = {
    "title": "事件名称",
    "county": "事发县(市、区)",
    "place": "事发地点",
    "reporter": "报告人",
}


def _decider_name(incident: Incident, level: str) -> str:
    playbook = load_playbook(incident.plan_id)
    if level in playbook.levels:
        return playbook.levels[level].decided_by.who
    return "市指挥部"


@transaction.atomic
def decide_level(user: User, pk: int, level: str, reason: str = "") -> Incident:
    """启动/调整响应: the decider confirms the proposed level or overrides it with a reason.

    On a proposed or monitored incident this launches the response (level ``none``
    records the decision not to launch). On an active response it accepts an
    upgrade or downgrade, or keeps the current level against the proposal.
    """
    access.require(user, access.DECIDERS, "决定响应级别")
    incident = access.get_incident(user, pk, for_update=True)
    playbook = _playbook(incident.plan_id)
    reason = reason.strip()
    allowed = (*playbook.level_order(), "none")
    if level not in allowed:
        raise ActionError(f"本预案的响应级别为:{'、'.join(chinese_level(lv) for lv in allowed)}")  # type: ignore[arg-type]
    if incident.state == Incident.State.STOOD_DOWN:
        raise ActionError("响应已终止,不能再调整级别")
    if level != incident.proposed_level and not reason:
        raise ActionError("与建议级别不同的决定须说明理由")
    if incident.state == Incident.State.ACTIVE:
        return _change_level(user, incident, playbook, level, reason)
    return _launch(user, incident, playbook, level, reason)


def _launch(
    user: User, incident: Incident, playbook: Playbook, level: str, reason: str
) -> Incident:
    now = clock.now()
    before = {"state": incident.state, "level": incident.level}
    decider = _decider_name(incident, level)
    how = "确认" if level == incident.proposed_level else "调整"
    if level == "none":
        incident.state = Incident.State.MONITORING
        incident.level = "none"
        summary = f"{decider}{how}:不启动市级响应"
    else:
        incident.state = Incident.State.ACTIVE
        incident.level = level
        incident.launched_at = now
        summary = f"{decider}{how}:启动{chinese_level(level)}响应"  # type: ignore[arg-type]
    incident.updated_at = now
    incident.proposal = {**incident.proposal, "declined_level": None}
    incident.save()
    ref = playbook.levels[level].decided_by.ref if level in playbook.levels else ""
    _log(
        incident,
        user,
        "launched" if level != "none" else "not_launched",
        summary + (f"。理由:{reason}" if reason else ""),
        ref=ref,
        reason=reason,
        before=before,
        after={"state": incident.state, "level": level},
        data={"level": level, "proposed": incident.proposed_level, "override": how == "调整"},
    )
    if level != "none":
        _activate(user, incident, playbook, level)
    return incident


def _activate(user: User, incident: Incident, playbook: Playbook, level: str) -> None:
    """Stand up the level: its measures on the checklist, its reports on the clocks."""
    measures = _add_checklist(incident, playbook, level)
    reports = reports_for(incident.plan_id, incident.facts, level)
    added = _ensure_clocks(incident, reports, level)
    _start_clocks(incident)
    _log(
        incident,
        None,
        "activated",
        f"{chinese_level(level)}响应:指挥部及{len(playbook.groups)}个工作组编成,"  # type: ignore[arg-type]
        f"新增处置措施{measures}项、报告时限{added}项",
        ref=playbook.levels[level].ref,
    )


def _change_level(
    user: User, incident: Incident, playbook: Playbook, level: str, reason: str
) -> Incident:
    if level == "none":
        raise ActionError("已启动的响应须按终止程序结束")
    now = clock.now()
    current = incident.level
    decider = _decider_name(incident, level)
    before = {"level": current}
    if level == current:
        if incident.proposed_level == current:
            raise ActionError(f"当前已是{incident.level_label}响应")
        incident.proposal = {**incident.proposal, "declined_level": incident.proposed_level}
        incident.updated_at = now
        incident.save()
        _log(
            incident,
            user,
            "change_declined",
            f"{decider}决定维持{incident.level_label}响应,不采纳"
            f"{incident.proposed_label}建议。理由:{reason}",
            reason=reason,
            before=before,
            after={"level": current},
        )
        return incident
    direction = "升级" if level_rank(level) > level_rank(current) else "降级"
    incident.level = level
    incident.updated_at = now
    incident.proposal = {**incident.proposal, "declined_level": None}
    incident.save()
    _log(
        incident,
        user,
        "level_changed",
        f"{decider}决定:响应{direction}为{chinese_level(level)}"  # type: ignore[arg-type]
        + (f"。理由:{reason}" if reason else ""),
        ref=playbook.levels[level].decided_by.ref,
        reason=reason,
        before=before,
        after={"level": level},
        data={"from": current, "to": level, "direction": direction},
    )
    _activate(user, incident, playbook, level)
    return incident


def _fact_change(name: str, before: Any, after: Any) -> str:
    """``被困或下落不明人数 4→10人`` (defaults shown for facts not given before)."""
    spec = FIELDS.get(name)
    if spec is None:
        return f"{name} {before}→{after}"
    old = spec.default if before is None else before
    new = spec.default if after is None else after
    if spec.type == "bool":
        return f"{spec.meaning}:{'是' if new else '否'}"
    return f"{spec.meaning} {_show(old)}→{_show(new)}{spec.unit}"


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "未填" if value is None else str(value)


def is_change_pending(incident: Incident) -> bool:
    """The facts meet another level and the deciders have not answered that proposal yet."""
    return incident.change_pending and incident.proposal.get("declined_level") != (
        incident.proposed_level
    )


@transaction.atomic
def update_facts(user: User, pk: int, facts: Mapping[str, Any], reason: str = "") -> Incident:
    """续报事实: new facts are graded again; a different level is proposed as upgrade/downgrade."""
    access.require(user, access.OPERATORS, "更新事件事实")
    incident = access.get_incident(user, pk, for_update=True)
    if incident.state == Incident.State.STOOD_DOWN:
        raise ActionError("响应已终止,不能再更新事实")
    grading = _grade(incident.plan_id, facts).as_dict()
    before_facts, before_level = incident.facts, incident.proposed_level
    changed = {
        k: facts.get(k)
        for k in sorted(set(facts) | set(before_facts))
        if facts.get(k) != before_facts.get(k)
    }
    if not changed:
        raise ActionError("事实没有变化")
    now = clock.now()
    incident.facts = dict(facts)
    incident.proposed_level = grading["level"]
    incident.proposal = grading
    incident.updated_at = now
    incident.save()
    shown = ",".join(_fact_change(k, before_facts.get(k), v) for k, v in changed.items())
    _log(
        incident,
        user,
        "facts_updated",
        f"事实更新:{shown}" + (f"({reason.strip()})" if reason.strip() else ""),
        reason=reason,
        before=before_facts,
        after=dict(facts),
    )
    _ensure_clocks(incident, grading["reports_due"], grading["level"])
    new = grading["level"]
    reference = incident.level if incident.state == Incident.State.ACTIVE else before_level
    if new != reference:
        if incident.state == Incident.State.ACTIVE:
            word = "升级" if level_rank(new) > level_rank(reference) else "降级"
            text = f"事实符合{chinese_level(new)}条件,建议响应{word}"
        else:
            text = f"分级研判:建议级别由{chinese_level(before_level)}改为{chinese_level(new)}"  # type: ignore[arg-type]
        _log(
            incident,
            None,
            "proposed",
            text + (f"(依据 {_clauses_text(grading)})" if grading["clauses"] else ""),
            ref=_first_ref(grading),
            data={"level": new, "clauses": grading["clauses"]},
        )
    return incident


@transaction.atomic
def tick_measure(user: User, pk: int, item_id: int, note: str = "") -> ChecklistItem:
    """落实措施: tick a measure of the checklist as done."""
    access.require(user, access.OPERATORS, "落实处置措施")
    incident = access.get_incident(user, pk, for_update=True)
    item = incident.checklist.filter(pk=item_id).first()
    if item is None:
        raise ActionError("该措施不属于本事件")
    if item.done_at is not None:
        raise ActionError("该措施已落实")
    item.done_at = clock.now()
    item.done_by = user
    item.note = note.strip()[:500]
    item.save()
    _log(incident, user, "measure_done", f"措施已落实:{item.ref} {item.text[:60]}", ref=item.ref)
    return item


@transaction.atomic
def start_clock(user: User, pk: int, clock_id: int) -> ReportClock:
    """开始计时: a clock started by an event the system cannot see (电话快报, 上级催报)."""
    access.require(user, access.OPERATORS, "开始报告计时")
    incident = access.get_incident(user, pk, for_update=True)
    item = incident.clocks.filter(pk=clock_id).first()
    if item is None:
        raise ActionError("该报告时限不属于本事件")
    if item.starts_at is not None:
        raise ActionError("该报告时限已在计时")
    if not item.manual_start:
        raise ActionError(f"该时限自{item.start_label}起算,由系统开始计时")
    item.starts_at = clock.now()
    item.due_at = clocks.due_at(item.within, item.starts_at)
    item.save(update_fields=["starts_at", "due_at"])
    _log(incident, user, "clock_started", f"{item.start_label},开始计时:{item.name}", ref=item.ref)
    return item


@transaction.atomic
def file_report(user: User, pk: int, clock_id: int, note: str = "") -> ReportClock:
    """报送: a required report has been sent; a daily report starts its next day."""
    access.require(user, access.OPERATORS, "登记报告报送")
    incident = access.get_incident(user, pk, for_update=True)
    item = incident.clocks.filter(pk=clock_id).first()
    if item is None:
        raise ActionError("该报告时限不属于本事件")
    if item.filed_at is not None and item.within != "ongoing":
        raise ActionError("该报告已报送")
    now = clock.now()
    late = item.due_at is not None and item.within != "immediately" and now > item.due_at
    if item.within == "ongoing":
        item.filed_at = None  # 随时续报: each filing is a timeline line; the clock stays open
    else:
        item.filed_at = now
        item.filed_by = user
        item.note = note.strip()[:500]
        item.save()
    if item.within == "daily" and item.due_at is not None and incident.is_open:
        _next_day(incident, item)
    _log(
        incident,
        user,
        "report_filed",
        f"已报送:{item.name}(报{item.to_whom})"
        + ("——超过时限" if late else "")
        + (f"。{note.strip()}" if note.strip() else ""),
        ref=item.ref,
        data={"clock": item.pk, "late": late},
    )
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


@transaction.atomic
def add_note(user: User, pk: int, text: str) -> TimelineEntry:
    """值班记录: a free line on the timeline."""
    access.require(user, access.OPERATORS, "记录值班情况")
    incident = access.get_incident(user, pk, for_update=True)
    if not text.strip():
        raise ActionError("记录内容不能为空")
    return _log(incident, user, "note", text.strip()[:500])


@transaction.atomic
def stand_down(user: User, pk: int, conditions_met: Sequence[str], reason: str = "") -> Incident:
    """终止响应: the decider stands the response down once every termination condition holds."""
    access.require(user, access.DECIDERS, "终止响应")
    incident = access.get_incident(user, pk, for_update=True)
    if incident.state == Incident.State.STOOD_DOWN:
        raise ActionError("响应已终止")
    playbook = _playbook(incident.plan_id)
    needed = [q.ref for q in playbook.termination.conditions]
    unmet = [ref for ref in dict.fromkeys(needed) if ref not in set(conditions_met)]
    if unmet:
        raise ActionError("尚未满足终止条件:" + "、".join(unmet))
    now = clock.now()
    before = {"state": incident.state, "level": incident.level}
    incident.state = Incident.State.STOOD_DOWN
    incident.stood_down_at = now
    assessment = playbook.assessment
    span = _duration(assessment.within)
    incident.assessment_due_at = now + span if span is not None else None
    incident.updated_at = now
    incident.save()
    _log(
        incident,
        user,
        "stood_down",
        f"{playbook.termination.decided_by}:终止应急响应"
        + (f"。{reason.strip()}" if reason.strip() else ""),
        ref=needed[0] if needed else "",
        reason=reason,
        before=before,
        after={"state": incident.state},
        data={"conditions": list(dict.fromkeys(needed))},
    )
    _ensure_clocks(
        incident,
        [
            {
                "report": "总结评估报告",
                "by": assessment.by,
                "to": "市人民政府",
                "within": assessment.within,
                "within_text": assessment.within_text,
                "from": "response_end",
                "ref": assessment.ref,
                "text": assessment.text,
            }
        ]
        if not any(c.ref == assessment.ref for c in incident.clocks.all())
        else [],
        incident.level,
    )
    _start_clocks(incident)
    return incident


def _duration(within: str) -> dt.timedelta | None:
    try:
        return clocks.parse_duration(within)
    except clocks.ClockError:
        return None


# --- warnings -------------------------------------------------------------------------------


def sender_code() -> str:
    return str(getattr(settings, "LUOSHI_CAP_SENDER_CODE", DEFAULT_SENDER_CODE))


def _warning_levels(playbook: Playbook) -> dict[str, str]:
    if playbook.warnings is None:
        raise ActionError("本预案未规定预警级别")
    return {wl.level: wl.colour for wl in playbook.warnings.levels}


def _next_identifier(now: dt.datetime) -> str:
    code = sender_code()
    for shift in range(60):
        moment = now + dt.timedelta(seconds=shift)
        stem = cap.identifier(code, moment, 0)[:-1]
        used = WarningMessage.objects.filter(identifier__startswith=stem).count()
        if used < 10:
            return cap.identifier(code, moment, used)
    raise ActionError("同一时间发布的预警过多,请稍后再试")


def _message(warning: EarlyWarning, user: User, msg_type: str, reason: str = "") -> WarningMessage:
    now = clock.now()
    return WarningMessage.objects.create(
        warning=warning,
        seq=warning.messages.count() + 1,
        msg_type=msg_type,
        identifier=_next_identifier(now),
        sender=sender_code(),
        sent_at=now.replace(microsecond=0),
        level=warning.level,
        colour=warning.colour,
        headline=warning.headline,
        description=warning.description,
        instruction=warning.instruction,
        reason=reason[:500],
        actor=user,
    )


@transaction.atomic
def issue_warning(user: User, data: WarningInput) -> EarlyWarning:
    """预警发布: a warning at one of the plan's colour levels, sent as a CAP Alert."""
    access.require(user, access.WARNERS, "发布预警")
    playbook = _playbook(data.plan_id)
    colours = _warning_levels(playbook)
    if data.level not in colours:
        raise ActionError(f"本预案的预警级别为:{'、'.join(colours)}")
    fields = {"area": data.area, "headline": data.headline, "description": data.description}
    fields["authority"] = data.authority
    empty = [_WARNING_LABELS[k] for k, v in fields.items() if not v.strip()]
    if empty:
        raise ActionError("须填写:" + "、".join(empty))
    incident = None
    if data.incident_id is not None:
        incident = access.visible_incidents(user).filter(pk=data.incident_id).first()
        if incident is None:
            raise ActionError("关联事件不存在")
    now = clock.now()
    warning = EarlyWarning.objects.create(
        number=f"tmp-{now.timestamp()}-{user.pk}",
        plan_id=data.plan_id,
        incident=incident,
        level=data.level,
        colour=colours[data.level],
        area=data.area.strip()[:200],
        geocode=data.geocode.strip()[:12],
        headline=data.headline.strip()[:200],
        description=data.description.strip(),
        instruction=data.instruction.strip(),
        authority=data.authority.strip()[:100],
        issued_at=now,
        issued_by=user,
        updated_at=now,
    )
    warning.number = f"预警〔{now.astimezone(clock.local_zone()).year}〕{warning.pk}号"
    warning.save(update_fields=["number"])
    message = _message(warning, user, "Alert")
    audit.record(
        "emergency.warning_issued",
        warning,
        actor=user,
        summary=f"{warning.number} 发布{warning_label(warning)}",
        after={"level": warning.level, "identifier": message.identifier},
    )
    if incident is not None:
        _log(incident, user, "warning", f"发布{warning_label(warning)}:{warning.headline}")
    return warning


_WARNING_LABELS = {
    "area": "预警区域",
    "headline": "标题",
    "description": "预警内容",
    "authority": "发布单位",
}


def warning_label(warning: EarlyWarning) -> str:
    from luoshi.emergency.levels import COLOUR_NAMES

    return f"{COLOUR_NAMES.get(warning.colour, warning.colour)}预警({warning.level}级)"


@transaction.atomic
def adjust_warning(
    user: User,
    pk: int,
    level: str,
    reason: str,
    *,
    description: str = "",
    instruction: str = "",
) -> EarlyWarning:
    """预警调整: change the level (and text) of an active warning; sent as a CAP Update."""
    access.require(user, access.WARNERS, "调整预警")
    warning = access.get_warning(user, pk, for_update=True)
    if warning.state != EarlyWarning.State.ACTIVE:
        raise ActionError("预警已解除,不能调整")
    colours = _warning_levels(_playbook(warning.plan_id))
    if level not in colours:
        raise ActionError(f"本预案的预警级别为:{'、'.join(colours)}")
    if not reason.strip():
        raise ActionError("调整预警须说明理由")
    before = {"level": warning.level}
    if level == warning.level and not description.strip() and not instruction.strip():
        raise ActionError("预警级别和内容均未变化")
    warning.level, warning.colour = level, colours[level]
    if description.strip():
        warning.description = description.strip()
    if instruction.strip():
        warning.instruction = instruction.strip()
    warning.updated_at = clock.now()
    warning.save()
    message = _message(warning, user, "Update", reason.strip())
    audit.record(
        "emergency.warning_adjusted",
        warning,
        actor=user,
        summary=f"{warning.number} 调整为{warning_label(warning)}",
        reason=reason,
        before=before,
        after={"level": level, "identifier": message.identifier},
    )
    if warning.incident is not None:
        _log(warning.incident, user, "warning", f"预警调整为{warning_label(warning)}")
    return warning


@transaction.atomic
def lift_warning(user: User, pk: int, reason: str) -> EarlyWarning:
    """预警解除: the warning is lifted; sent as a CAP Cancel referencing the earlier messages."""
    access.require(user, access.WARNERS, "解除预警")
    warning = access.get_warning(user, pk, for_update=True)
    if warning.state != EarlyWarning.State.ACTIVE:
        raise ActionError("预警已解除")
    if not reason.strip():
        raise ActionError("解除预警须说明理由")
    now = clock.now()
    warning.state = EarlyWarning.State.LIFTED
    warning.lifted_at = now
    warning.updated_at = now
    warning.save()
    message = _message(warning, user, "Cancel", reason.strip())
    audit.record(
        "emergency.warning_lifted",
        warning,
        actor=user,
        summary=f"{warning.number} 解除{warning_label(warning)}",
        reason=reason,
        after={"identifier": message.identifier},
    )
    if warning.incident is not None:
        _log(warning.incident, user, "warning", f"解除{warning_label(warning)}")
    return warning


def cap_alert(message: WarningMessage) -> cap.CapAlert:
    """The CAP alert of one warning message (references: every earlier message of the warning)."""
    warning = message.warning
    playbook = load_playbook(warning.plan_id)
    earlier = warning.messages.filter(seq__lt=message.seq).order_by("seq")
    verb = {"Alert": "发布", "Update": "调整", "Cancel": "解除"}[message.msg_type]
    return cap.CapAlert(
        identifier=message.identifier,
        sender=message.sender,
        sent=message.sent_at,
        msg_type=message.msg_type,  # type: ignore[arg-type]
        event=_event_name(playbook.title),
        colour=message.colour,
        headline=f"{warning.authority}{verb}{warning_label_for(message)}:{message.headline}",
        description=message.description,
        instruction=message.instruction,
        area=warning.area,
        geocode=warning.geocode,
        sender_name=warning.authority,
        category=cap.CATEGORY_BY_PLAN.get(warning.plan_id, "Other"),
        effective=message.sent_at,
        references=tuple(cap.Reference(m.sender, m.identifier, m.sent_at) for m in earlier),
        parameters=(
            ("预警级别", message.level),
            ("预警颜色", message.colour),
            ("预案", f"{playbook.title}({playbook.document})"),
        ),
        note=message.reason,
    )


def warning_label_for(message: WarningMessage) -> str:
    from luoshi.emergency.levels import COLOUR_NAMES

    return f"{COLOUR_NAMES.get(message.colour, message.colour)}预警"


def known_plans() -> tuple[str, ...]:
    return plan_ids()


def _event_name(title: str) -> str:
    """``XX市煤矿事故应急预案`` → ``煤矿事故`` (the CAP ``event``)."""
    import re

    name = re.sub(r"^[^市]{1,6}市", "", title).removesuffix("应急预案")
    return name or title
