"""The named actions of state capital revenue: ask, declare, review, notify, pay, return.

The 市国投公司 (the collector) asks enterprises to declare and reviews what they declare; an
enterprise declares its own revenue; the city government (a leader) approves returns of the 70%.
Amounts, rates and time limits come from :mod:`luoshi.revenue.rules`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from luoshi.core import clock
from luoshi.core.actions import Action, AuditNote
from luoshi.core.errors import Conflict, Forbidden, Invalid
from luoshi.core.holidays import load_calendar
from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.revenue import rules
from luoshi.revenue.models import Declaration, Enterprise, ReturnRequest

State = Declaration.State


def enterprise_of(user: User) -> Enterprise | None:
    if not user.is_authenticated or user.unit_id is None:
        return None
    return Enterprise.objects.filter(unit_id=user.unit_id).first()


def require_collector(user: User) -> Enterprise:
    enterprise = enterprise_of(user)
    if enterprise is None or not enterprise.is_collector:
        raise Forbidden("由市国投公司办理")
    return enterprise


def visible_declarations(user: User) -> QuerySet[Declaration]:
    """The collector and leaders see every declaration; an enterprise its own."""
    declarations = Declaration.objects.select_related("enterprise__unit")
    enterprise = enterprise_of(user)
    if user.is_superuser or user.role == Role.LEADER or (enterprise and enterprise.is_collector):
        return declarations
    if enterprise is None:
        return declarations.none()
    return declarations.filter(enterprise=enterprise)


def _facts(declaration: Declaration, **changes: object) -> rules.RevenueFacts:
    values: dict[str, object] = {
        "kind": rules.Kind(declaration.kind),
        "fiscal_year": declaration.fiscal_year,
        "base": declaration.base or Decimal(0),
        "event_date": declaration.event_date,
        "notice_date": declaration.notice_date,
    }
    values.update(changes)
    return rules.RevenueFacts(**values)  # type: ignore[arg-type]


def _apply(declaration: Declaration, facts: rules.RevenueFacts) -> None:
    if facts.kind is not rules.Kind.PROFIT and facts.event_date is None:
        declaration.declare_by = None
        return
    answer = rules.assess(facts, load_calendar())
    declaration.amount, declaration.rate = answer.amount, answer.rate
    declaration.declare_by, declaration.pay_by = answer.declare_by, answer.pay_by
    declaration.clauses = answer.as_dict()["clauses"]


class RequestDeclaration(Action[Declaration]):
    """The 市国投公司 asks an enterprise to declare a kind of revenue for a year (组织申报)."""

    name = "revenue.request"

    def __init__(
        self, actor: User, enterprise: Enterprise, kind: str, fiscal_year: int,
        event_date: dt.date | None = None,
    ) -> None:  # fmt: skip
        super().__init__(actor)
        self.enterprise, self.kind, self.fiscal_year, self.event_date = (
            enterprise,
            kind,
            fiscal_year,
            event_date,
        )

    def check(self) -> None:
        require_collector(self.actor)
        if self.kind not in rules.Kind.__members__.values():
            raise Invalid("收益类型不正确")
        if not 1990 <= self.fiscal_year <= clock.today().year:
            raise Invalid("所属年度不正确")
        if self.event_date and self.event_date > clock.today():
            raise Invalid("决议或合同日期不能晚于今天")
        duplicate = Declaration.objects.filter(
            enterprise=self.enterprise, kind=self.kind, fiscal_year=self.fiscal_year,
            event_date=self.event_date,
        )  # fmt: skip
        if duplicate.exists():
            raise Conflict("该企业本年度此项收益已发起申报")

    def execute(self) -> Declaration:
        declaration = Declaration(
            enterprise=self.enterprise, kind=self.kind, fiscal_year=self.fiscal_year,
            event_date=self.event_date, requested_by=self.actor, requested_at=clock.now(),
        )  # fmt: skip
        _apply(declaration, _facts(declaration))
        declaration.amount = declaration.rate = None  # nothing is due before the base is declared
        declaration.save()
        return declaration

    def audit(self, result: Declaration) -> AuditNote:
        return AuditNote(result, summary=f"组织申报 {result}")


class _DeclarationAction(Action[Declaration]):
    def __init__(self, actor: User, declaration: Declaration) -> None:
        super().__init__(actor)
        self.declaration = declaration

    def targets(self) -> list[Declaration]:
        return [self.declaration]

    def _require_state(self, *states: str) -> None:
        if self.declaration.state not in states:
            raise Conflict(f"该申报{self.declaration.get_state_display()},不能办理")


class Declare(_DeclarationAction):
    """The enterprise declares the base (audited net profit or net proceeds) and its date."""

    name = "revenue.declare"

    def __init__(
        self, actor: User, declaration: Declaration, base: Decimal, event_date: dt.date | None,
        note: str = "", reported_to_finance: bool = False,
    ) -> None:  # fmt: skip
        super().__init__(actor, declaration)
        self.base, self.event_date, self.note = base, event_date, note.strip()
        self.reported_to_finance = reported_to_finance

    def check(self) -> None:
        if enterprise_of(self.actor) != self.declaration.enterprise:
            raise Forbidden("只能申报本企业的收益")
        self._require_state(State.REQUESTED, State.RETURNED)
        if self.base < 0:
            raise Invalid("核定基数不能为负数(亏损年度应交利润为0)")
        event = self.event_date or self.declaration.event_date
        if self.declaration.kind != rules.Kind.PROFIT and event is None:
            raise Invalid("请填写决议、合同、分配方案或收益确定日期")
        if event and event > clock.today():
            raise Invalid("日期不能晚于今天")
        if self.declaration.kind == rules.Kind.OTHER and not self.reported_to_finance:
            raise Invalid("其他国有资本收益须同时向市财政局报备")

    def execute(self) -> Declaration:
        d = self.declaration
        d.base, d.note, d.reported_to_finance = self.base, self.note, self.reported_to_finance
        d.event_date = self.event_date or d.event_date
        _apply(d, _facts(d))
        d.state, d.declared_at = State.DECLARED, clock.now()
        d.save()
        return d

    def audit(self, result: Declaration) -> AuditNote:
        late = result.declare_by and clock.today() > result.declare_by
        return AuditNote(
            result,
            summary=f"申报 {result}: 应交 {result.amount} 元" + (",逾期申报" if late else ""),
            after={"base": str(result.base), "amount": str(result.amount)},
        )


class ReviewDeclaration(_DeclarationAction):
    """The 市国投公司 accepts a declaration or returns it with its comment (审核)."""

    name = "revenue.review"

    def __init__(
        self, actor: User, declaration: Declaration, accept: bool, comment: str = ""
    ) -> None:
        super().__init__(actor, declaration)
        self.accept, self.comment = accept, comment.strip()

    def check(self) -> None:
        require_collector(self.actor)
        self._require_state(State.DECLARED)
        if not self.accept and not self.comment:
            raise Invalid("退回须填写审核意见")

    def execute(self) -> Declaration:
        d = self.declaration
        d.state = State.ACCEPTED if self.accept else State.RETURNED
        d.review_comment = self.comment
        d.save(update_fields=["state", "review_comment"])
        return d

    def audit(self, result: Declaration) -> AuditNote:
        return AuditNote(
            result, summary=f"审核{'通过' if self.accept else '退回'} {result}", reason=self.comment
        )


class IssueNotice(_DeclarationAction):
    """The 市国投公司 notifies the enterprise to pay (上交通知): 15 working days from the notice."""

    name = "revenue.notice"

    def __init__(self, actor: User, declaration: Declaration, notice_date: dt.date) -> None:
        super().__init__(actor, declaration)
        self.notice_date = notice_date

    def check(self) -> None:
        require_collector(self.actor)
        self._require_state(State.ACCEPTED)
        if self.notice_date > clock.today():
            raise Invalid("通知日期不能晚于今天")

    def execute(self) -> Declaration:
        d = self.declaration
        d.notice_date = self.notice_date
        _apply(d, _facts(d))
        d.state = State.NOTIFIED
        d.save()
        return d

    def audit(self, result: Declaration) -> AuditNote:
        return AuditNote(result, summary=f"下达上交通知 {result},期限 {result.pay_by}")


class RecordPayment(_DeclarationAction):
    """The revenue arrives, booked to 10306 国有资本经营收入 (三、(五))."""

    name = "revenue.pay"

    def __init__(
        self, actor: User, declaration: Declaration, paid_on: dt.date, amount: Decimal
    ) -> None:
        super().__init__(actor, declaration)
        self.paid_on, self.amount = paid_on, amount

    def check(self) -> None:
        require_collector(self.actor)
        self._require_state(State.NOTIFIED)
        if self.paid_on > clock.today() or (
            self.declaration.notice_date and self.paid_on < self.declaration.notice_date
        ):
            raise Invalid("上交日期应在通知之后、今天之前")
        if self.amount != self.declaration.amount:
            raise Invalid(f"实交金额应为应交金额 {self.declaration.amount} 元(全额缴纳)")

    def execute(self) -> Declaration:
        d = self.declaration
        d.paid_on, d.paid_amount, d.state = self.paid_on, self.amount, State.PAID
        d.save(update_fields=["paid_on", "paid_amount", "state"])
        return d

    def audit(self, result: Declaration) -> AuditNote:
        return AuditNote(
            result, summary=f"{result} 上交 {result.paid_amount} 元(科目 {result.budget_class})"
        )


def paid_total(year: int) -> Decimal:
    paid = Declaration.objects.filter(state=State.PAID, paid_on__year=year)
    return paid.aggregate(s=Sum("paid_amount"))["s"] or Decimal(0)


def returnable(year: int) -> Decimal:
    """The 70% of the year's revenue not yet approved for return or asked for."""
    _, pool = rules.split_budget(paid_total(year))
    asked = ReturnRequest.objects.filter(year=year).filter(
        Q(state=ReturnRequest.State.APPROVED) | Q(state=ReturnRequest.State.REQUESTED)
    )
    return pool - (asked.aggregate(s=Sum("amount"))["s"] or Decimal(0))


