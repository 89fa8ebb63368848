"""The 公示 of the grant lists: publish for five working days, take and resolve objections, and
move a list on once its period is over (二、(三)1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from luoshi.core import clock
from luoshi.core.actions import Action, AuditNote
from luoshi.core.errors import Conflict, Forbidden, Invalid
from luoshi.core.holidays import load_calendar
from luoshi.core.models import User
from luoshi.grants import workflow
from luoshi.grants.access import office_of, visible_applications
from luoshi.grants.models import Application, GrantYear, Objection, Publicity
from luoshi.grants.workflow import Level, State


class PublishList(Action[Publicity]):
    """A level publishes its list (公示) for five working days from ``starts``."""

    name = "grants.publish"

    def __init__(self, actor: User, year: GrantYear, starts: dt.date) -> None:
        super().__init__(actor)
        self.year, self.starts = year, starts

    def check(self) -> None:
        self.office = office_of(self.actor)
        if self.office.level not in workflow.PUBLISHING_LEVELS:
            raise Forbidden("本级不发布公示")
        if self.starts < clock.today():
            raise Invalid("公示开始日期不能早于今天")
        self.listed = list(self._listed())
        if not self.listed:
            raise Conflict("本级没有待公示的申请")

    def _listed(self) -> Any:
        state = State.APPROVED if self.office.level == Level.CITY else State.LISTED
        pending = visible_applications(self.office).filter(
            year=self.year, state=state, level=self.office.level
        )
        return pending.exclude(publicities__office=self.office)

    def execute(self) -> Publicity:
        publicity = Publicity.objects.create(
            office=self.office,
            year=self.year,
            level=self.office.level,
            starts=self.starts,
            ends=workflow.publicity_ends(self.starts, load_calendar()),
            published_at=clock.now(),
        )
        publicity.applications.set(self.listed)
        return publicity

    def audit(self, result: Publicity) -> AuditNote:
        return AuditNote(
            result,
            summary=f"发布公示 {len(self.listed)} 人,{result.starts}至{result.ends}",
            after={"applications": [a.pk for a in self.listed]},
        )


class ForwardList(Action[Publicity]):
    """After its 公示, without open objections, a list moves up (or, the city's, to payment)."""

    name = "grants.forward"

    def __init__(self, actor: User, publicity: Publicity) -> None:
        super().__init__(actor)
        self.publicity = publicity

    def targets(self) -> list[Publicity]:
        return [self.publicity]

    def check(self) -> None:
        office = office_of(self.actor)
        if self.publicity.office_id != office.pk:
            raise Forbidden("只能上报本单位的公示名单")
        if self.publicity.state != Publicity.State.OPEN:
            raise Conflict("该名单已上报")
        open_objections = self.publicity.objections.filter(resolved_at__isnull=True).count()
        try:
            self.to = workflow.check_forward(
                Level(self.publicity.level), clock.today(), self.publicity.ends, open_objections
            )
        except workflow.WorkflowError as exc:
            raise Conflict(str(exc)) from exc

    def execute(self) -> Publicity:
        listed = self.publicity.applications.filter(state=State.LISTED)
        if self.to is not None:
            listed.update(state=State.IN_REVIEW, level=self.to, updated_at=clock.now())
        self.publicity.state = Publicity.State.FORWARDED
        self.publicity.forwarded_at = clock.now()
        self.publicity.save(update_fields=["state", "forwarded_at"])
        return self.publicity

    def audit(self, result: Publicity) -> AuditNote:
        where = workflow.LEVEL_NAMES[self.to] if self.to else "资金发放"
        return AuditNote(result, summary=f"公示期满无异议,名单报送{where}")


class RaiseObjection(Action[Objection]):
    """Anyone may object to a name on an open 公示 (异议); the office records it."""

    name = "grants.object"

    def __init__(
        self,
        actor: User,
        publicity: Publicity,
        text: str,
        raised_by: str,
        application: Application | None,
    ) -> None:
        super().__init__(actor)
        self.publicity, self.text, self.raised_by = publicity, text.strip(), raised_by.strip()
        self.application = application

    def check(self) -> None:
        if self.publicity.state != Publicity.State.OPEN or clock.today() > self.publicity.ends:
            raise Conflict("公示已结束,不再受理异议")
        if not self.text:
            raise Invalid("请填写异议内容")
        if (
            self.application
            and not self.publicity.applications.filter(pk=self.application.pk).exists()
        ):
            raise Invalid("该学生不在本次公示名单中")

    def execute(self) -> Objection:
        return Objection.objects.create(
            publicity=self.publicity,
            application=self.application,
            text=self.text[:2000],
            raised_by=self.raised_by[:64],
            raised_at=clock.now(),
        )

    def audit(self, result: Objection) -> AuditNote:
        return AuditNote(result, summary="公示期间收到异议")


class ResolveObjection(Action[Objection]):
    """The publishing office records how an objection was resolved (核实处理)."""

    name = "grants.resolve_objection"

    def __init__(self, actor: User, objection: Objection, resolution: str) -> None:
        super().__init__(actor)
        self.objection, self.resolution = objection, resolution.strip()

    def targets(self) -> list[Objection]:
        return [self.objection]

    def check(self) -> None:
        if self.objection.publicity.office_id != office_of(self.actor).pk:
            raise Forbidden("只能处理本单位公示的异议")
        if self.objection.resolved_at is not None:
            raise Conflict("该异议已处理")
        if not self.resolution:
            raise Invalid("请填写处理结果")

    def execute(self) -> Objection:
        self.objection.resolution, self.objection.resolved_at = self.resolution, clock.now()
        self.objection.save(update_fields=["resolution", "resolved_at"])
        return self.objection

    def audit(self, result: Objection) -> AuditNote:
        return AuditNote(result, summary="异议已处理", reason=self.resolution)
