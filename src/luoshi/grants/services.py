"""The named actions of the grant procedure: each checks the office, changes rows, is audited.

Rules come from :mod:`luoshi.grants.rules` (eligibility) and :mod:`luoshi.grants.workflow`
(levels, 公示); the working calendar from the holiday table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError

from luoshi.core import clock, sealed
from luoshi.core.actions import Action, AuditNote
from luoshi.core.errors import Conflict, Forbidden, Invalid
from luoshi.core.models import User
from luoshi.core.personal import PersonalDataError, check_id_number, id_birth_date, mask_id
from luoshi.grants import rules, workflow
from luoshi.grants.access import office_of, visible_applications
from luoshi.grants.models import (
    Application,
    Decision,
    GrantYear,
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