class RequestReturn(Action[ReturnRequest]):
    """The 市国投公司 asks the city government to return part of the 70% for one purpose."""

    name = "revenue.request_return"

    def __init__(self, actor: User, year: int, purpose: str, amount: Decimal, reason: str) -> None:
        super().__init__(actor)
        self.year, self.purpose, self.amount, self.reason = year, purpose, amount, reason.strip()

    def check(self) -> None:
        require_collector(self.actor)
        if self.purpose not in ReturnRequest.Purpose.values:
            raise Invalid("请选择支出方向")
        if self.amount <= 0:
            raise Invalid("申请金额应大于0")
        if not self.reason:
            raise Invalid("请说明事项")
        available = returnable(self.year)
        if self.amount > available:
            raise Conflict(f"申请金额超过可返还额度 {available} 元")

    def execute(self) -> ReturnRequest:
        return ReturnRequest.objects.create(
            year=self.year, purpose=self.purpose, amount=self.amount, reason=self.reason,
            requested_at=clock.now(),
        )  # fmt: skip

    def audit(self, result: ReturnRequest) -> AuditNote:
        return AuditNote(result, summary=f"申请返还 {result}")


class DecideReturn(Action[ReturnRequest]):
    """The city government approves or refuses a return request (经市政府同意后,财政予以拨付)."""

    name = "revenue.decide_return"

    def __init__(self, actor: User, request: ReturnRequest, approve: bool) -> None:
        super().__init__(actor)
        self.request, self.approve = request, approve

    def targets(self) -> list[ReturnRequest]:
        return [self.request]

    def check(self) -> None:
        if not (self.actor.is_superuser or self.actor.role == Role.LEADER):
            raise Forbidden("返还申请由市政府审批")
        if self.request.state != ReturnRequest.State.REQUESTED:
            raise Conflict("该申请已审批")

    def execute(self) -> ReturnRequest:
        r = self.request
        r.state = ReturnRequest.State.APPROVED if self.approve else ReturnRequest.State.REFUSED
        r.decided_at, r.decided_by = clock.now(), self.actor
        r.save(update_fields=["state", "decided_at", "decided_by"])
        return r

    def audit(self, result: ReturnRequest) -> AuditNote:
        return AuditNote(result, summary=f"返还申请{result.get_state_display()}: {result}")


def overdue(today: dt.date) -> QuerySet[Declaration]:
    """Declarations not made by their limit, and notified revenue not paid by its limit."""
    late_declaring = Q(state__in=[State.REQUESTED, State.RETURNED], declare_by__lt=today)
    late_paying = Q(state=State.NOTIFIED, pay_by__lt=today)
    return Declaration.objects.filter(late_declaring | late_paying).select_related(
        "enterprise__unit"
    )
