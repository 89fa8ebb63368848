"""The named actions of the grant procedure: each checks the office, changes rows, is audited.

Rules come from :mod:`luoshi.grants.rules` (eligibility) and :mod:`luoshi.grants.workflow`
(levels, 公示); the working calendar from the holiday table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError

from luoshi.core import audit, clock, sealed
from luoshi.core.actions import Action, AuditNote
from luoshi.core.errors import Conflict, Forbidden, Invalid, NotFound
from luoshi.core.holidays import load_calendar
from luoshi.core.models import User
from luoshi.core.personal import PersonalDataError, check_id_number, id_birth_date, mask_id
from luoshi.core.uploads import evidence_content_type, evidence_problem, safe_filename
from luoshi.grants import rules, workflow
from luoshi.grants.access import office_of, visible_applications
from luoshi.grants.models import (
    Application,
    Decision,
    Evidence,
    GrantYear,
    HomeVisit,
    Objection,
    Publicity,
    SampleDraw,
    SurveyEntry,
)
from luoshi.grants.workflow import Level, State


@dataclass
class ApplicationForm:
    """The 申请表's fields as entered by the school (validated by the form or the API)."""

    student_name: str
    gender: str
    id_number: str
    hukou_address: str
    hukou_jincheng: bool
    phone: str
    household_size: int
    per_capita_income_yuan: Decimal | None
    categories: list[str]
    family_situation: str
    exam_number: str
    college: str
    institution: str
    admission_batch: str
    full_time: bool
    donations_yuan: Decimal
    family_planning_aid_yuan: Decimal


def assess(application: Application) -> rules.Assessment:
    year = application.year
    readings = rules.Readings(
        exclusions_bind=year.exclusions_bind,  # type: ignore[arg-type]
        aid_basis=year.aid_basis,  # type: ignore[arg-type]
        dibao_standard_yuan=float(year.dibao_standard_yuan) if year.dibao_standard_yuan else None,
    )
    applicant = rules.Applicant(
        categories=frozenset(rules.Category(c) for c in application.categories),
        hukou_jincheng=application.hukou_jincheng,
        full_time=application.full_time,
        institution=application.institution,
        admission_batch=application.admission_batch,
        per_capita_income_yuan=_float(application.per_capita_income_yuan),
        donations_yuan=float(application.donations_yuan),
        family_planning_aid_yuan=float(application.family_planning_aid_yuan),
    )
    return rules.assess(applicant, readings)


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _apply_assessment(application: Application) -> None:
    answer = assess(application)
    application.tier, application.amount = answer.tier, answer.amount
    application.assessment = answer.as_dict()


class RegisterApplication(Action[Application]):
    """The school enters a student's application (录入申请表)."""

    name = "grants.register"

    def __init__(self, actor: User, year: GrantYear, form: ApplicationForm) -> None:
        super().__init__(actor)
        self.year, self.form = year, form

    def check(self) -> None:
        self.office = office_of(self.actor)
        if self.office.level != Level.SCHOOL:
            raise Forbidden("申请表由学生毕业学校录入")
        try:
            self.id_number = check_id_number(self.form.id_number, today=clock.today())
        except PersonalDataError as exc:
            raise Invalid(str(exc)) from exc
        if Application.objects.filter(
            year=self.year, id_digest=sealed.digest(self.id_number)
        ).exists():
            raise Conflict(f"该身份证号在{self.year.year}年度已有申请,不能重复申请")

    def execute(self) -> Application:
        now = clock.now()
        fields: dict[str, Any] = dict(vars(self.form))
        fields.pop("id_number")
        application = Application(
            year=self.year,
            school=self.office,
            id_cipher=sealed.seal(self.id_number),
            id_digest=sealed.digest(self.id_number),
            id_masked=mask_id(self.id_number),
            birth_date=id_birth_date(self.id_number),
            created_by=self.actor,
            created_at=now,
            updated_at=now,
            **fields,
        )
        _apply_assessment(application)
        try:
            application.save()
        except IntegrityError as exc:  # a concurrent entry of the same ID number
            raise Conflict(f"该身份证号在{self.year.year}年度已有申请,不能重复申请") from exc
        return application

    def audit(self, result: Application) -> AuditNote:
        return AuditNote(
            result,
            summary=f"录入资助申请 {result.student_name}({result.id_masked})",
            after={"amount": result.amount, "tier": result.tier, "categories": result.categories},
        )


class _ApplicationAction(Action[Application]):
    """An action on one application visible to the actor's office."""

    def __init__(self, actor: User, application: Application) -> None:
        super().__init__(actor)
        self.application = application

    def targets(self) -> list[Application]:
        return [self.application]

    def check(self) -> None:
        self.office = office_of(self.actor)
        if not visible_applications(self.office).filter(pk=self.application.pk).exists():
            raise Forbidden("无权办理该申请")

    def _save(self, *fields: str) -> None:
        self.application.updated_at = clock.now()
        self.application.save(update_fields=[*fields, "updated_at"])


