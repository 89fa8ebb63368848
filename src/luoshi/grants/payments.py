"""Paying the grants: the bank's 存单 batch, the students' signatures, and claw-backs.

The city centre prepares the payments once the city's list has passed its 公示 (三、(三)2), each
from the city's or the county's budget by the school's affiliation; the school records each
student's signature; a recipient who never enrols has the money recovered on the school's written
report (三、(四)5).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from luoshi.core import clock, sealed
from luoshi.core.actions import Action, AuditNote
from luoshi.core.documents import Column, house_workbook
from luoshi.core.errors import Conflict, Forbidden, Invalid
from luoshi.core.models import User
from luoshi.grants.access import office_of, visible_applications
from luoshi.grants.models import Application, Clawback, GrantOffice, GrantYear, Payment, Publicity
from luoshi.grants.workflow import Level, State


def payable(year: GrantYear) -> QuerySet[Application]:
    """Decided recipients whose city list has passed its 公示 and who are not yet paid."""
    return Application.objects.filter(
        year=year,
        state=State.APPROVED,
        publicities__level=Level.CITY,
        publicities__state=Publicity.State.FORWARDED,
        payment__isnull=True,
    ).distinct()


def _source(office: GrantOffice) -> str:
    return Payment.Source.CITY if office.affiliation == "city" else Payment.Source.COUNTY


class PreparePayments(Action[list[Payment]]):
    """The city centre prepares one 存单 per payable recipient (资助专用存单)."""

    name = "grants.prepare_payments"

    def __init__(self, actor: User, year: GrantYear) -> None:
        super().__init__(actor)
        self.year = year

    def check(self) -> None:
        if office_of(self.actor).level != Level.CITY:
            raise Forbidden("资助资金由市学生资助事务中心办理发放")
        self.recipients = list(payable(self.year).select_related("school"))
        if not self.recipients:
            raise Conflict("没有公示期满待发放的资助对象")

    def execute(self) -> list[Payment]:
        now = clock.now()
        return Payment.objects.bulk_create(
            Payment(application=a, amount=a.amount, source=_source(a.school), prepared_at=now)
            for a in self.recipients
        )

    def audit(self, result: list[Payment]) -> AuditNote:
        total = sum(p.amount for p in result)
        return AuditNote(
            None,
            object_type="grants.grantyear",
            object_id=str(self.year.pk),
            summary=f"制发资助专用存单 {len(result)} 份,合计 {total} 元",
        )


def bank_batch(year: GrantYear, office: GrantOffice) -> bytes:
    """The xlsx the bank opens the deposits from: full ID numbers, so the city centre only."""
    if office.level != Level.CITY:
        raise Forbidden("存单清单含完整身份证号,仅限市学生资助事务中心下载")
    payments = Payment.objects.filter(application__year=year).select_related(
        "application__school__unit"
    )
    rows = [
        [
            p.application.school.unit.name,
            p.application.student_name,
            sealed.unseal(p.application.id_cipher),
            p.amount,
            p.get_source_display(),
            p.deposit_number,
        ]
        for p in payments
    ]
    columns = [
        Column("毕业学校"),
        Column("姓名", 10),
        Column("身份证号", 22),
        Column("金额(元)", 10, "integer"),
        Column("资金来源", 10),
        Column("存单号", 16),
    ]
    return house_workbook(f"{year.year}年家庭经济困难大学新生资助专用存单清单", columns, rows)


class _PaymentAction(Action[Payment]):
    def __init__(self, actor: User, payment: Payment) -> None:
        super().__init__(actor)
        self.payment = payment

    def targets(self) -> list[Payment]:
        return [self.payment]

    def _school_check(self) -> None:
        office = office_of(self.actor)
        if office.level != Level.SCHOOL or self.payment.application.school_id != office.pk:
            raise Forbidden("由学生毕业学校办理")


class RecordSignature(_PaymentAction):
    """The school hands the 存单 out and records the student's signature (受助学生签字领取)."""

    name = "grants.sign"

    def __init__(self, actor: User, payment: Payment, signed_on: dt.date) -> None:
        super().__init__(actor, payment)
        self.signed_on = signed_on

    def check(self) -> None:
        self._school_check()
        if self.payment.signed_on is not None:
            raise Conflict("该存单已签领")
        if self.signed_on > clock.today() or self.signed_on < self.payment.prepared_at.date():
            raise Invalid("签领日期应在制单之后、今天之前")

    def execute(self) -> Payment:
        self.payment.signed_on = self.signed_on
        self.payment.save(update_fields=["signed_on"])
        return self.payment

    def audit(self, result: Payment) -> AuditNote:
        return AuditNote(result, summary=f"{result.application.student_name} 签领存单")


class OpenClawback(_PaymentAction):
    """A recipient did not enrol: the school reports it and the grant is to be recovered."""

    name = "grants.clawback"

    def __init__(self, actor: User, payment: Payment, reason: str, report: str) -> None:
        super().__init__(actor, payment)
        self.reason, self.report = reason.strip(), report.strip()

    def check(self) -> None:
        self._school_check()
        if Clawback.objects.filter(application=self.payment.application).exists():
            raise Conflict("已登记追回")
        if not self.reason or not self.report:
            raise Invalid("请填写未报到情况和书面报告")

    def execute(self) -> Payment:
        Clawback.objects.create(
            application=self.payment.application,
            reason=self.reason,
            report=self.report,
            amount=self.payment.amount,
            opened_at=clock.now(),
        )
        return self.payment

    def audit(self, result: Payment) -> AuditNote:
        return AuditNote(
            result, summary=f"登记追回 {result.application.student_name} {result.amount}元"
        )


def paid_in(year: GrantYear, office: GrantOffice) -> QuerySet[Payment]:
    return Payment.objects.filter(application__in=visible_applications(office).filter(year=year))
