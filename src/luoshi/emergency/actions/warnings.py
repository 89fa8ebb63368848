"""Warning actions (预警发布、调整、解除), each sent as a CAP 1.2 message (Alert/Update/Cancel)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings
from django.db import models

from luoshi.core import clock
from luoshi.core.actions import Action, AuditNote
from luoshi.core.errors import Conflict, Invalid
from luoshi.core.models import User
from luoshi.emergency import access, cap
from luoshi.emergency.actions.common import log, playbook_of
from luoshi.emergency.levels import COLOUR_NAMES
from luoshi.emergency.models import EarlyWarning, WarningMessage
from luoshi.emergency.playbook import Playbook, load_playbook


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


_LABELS = {
    "area": "预警区域",
    "headline": "标题",
    "description": "预警内容",
    "authority": "发布单位",
}


def sender_code() -> str:
    """GB/T 35965.1 sender code (ZZZZZZDDDUUUXX) of this installation's warning publisher."""
    return str(settings.LUOSHI_CAP_SENDER_CODE)


def warning_label(warning: EarlyWarning | WarningMessage) -> str:
    """``橙色预警(II级)``."""
    return f"{COLOUR_NAMES.get(warning.colour, warning.colour)}预警({warning.level}级)"


def _colours(playbook: Playbook) -> dict[str, str]:
    if playbook.warnings is None:
        raise Invalid("本预案未规定预警级别")
    return {wl.level: wl.colour for wl in playbook.warnings.levels}


def _check_level(playbook: Playbook, level: str) -> str:
    """The colour of ``level`` in the plan (``Invalid`` for a level the plan does not have)."""
    colours = _colours(playbook)
    if level not in colours:
        raise Invalid(f"本预案的预警级别为:{'、'.join(colours)}")
    return colours[level]


def _next_identifier(now: dt.datetime) -> str:
    code = sender_code()
    for shift in range(60):
        moment = now + dt.timedelta(seconds=shift)
        stem = cap.identifier(code, moment, 0)[:-1]
        used = WarningMessage.objects.filter(identifier__startswith=stem).count()
        if used < 10:
            return cap.identifier(code, moment, used)
    raise Conflict("同一时间发布的预警过多,请稍后再试")


def _send(warning: EarlyWarning, user: User, msg_type: str, reason: str = "") -> WarningMessage:
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


class IssueWarning(Action[EarlyWarning]):
    """预警发布: a warning at one of the plan's colour levels, sent as a CAP Alert."""

    name = "emergency.warning_issued"

    def __init__(self, actor: User, data: WarningInput) -> None:
        super().__init__(actor)
        self.data = data
        self.incident = None
        if data.incident_id is not None:
            self.incident = access.visible_incidents(actor).filter(pk=data.incident_id).first()

    def check(self) -> None:
        access.require(self.actor, access.WARNERS, "发布预警")
        self.colour = _check_level(playbook_of(self.data.plan_id), self.data.level)
        empty = [label for key, label in _LABELS.items() if not getattr(self.data, key).strip()]
        if empty:
            raise Invalid("须填写:" + "、".join(empty))
        if self.data.incident_id is not None and self.incident is None:
            raise Invalid("关联事件不存在")

    def execute(self) -> EarlyWarning:
        data, now = self.data, clock.now()
        warning = EarlyWarning.objects.create(
            number=f"tmp-{now.timestamp()}-{self.actor.pk}",
            plan_id=data.plan_id,
            incident=self.incident,
            level=data.level,
            colour=self.colour,
            area=data.area.strip()[:200],
            geocode=data.geocode.strip()[:12],
            headline=data.headline.strip()[:200],
            description=data.description.strip(),
            instruction=data.instruction.strip(),
            authority=data.authority.strip()[:100],
            issued_at=now,
            issued_by=self.actor,
            updated_at=now,
        )
        warning.number = f"预警〔{now.astimezone(clock.local_zone()).year}〕{warning.pk}号"
        warning.save(update_fields=["number"])
        self.message = _send(warning, self.actor, "Alert")
        if self.incident is not None:
            text = f"发布{warning_label(warning)}:{warning.headline}"
            log(self.incident, self.actor, "warning", text)
        return warning

    def audit(self, result: EarlyWarning) -> AuditNote:
        after = {"level": result.level, "identifier": self.message.identifier}
        return AuditNote(
            result, summary=f"{result.number} 发布{warning_label(result)}", after=after
        )