class SubmitApplication(_ApplicationAction):
    """The school puts an entered (or returned and corrected) application into its review."""

    name = "grants.submit"

    def check(self) -> None:
        super().check()
        if self.office.level != Level.SCHOOL:
            raise Forbidden("申请由学校提交")
        try:
            workflow.check_submit(workflow.State(self.application.state))
        except workflow.WorkflowError as exc:
            raise Conflict(str(exc)) from exc
        if not self.application.evidence.exists():
            raise Invalid("请先上传证明材料")

    def execute(self) -> Application:
        app = self.application
        _apply_assessment(app)
        app.state, app.level, app.return_reason = State.IN_REVIEW, Level.SCHOOL, ""
        self._save("state", "level", "return_reason", "tier", "amount", "assessment")
        return app

    def audit(self, result: Application) -> AuditNote:
        return AuditNote(result, summary=f"提交资助申请 {result.student_name}")


class ReviewApplication(_ApplicationAction):
    """A level decides: approve (onto its list, or up to the bureau), return, or reject."""

    name = "grants.review"

    def __init__(
        self, actor: User, application: Application, outcome: str, reason: str = ""
    ) -> None:
        super().__init__(actor, application)
        self.outcome, self.reason = outcome, reason.strip()

    def check(self) -> None:
        super().check()
        app = self.application
        try:
            workflow.check_review(State(app.state), Level(app.level), Level(self.office.level))
        except workflow.WorkflowError as exc:
            raise Conflict(str(exc)) from exc
        if self.outcome not in Decision.Outcome.values:
            raise Invalid("请选择审核结论")
        if self.outcome != Decision.Outcome.APPROVED and not self.reason:
            raise Invalid("退回或不予资助须说明理由")
        if self.outcome == Decision.Outcome.APPROVED and not app.amount:
            raise Conflict("按办法该申请不符合资助条件,不能审核通过")

    def execute(self) -> Application:
        app = self.application
        at = Level(app.level)
        Decision.objects.create(
            application=app,
            level=at,
            outcome=self.outcome,
            reason=self.reason,
            actor=self.actor,
            created_at=clock.now(),
        )
        if self.outcome == Decision.Outcome.APPROVED:
            app.state, app.level = workflow.after_approval(at)
        elif self.outcome == Decision.Outcome.RETURNED:
            app.state, app.level, app.return_reason = State.RETURNED, Level.SCHOOL, self.reason
        else:
            app.state = State.REJECTED
        self._save("state", "level", "return_reason")
        return app

    def audit(self, result: Application) -> AuditNote:
        label = Decision.Outcome(self.outcome).label
        return AuditNote(
            result, summary=f"{label}资助申请 {result.student_name}", reason=self.reason
        )


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


class DrawVisitSample(Action[SampleDraw]):
    """A county centre draws the applications it visits again (随机入户核查), reproducibly."""

    name = "grants.draw_sample"

    def __init__(self, actor: User, year: GrantYear, seed: str) -> None:
        super().__init__(actor)
        self.year, self.seed = year, seed.strip()[:64]

    def check(self) -> None:
        self.office = office_of(self.actor)
        if self.office.level != Level.COUNTY:
            raise Forbidden("入户抽查由县级资助中心进行")
        if not self.seed:
            raise Invalid("请填写随机种子(如抽取当日的日期和见证人)")
        self.candidates = list(
            visible_applications(self.office)
            .filter(year=self.year, state=State.IN_REVIEW, level=Level.COUNTY)
            .values_list("pk", flat=True)
        )
        if not self.candidates:
            raise Conflict("本级没有待核查的申请")

    def execute(self) -> SampleDraw:
        chosen = workflow.draw_sample(self.candidates, self.year.visit_sample_size, self.seed)
        Application.objects.filter(pk__in=chosen).update(visit_sampled=True)
        return SampleDraw.objects.create(
            office=self.office,
            year=self.year,
            seed=self.seed,
            size=self.year.visit_sample_size,
            candidates=sorted(self.candidates),
            chosen=chosen,
            drawn_at=clock.now(),
        )

    def audit(self, result: SampleDraw) -> AuditNote:
        return AuditNote(
            result,
            summary=f"随机抽取 {len(result.chosen)} 户入户核查(种子 {result.seed})",
            after={"chosen": result.chosen},
        )


