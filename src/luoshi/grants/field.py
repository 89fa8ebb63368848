"""The field work of the grant procedure: the school's survey (摸底), certificates uploaded and read
(every read logged), the county's reproducible visit draw and the home visits."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile

from luoshi.core import audit, clock
from luoshi.core.actions import Action, AuditNote
from luoshi.core.errors import Conflict, Forbidden, Invalid, NotFound
from luoshi.core.models import User
from luoshi.core.uploads import evidence_content_type, evidence_problem, safe_filename
from luoshi.grants import rules, workflow
from luoshi.grants.access import office_of, visible_applications
from luoshi.grants.models import (
    Application,
    Evidence,
    GrantYear,
    HomeVisit,
    SampleDraw,
    SurveyEntry,
)
from luoshi.grants.services import _ApplicationAction
from luoshi.grants.workflow import Level, State


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