class WarningAction(Action[EarlyWarning]):
    """A change of an active warning the actor may see; the warning row is locked first."""

    verb: ClassVar[str]  # 调整 / 解除
    done: ClassVar[str]  # 预警调整为 / 解除 (the timeline's and the audit's words)
    msg_type: ClassVar[str]  # CAP msgType

    def __init__(self, actor: User, pk: int, reason: str) -> None:
        super().__init__(actor)
        self.warning = access.get_warning(actor, pk)
        self.reason = reason.strip()
        self.before: dict[str, str] | None = None

    def targets(self) -> Iterable[models.Model]:
        return [self.warning]

    def check(self) -> None:
        access.require(self.actor, access.WARNERS, f"{self.verb}预警")
        if self.warning.state != EarlyWarning.State.ACTIVE:
            raise Conflict("预警已解除")
        if not self.reason:
            raise Invalid(f"{self.verb}预警须说明理由")

    def send(self, *fields: str) -> EarlyWarning:
        """Save ``fields``, send the CAP message, note it on the incident's timeline."""
        warning = self.warning
        warning.updated_at = clock.now()
        warning.save(update_fields=[*fields, "updated_at"])
        self.message = _send(warning, self.actor, self.msg_type, self.reason)
        if warning.incident is not None:
            log(warning.incident, self.actor, "warning", f"{self.done}{warning_label(warning)}")
        return warning

    def audit(self, result: EarlyWarning) -> AuditNote:
        return AuditNote(
            result,
            summary=f"{result.number} {self.done}{warning_label(result)}",
            reason=self.reason,
            before=self.before,
            after={"level": result.level, "identifier": self.message.identifier},
        )


class AdjustWarning(WarningAction):
    """预警调整: change the level (and text) of an active warning; sent as a CAP Update."""

    name = "emergency.warning_adjusted"
    verb = "调整"
    done = "预警调整为"
    msg_type = "Update"

    def __init__(
        self,
        actor: User,
        pk: int,
        level: str,
        reason: str,
        description: str = "",
        instruction: str = "",
    ) -> None:
        super().__init__(actor, pk, reason)
        self.level, self.description, self.instruction = (
            level,
            description.strip(),
            instruction.strip(),
        )

    def check(self) -> None:
        super().check()
        self.colour = _check_level(playbook_of(self.warning.plan_id), self.level)
        if self.level == self.warning.level and not self.description and not self.instruction:
            raise Invalid("预警级别和内容均未变化")

    def execute(self) -> EarlyWarning:
        warning = self.warning
        self.before = {"level": warning.level}
        warning.level, warning.colour = self.level, self.colour
        warning.description = self.description or warning.description
        warning.instruction = self.instruction or warning.instruction
        return self.send("level", "colour", "description", "instruction")


class LiftWarning(WarningAction):
    """预警解除: the warning is lifted; sent as a CAP Cancel referencing the earlier messages."""

    name = "emergency.warning_lifted"
    verb = "解除"
    done = "解除"
    msg_type = "Cancel"

    def execute(self) -> EarlyWarning:
        warning = self.warning
        warning.state, warning.lifted_at = EarlyWarning.State.LIFTED, clock.now()
        return self.send("state", "lifted_at")


def issue_warning(user: User, data: WarningInput) -> EarlyWarning:
    return IssueWarning(user, data).run()


def adjust_warning(
    user: User, pk: int, level: str, reason: str, *, description: str = "", instruction: str = ""
) -> EarlyWarning:
    return AdjustWarning(user, pk, level, reason, description, instruction).run()


def lift_warning(user: User, pk: int, reason: str) -> EarlyWarning:
    return LiftWarning(user, pk, reason).run()


# --- CAP export -----------------------------------------------------------------------------


def cap_alert(message: WarningMessage) -> cap.CapAlert:
    """The CAP alert of one warning message (references: every earlier message of the warning)."""
    warning = message.warning
    playbook = load_playbook(warning.plan_id)
    earlier = warning.messages.filter(seq__lt=message.seq).order_by("seq")
    verb = {"Alert": "发布", "Update": "调整", "Cancel": "解除"}[message.msg_type]
    colour = COLOUR_NAMES.get(message.colour, message.colour)
    return cap.CapAlert(
        identifier=message.identifier,
        sender=message.sender,
        sent=message.sent_at,
        msg_type=message.msg_type,  # type: ignore[arg-type]
        event=_event_name(playbook.title),
        colour=message.colour,
        headline=f"{warning.authority}{verb}{colour}预警:{message.headline}",
        description=message.description,
        instruction=message.instruction,
        area=warning.area,
        geocode=warning.geocode,
        sender_name=warning.authority,
        category=playbook.cap_category,
        effective=message.sent_at,
        references=tuple(cap.Reference(m.sender, m.identifier, m.sent_at) for m in earlier),
        parameters=(
            ("预警级别", message.level),
            ("预警颜色", message.colour),
            ("预案", f"{playbook.title}({playbook.document})"),
        ),
        note=message.reason,
    )


def _event_name(title: str) -> str:
    """``XX市煤矿事故应急预案`` → ``煤矿事故`` (the CAP ``event``)."""
    name = re.sub(r"^[^市]{1,6}市", "", title).removesuffix("应急预案")
    return name or title


__all__ = ["WarningInput", "adjust_warning", "cap_alert", "issue_warning", "lift_warning"]