class RecordHomeVisit(_ApplicationAction):
    """A school's home visit (入户调查) or a county's sampled re-visit, with its findings."""

    name = "grants.home_visit"

    def __init__(
        self,
        actor: User,
        application: Application,
        visited_on: dt.date,
        findings: str,
        confirmed: bool,
    ) -> None:
        super().__init__(actor, application)
        self.visited_on, self.findings, self.confirmed = visited_on, findings.strip(), confirmed

    def check(self) -> None:
        super().check()
        if self.office.level not in (Level.SCHOOL, Level.COUNTY):
            raise Forbidden("入户调查由学校或县级资助中心进行")
        if self.visited_on > clock.today():
            raise Invalid("入户日期不能晚于今天")
        if not self.findings:
            raise Invalid("请填写核实情况")

    def execute(self) -> Application:
        HomeVisit.objects.create(
            application=self.application,
            level=self.office.level,
            visited_on=self.visited_on,
            findings=self.findings,
            confirmed=self.confirmed,
            actor=self.actor,
        )
        return self.application

    def audit(self, result: Application) -> AuditNote:
        verdict = "情况属实" if self.confirmed else "情况不符"
        return AuditNote(result, summary=f"入户调查 {result.student_name}: {verdict}")


class UploadEvidence(_ApplicationAction):
    """The school attaches a supporting document (证明材料), kept at least five years (三、(四)2)."""

    name = "grants.evidence"
    RETAIN_YEARS = 5

    def __init__(
        self, actor: User, application: Application, kind: str, name: str, data: bytes
    ) -> None:
        super().__init__(actor, application)
        self.kind, self.name, self.data = kind, safe_filename(name), data

    def check(self) -> None:
        super().check()
        if self.office.level != Level.SCHOOL:
            raise Forbidden("证明材料由学校上传")
        if self.application.state not in (State.DRAFT, State.RETURNED):
            raise Conflict("申请已提交,不能再上传材料")
        if self.kind not in Evidence.Kind.values:
            raise Invalid("请选择材料类型")
        problem = evidence_problem(self.name, len(self.data), self.data[:16])
        if problem:
            raise Invalid(problem)

    def execute(self) -> Application:
        today = clock.today()
        Evidence.objects.create(
            application=self.application,
            kind=self.kind,
            file=ContentFile(self.data, name=self.name),
            name=self.name,
            size=len(self.data),
            content_type=evidence_content_type(self.data[:16]),
            uploaded_at=clock.now(),
            retain_until=dt.date(today.year + self.RETAIN_YEARS, 12, 31),
        )
        return self.application

    def audit(self, result: Application) -> AuditNote:
        return AuditNote(result, summary=f"上传证明材料 {self.name}({result.student_name})")


def read_evidence(actor: User, evidence: Evidence) -> Evidence:
    """An office reviewing the application reads a certificate: every read is logged."""
    office = office_of(actor)
    if not visible_applications(office).filter(pk=evidence.application_id).exists():
        raise NotFound("材料不存在或无权查看")
    audit.record(
        "grants.evidence_read",
        evidence,
        actor=actor,
        summary=f"查阅证明材料 {evidence.name}({evidence.application.student_name})",
    )
    return evidence


SURVEY_MONTH_DAY = (5, 31)  # 二、(一)1: 每年5月底前


class AddSurveyEntry(Action[SurveyEntry]):
    """The school records a final-year student from a poor family in its survey (摸底)."""

    name = "grants.survey"

    def __init__(
        self, actor: User, year: GrantYear, student_name: str, class_name: str, situation: str,
        categories: list[str], surveyed_on: dt.date,
    ) -> None:  # fmt: skip
        super().__init__(actor)
        self.year, self.student_name, self.class_name = (
            year,
            student_name.strip(),
            class_name.strip(),
        )
        self.situation, self.categories, self.surveyed_on = (
            situation.strip(),
            categories,
            surveyed_on,
        )

    def check(self) -> None:
        self.office = office_of(self.actor)
        if self.office.level != Level.SCHOOL:
            raise Forbidden("摸底由高中阶段学校进行")
        if not self.student_name or not self.class_name or not self.situation:
            raise Invalid("请填写姓名、班级和家庭经济困难情况")
        if any(c not in rules.Category.__members__.values() for c in self.categories):
            raise Invalid("困难类别不正确")
        if self.surveyed_on > clock.today() or self.surveyed_on.year != self.year.year:
            raise Invalid("摸底日期应在本年度且不晚于今天")

    def execute(self) -> SurveyEntry:
        return SurveyEntry.objects.create(
            year=self.year, school=self.office, student_name=self.student_name[:32],
            class_name=self.class_name[:32], situation=self.situation[:2000],
            categories=self.categories, surveyed_on=self.surveyed_on,
        )  # fmt: skip

    def audit(self, result: SurveyEntry) -> AuditNote:
        return AuditNote(result, summary=f"摸底登记 {result}")


def survey_due(year: GrantYear) -> dt.date:
    month, day = SURVEY_MONTH_DAY
    return dt.date(year.year, month, day)
