"""Incident actions (突发事件处置): intake, the deciders' decisions, facts, notes, stand-down.

The grading engine proposes the level; the post the plan names decides it (启动/调整响应);
the checklist and clocks come from the launched level; the response ends when the decider
confirms every termination condition (终止响应).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from luoshi.core import clock
from luoshi.core.actions import Action, AuditNote
from luoshi.core.errors import Conflict, Invalid
from luoshi.core.models import User
from luoshi.emergency import access, clocks
from luoshi.emergency.actions.common import (
    IncidentAction,
    add_checklist,
    clauses_text,
    ensure_clocks,
    first_ref,
    grade_or_refuse,
    log,
    playbook_of,
    start_clocks,
)
from luoshi.emergency.facts import FIELDS
from luoshi.emergency.grading import reports_for
from luoshi.emergency.levels import chinese_level, level_rank
from luoshi.emergency.models import Incident, TimelineEntry
from luoshi.emergency.playbook import Playbook


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


_LABELS = {
    "title": "事件名称",
    "county": "事发县(市、区)",
    "place": "事发地点",
    "reporter": "报告人",
}


def incident_number(incident: Incident) -> str:
    """应急事件〔2020〕3号: the year of the event and the row id."""
    year = incident.occurred_at.astimezone(clock.local_zone()).year
    return f"应急事件〔{year}〕{incident.pk}号"


def is_change_pending(incident: Incident) -> bool:
    """The facts meet another level and the deciders have not answered that proposal yet."""
    return incident.change_pending and incident.proposal.get("declined_level") != (
        incident.proposed_level
    )


def _proposed_line(incident: Incident, grading: Mapping[str, Any], text: str) -> None:
    basis = f"(依据 {clauses_text(grading)})" if grading["clauses"] else ""
    data = {"level": grading["level"], "clauses": grading["clauses"]}
    log(incident, None, "proposed", text + basis, ref=first_ref(grading), data=data)


class OpenIncident(Action[Incident]):
    """接报登记: a duty officer logs an incident; Luoshi grades the facts and proposes a level."""

    name = "emergency.opened"

    def __init__(self, actor: User, data: IncidentInput) -> None:
        super().__init__(actor)
        self.data = data

    def check(self) -> None:
        access.require(self.actor, access.OPENERS, "登记突发事件")
        playbook_of(self.data.plan_id)
        empty = [label for key, label in _LABELS.items() if not getattr(self.data, key).strip()]
        if empty:
            raise Invalid("须填写:" + "、".join(empty))
        if self.data.occurred_at > clock.now() + dt.timedelta(minutes=5):
            raise Invalid("事发时间不能晚于当前时间")
        self.grading = grade_or_refuse(self.data.plan_id, self.data.facts).as_dict()

    def execute(self) -> Incident:
        data, grading, now = self.data, self.grading, clock.now()
        incident = Incident.objects.create(
            number=f"tmp-{now.timestamp()}-{self.actor.pk}",
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
            opened_by=self.actor,
            opened_at=now,
            updated_at=now,
        )
        incident.number = incident_number(incident)
        incident.save(update_fields=["number"])
        log(
            incident,
            self.actor,
            "opened",
            f"接报登记:{incident.title}({incident.county}{incident.place})",
        )
        _proposed_line(incident, grading, f"分级研判:建议{chinese_level(grading['level'])}响应")
        ensure_clocks(incident, grading["reports_due"], grading["level"])
        return incident

    def audit(self, result: Incident) -> AuditNote:
        return AuditNote(result, summary=f"{result.number} 接报登记:{result.title}")


# --- decisions (启动/调整响应) -----------------------------------------------------------------


class Decision(IncidentAction[Incident]):
    """A decision on the response level, taken by the post the plan names (总指挥 …)."""

    what = "决定响应级别"
    closed = "响应已终止,不能再调整级别"

    def __init__(self, actor: User, pk: int, level: str, reason: str = "") -> None:
        super().__init__(actor, pk)
        self.level = level
        self.reason = reason.strip()
        self.playbook = playbook_of(self.incident.plan_id)

    def authorise(self) -> None:
        level = self.level if self.level in self.playbook.levels else self.incident.proposed_level
        if level not in self.playbook.levels:  # not launching: the lowest level's decider
            level = self.playbook.level_order()[-1]
        who = self.playbook.levels[level].decided_by.who
        access.require_post(self.actor, self.incident.plan_id, who, f"{chinese_level(level)}响应")  # type: ignore[arg-type]

    def check(self) -> None:
        super().check()
        allowed = (*self.playbook.level_order(), "none")
        if self.level not in allowed:
            names = "、".join(chinese_level(lv) for lv in allowed)  # type: ignore[arg-type]
            raise Invalid(f"本预案的响应级别为:{names}")
        if self.level != self.incident.proposed_level and not self.reason:
            raise Invalid("与建议级别不同的决定须说明理由")
        self.check_state()

    def check_state(self) -> None:
        if self.incident.state == Incident.State.ACTIVE:
            raise Conflict("响应已启动,请按升级或降级程序调整")

    @property
    def decider(self) -> str:
        levels = self.playbook.levels
        return levels[self.level].decided_by.who if self.level in levels else "市指挥部"

    @property
    def ref(self) -> str:
        levels = self.playbook.levels
        return levels[self.level].decided_by.ref if self.level in levels else ""

    def activate(self) -> None:
        """Stand up the level: its measures on the checklist, its reports on the clocks."""
        incident, level = self.incident, self.level
        measures = add_checklist(incident, self.playbook, level)
        added = ensure_clocks(incident, reports_for(incident.plan_id, incident.facts, level), level)
        start_clocks(incident)
        log(
            incident,
            None,
            "activated",
            f"{chinese_level(level)}响应:指挥部及{len(self.playbook.groups)}个工作组编成,"  # type: ignore[arg-type]
            f"新增处置措施{measures}项、报告时限{added}项",
            ref=self.playbook.levels[level].ref,
        )

    def line(self, kind: str, text: str, **data: Any) -> None:
        self.summary = text + (f"。理由:{self.reason}" if self.reason else "")
        log(self.incident, self.actor, kind, self.summary, ref=self.ref, data=data or None)


class LaunchResponse(Decision):
    """启动响应: confirm or override the proposed level of a proposed or monitored incident."""

    name = "emergency.launched"

    def execute(self) -> Incident:
        incident = self.incident
        self.before = {"state": incident.state, "level": incident.level}
        how = "确认" if self.level == incident.proposed_level else "调整"
        incident.state, incident.level = Incident.State.ACTIVE, self.level
        incident.launched_at = clock.now()
        incident.proposal = {**incident.proposal, "declined_level": None}
        self.touch("state", "level", "launched_at", "proposal")
        self.after = {"state": incident.state, "level": self.level}
        text = f"{self.decider}{how}:启动{chinese_level(self.level)}响应"  # type: ignore[arg-type]
        self.line("launched", text, level=self.level, proposed=incident.proposed_level)
        self.activate()
        return incident


class DeclineToLaunch(Decision):
    """不启动市级响应: the decider records the decision not to launch (the incident is watched)."""

    name = "emergency.not_launched"

    def execute(self) -> Incident:
        incident = self.incident
        self.before = {"state": incident.state, "level": incident.level}
        how = "确认" if incident.proposed_level == "none" else "调整"
        incident.state, incident.level = Incident.State.MONITORING, "none"
        incident.proposal = {**incident.proposal, "declined_level": None}
        self.touch("state", "level", "proposal")
        self.after = {"state": incident.state, "level": "none"}
        self.line("not_launched", f"{self.decider}{how}:不启动市级响应", level="none")
        return incident


class ChangeLevel(Decision):
    """响应升级/降级: an active response moves to the level the facts now meet (or another)."""

    name = "emergency.level_changed"

    def check_state(self) -> None:
        if self.incident.state != Incident.State.ACTIVE:
            raise Conflict("响应尚未启动")
        if self.level == "none":
            raise Invalid("已启动的响应须按终止程序结束")
        if self.level == self.incident.level:
            raise Conflict(f"当前已是{self.incident.level_label}响应")

    def execute(self) -> Incident:
        incident, current = self.incident, self.incident.level
        self.before, self.after = {"level": current}, {"level": self.level}
        direction = "升级" if level_rank(self.level) > level_rank(current) else "降级"
        incident.level = self.level
        incident.proposal = {**incident.proposal, "declined_level": None}
        self.touch("level", "proposal")
        text = f"{self.decider}决定:响应{direction}为{chinese_level(self.level)}"  # type: ignore[arg-type]
        self.line("level_changed", text, **{"from": current, "to": self.level})
        self.activate()
        return incident


class KeepLevel(Decision):
    """维持响应级别: the decider keeps the current level against a proposed change (reason)."""

    name = "emergency.change_declined"

    def check_state(self) -> None:
        if self.incident.state != Incident.State.ACTIVE or self.level != self.incident.level:
            raise Conflict("响应状态已变化,请刷新后重试")
        if self.incident.proposed_level == self.level:
            raise Conflict(f"当前已是{self.incident.level_label}响应")

    def execute(self) -> Incident:
        incident = self.incident
        self.before = self.after = {"level": incident.level}
        incident.proposal = {**incident.proposal, "declined_level": incident.proposed_level}
        self.touch("proposal")
        self.summary = (
            f"{self.decider}决定维持{incident.level_label}响应,不采纳"
            f"{incident.proposed_label}建议。理由:{self.reason}"
        )
        log(incident, self.actor, "change_declined", self.summary)
        return incident


def decision(actor: User, pk: int, level: str, reason: str = "") -> Decision:
    """The decision that ``level`` stands for on the incident as it is now."""
    incident = access.get_incident(actor, pk)
    kind: type[Decision]
    if incident.state == Incident.State.ACTIVE:
        kind = KeepLevel if level == incident.level else ChangeLevel
    else:
        kind = DeclineToLaunch if level == "none" else LaunchResponse
    return kind(actor, pk, level, reason)


# --- facts, notes, stand-down --------------------------------------------------------------


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "未填" if value is None else str(value)


def fact_change(name: str, before: Any, after: Any) -> str:
    """``被困或下落不明人数 4→10人`` (defaults shown for facts not given before)."""
    spec = FIELDS.get(name)
    if spec is None:
        return f"{name} {before}→{after}"
    old = spec.default if before is None else before
    new = spec.default if after is None else after
    if spec.type == "bool":
        return f"{spec.meaning}:{'是' if new else '否'}"
    return f"{spec.meaning} {_show(old)}→{_show(new)}{spec.unit}"


class UpdateFacts(IncidentAction[Incident]):
    """续报事实: new facts are graded again; a different level is proposed as upgrade/downgrade."""

    name = "emergency.facts_updated"
    what = "更新事件事实"
    closed = "响应已终止,不能再更新事实"

    def __init__(self, actor: User, pk: int, facts: Mapping[str, Any], reason: str = "") -> None:
        super().__init__(actor, pk)
        self.facts, self.reason = dict(facts), reason.strip()

    def check(self) -> None:
        super().check()
        self.grading = grade_or_refuse(self.incident.plan_id, self.facts).as_dict()
        before = self.incident.facts
        self.changed = {
            k: self.facts.get(k)
            for k in sorted(set(self.facts) | set(before))
            if self.facts.get(k) != before.get(k)
        }
        if not self.changed:
            raise Conflict("事实没有变化")

    def execute(self) -> Incident:
        incident, grading = self.incident, self.grading
        self.before, before_level = incident.facts, incident.proposed_level
        self.after = self.facts
        incident.facts, incident.proposed_level = self.facts, grading["level"]
        incident.proposal = grading
        self.touch("facts", "proposed_level", "proposal")
        shown = ",".join(fact_change(k, self.before.get(k), v) for k, v in self.changed.items())
        self.summary = f"事实更新:{shown}" + (f"({self.reason})" if self.reason else "")
        log(incident, self.actor, "facts_updated", self.summary, data={"changed": self.changed})
        ensure_clocks(incident, grading["reports_due"], grading["level"])
        active = incident.state == Incident.State.ACTIVE
        if active:  # the current level's reports the new facts now call for (重大以上 …)
            current = reports_for(incident.plan_id, self.facts, incident.level)
            ensure_clocks(incident, current, incident.level)
        new = grading["level"]
        reference = incident.level if active else before_level
        if new != reference:
            if active:
                word = "升级" if level_rank(new) > level_rank(reference) else "降级"
                text = f"事实符合{chinese_level(new)}条件,建议响应{word}"
            else:
                text = f"分级研判:建议级别由{chinese_level(before_level)}改为{chinese_level(new)}"  # type: ignore[arg-type]
            _proposed_line(incident, grading, text)
        return incident


class AddNote(IncidentAction[TimelineEntry]):
    """值班记录: a free line on the timeline."""

    name = "emergency.note"
    what = "记录值班情况"

    def __init__(self, actor: User, pk: int, text: str) -> None:
        super().__init__(actor, pk)
        self.text = text.strip()[:500]

    def check(self) -> None:
        super().check()
        if not self.text:
            raise Invalid("记录内容不能为空")

    def execute(self) -> TimelineEntry:
        self.summary = self.text
        return log(self.incident, self.actor, "note", self.text)


#: Facts that count people still in danger (被困、滞留): a response is not ended lightly with them.
_PEOPLE_IN_DANGER = ("trapped_or_missing", "stranded_people")


def stand_down_warnings(incident: Incident) -> list[str]:
    """What should stop a decider before ending the response: open measures, people trapped."""
    out = []
    open_measures = incident.checklist.filter(done_at__isnull=True).count()
    if open_measures:
        out.append(f"尚有{open_measures}项处置措施未确认落实")
    for name in _PEOPLE_IN_DANGER:
        count = incident.facts.get(name) or 0
        if count:
            out.append(f"事实仍显示{FIELDS[name].meaning}{_show(count)}{FIELDS[name].unit}")
    return out


class StandDown(IncidentAction[Incident]):
    """终止响应: the decider stands the response down once every termination condition holds."""

    name = "emergency.stood_down"
    what = "终止响应"
    closed = "响应已终止"

    def authorise(self) -> None:
        who = playbook_of(self.incident.plan_id).termination.decided_by
        access.require_post(self.actor, self.incident.plan_id, who, "终止响应")

    def __init__(
        self,
        actor: User,
        pk: int,
        conditions_met: Sequence[str],
        reason: str = "",
        *,
        confirmed: bool = False,
    ) -> None:
        super().__init__(actor, pk)
        self.conditions_met, self.reason = set(conditions_met), reason.strip()
        self.confirmed = confirmed

    def check(self) -> None:
        super().check()
        self.playbook: Playbook = playbook_of(self.incident.plan_id)
        self.needed = list(dict.fromkeys(q.ref for q in self.playbook.termination.conditions))
        unmet = [ref for ref in self.needed if ref not in self.conditions_met]
        if unmet:
            raise Invalid("尚未满足终止条件:" + "、".join(unmet))
        self.warnings = stand_down_warnings(self.incident)
        if self.warnings and not self.confirmed:
            raise Conflict(";".join(self.warnings) + "。如确认仍要终止响应,请勾选“确认终止”。")

    def execute(self) -> Incident:
        incident, playbook, now = self.incident, self.playbook, clock.now()
        self.before = {"state": incident.state, "level": incident.level}
        incident.state, incident.stood_down_at = Incident.State.STOOD_DOWN, now
        assessment = playbook.assessment
        span = clocks.duration_of(assessment.within)
        incident.assessment_due_at = now + span if span is not None else None
        self.touch("state", "stood_down_at", "assessment_due_at")
        self.after = {"state": incident.state}
        self.summary = f"{playbook.termination.decided_by}:终止应急响应" + (
            f"。{self.reason}" if self.reason else ""
        )
        if self.warnings:
            self.summary += "(经确认:" + ";".join(self.warnings) + ")"
        ref = self.needed[0] if self.needed else ""
        log(
            incident,
            self.actor,
            "stood_down",
            self.summary,
            ref=ref,
            data={"conditions": self.needed},
        )
        report = {
            "report": "总结评估报告",
            "by": assessment.by,
            "to": "市人民政府",
            "within": assessment.within,
            "within_text": assessment.within_text,
            "from": "response_end",
            "ref": assessment.ref,
            "text": assessment.text,
        }
        if not any(c.ref == assessment.ref for c in incident.clocks.all()):
            ensure_clocks(incident, [report], incident.level)
        start_clocks(incident)
        return incident


# One verb per action, for callers that do not need the class.


def open_incident(user: User, data: IncidentInput) -> Incident:
    return OpenIncident(user, data).run()


def decide_level(user: User, pk: int, level: str, reason: str = "") -> Incident:
    return decision(user, pk, level, reason).run()


def update_facts(user: User, pk: int, facts: Mapping[str, Any], reason: str = "") -> Incident:
    return UpdateFacts(user, pk, facts, reason).run()


def add_note(user: User, pk: int, text: str) -> TimelineEntry:
    return AddNote(user, pk, text).run()


def stand_down(
    user: User,
    pk: int,
    conditions_met: Sequence[str],
    reason: str = "",
    *,
    confirmed: bool = False,
) -> Incident:
    return StandDown(user, pk, conditions_met, reason, confirmed=confirmed).run()


__all__ = [
    "IncidentInput",
    "add_note",
    "decide_level",
    "decision",
    "incident_number",
    "is_change_pending",
    "open_incident",
    "stand_down",
    "stand_down_warnings",
    "update_facts",
]
