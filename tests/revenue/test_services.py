"""State capital revenue through its actions: ask, declare, review, notify, pay, return."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from tests.factories import make_unit, make_user

from luoshi.core import clock
from luoshi.core.errors import Conflict, Forbidden, Invalid
from luoshi.core.models import AuditEntry
from luoshi.core.roles import Role
from luoshi.revenue.models import Declaration, Enterprise, ReturnRequest
from luoshi.revenue.services import (
    DecideReturn,
    Declare,
    IssueNotice,
    RecordPayment,
    RequestDeclaration,
    RequestReturn,
    ReviewDeclaration,
    overdue,
    returnable,
    visible_declarations,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    guotou = Enterprise.objects.create(
        unit=make_unit("晋城市国有资本投资运营有限公司"),
        ownership="wholly_owned",
        is_collector=True,
    )
    water = Enterprise.objects.create(
        unit=make_unit("晋城市供水公司"), ownership="wholly_owned", parent=guotou
    )
    bus = Enterprise.objects.create(
        unit=make_unit("晋城市公交公司"), ownership="controlling", parent=guotou
    )
    return {
        "water": water,
        "bus": bus,
        "collector": make_user("guotou", Role.UNIT_STAFF, guotou.unit),
        "water_staff": make_user("water", Role.UNIT_STAFF, water.unit),
        "bus_staff": make_user("bus", Role.UNIT_STAFF, bus.unit),
        "mayor": make_user("mayor", Role.LEADER, make_unit("晋城市人民政府")),
    }


def paid_profit(people, base="2000000"):
    with clock.frozen("2020-04-01T09:00"):
        d = RequestDeclaration(people["collector"], people["water"], "profit", 2019).run()
    assert d.declare_by == dt.date(2020, 6, 1)  # 5-31 is a Sunday
    with clock.frozen("2020-05-20T09:00"):
        Declare(people["water_staff"], d, Decimal(base), None).run()
        ReviewDeclaration(people["collector"], d, True).run()
        IssueNotice(people["collector"], d, dt.date(2020, 5, 20)).run()
    with clock.frozen("2020-06-05T09:00"):
        RecordPayment(people["collector"], d, dt.date(2020, 6, 5), d.amount).run()
    return d


def test_should_carry_a_profit_declaration_to_payment(people):
    d = paid_profit(people)
    d.refresh_from_db()
    assert (d.state, d.amount, d.rate, d.budget_class) == (
        Declaration.State.PAID,
        Decimal("360000.00"),
        Decimal("0.18"),
        "10306",
    )
    assert d.pay_by == dt.date(
        2020, 6, 10
    )  # 15 working days after 5-20, the Dragon Boat holiday skipped
    assert [c["ref"] for c in d.clauses][-1] == "晋市政办〔2020〕19号 三、(四)"
    assert (
        AuditEntry.objects.filter(object_id=str(d.pk), action__startswith="revenue.").count() == 5
    )


def test_should_let_only_the_enterprise_declare_its_own_and_only_the_collector_review(people):
    with clock.frozen("2020-04-01T09:00"):
        d = RequestDeclaration(people["collector"], people["water"], "profit", 2019).run()
        with pytest.raises(Forbidden):
            RequestDeclaration(people["water_staff"], people["bus"], "profit", 2019).run()
        with pytest.raises(Forbidden):
            Declare(people["bus_staff"], d, Decimal(1), None).run()
        with pytest.raises(Invalid, match="负数"):
            Declare(people["water_staff"], d, Decimal(-1), None).run()
        Declare(people["water_staff"], d, Decimal(100), None).run()
        with pytest.raises(Forbidden):
            ReviewDeclaration(people["water_staff"], d, True).run()
        with pytest.raises(Invalid, match="审核意见"):
            ReviewDeclaration(people["collector"], d, False).run()
        with pytest.raises(Conflict):
            Declare(people["water_staff"], d, Decimal(100), None).run()
    assert list(visible_declarations(people["bus_staff"])) == []
    assert list(visible_declarations(people["water_staff"])) == [d]


def test_should_count_a_transfer_from_its_contract_and_require_the_finance_report_for_other(people):
    with clock.frozen("2020-09-30T09:00"):
        t = RequestDeclaration(people["collector"], people["bus"], "transfer", 2020).run()
        Declare(people["bus_staff"], t, Decimal("880000"), dt.date(2020, 9, 25)).run()
        assert (t.amount, t.declare_by) == (Decimal("880000.00"), dt.date(2020, 11, 12))
        other = RequestDeclaration(people["collector"], people["bus"], "other", 2020).run()
        with pytest.raises(Invalid, match="市财政局报备"):
            Declare(people["bus_staff"], other, Decimal(5), dt.date(2020, 9, 1)).run()
        with pytest.raises(Invalid, match="日期"):
            Declare(people["bus_staff"], other, Decimal(5), None, reported_to_finance=True).run()


def test_should_list_late_declarations_and_payments(people):
    with clock.frozen("2020-04-01T09:00"):
        d = RequestDeclaration(people["collector"], people["water"], "profit", 2019).run()
    assert list(overdue(dt.date(2020, 6, 1))) == []
    assert list(overdue(dt.date(2020, 6, 2))) == [d]


def test_should_return_at_most_the_70_percent_with_the_city_governments_approval(people):
    with clock.frozen("2020-06-05T09:00"):
        paid_profit(people)  # 360,000 paid: 108,000 to the general budget, 252,000 returnable
        assert returnable(2020) == Decimal("252000.00")
        with pytest.raises(Conflict, match="可返还额度"):
            RequestReturn(people["collector"], 2020, "capital", Decimal("252000.01"), "注资").run()
        request = RequestReturn(
            people["collector"], 2020, "capital", Decimal("200000"), "公交公司资本金注入"
        ).run()
        assert returnable(2020) == Decimal("52000.00")
        with pytest.raises(Forbidden):
            DecideReturn(people["collector"], request, True).run()
        DecideReturn(people["mayor"], request, True).run()
    assert ReturnRequest.objects.get().state == ReturnRequest.State.APPROVED


def test_should_remind_before_and_escalate_after_a_limit_once(people):
    from luoshi.revenue.reminders import send_revenue_reminders
    from luoshi.supervision.models import Notification

    with clock.frozen("2020-04-01T09:00"):
        RequestDeclaration(people["collector"], people["water"], "profit", 2019).run()
    with clock.frozen("2020-05-27T09:00"):  # due Monday 6-1: within three working days
        assert send_revenue_reminders().reminders == 1
        assert send_revenue_reminders().reminders == 0  # sent once
    with clock.frozen("2020-06-02T09:00"):
        sweep = send_revenue_reminders()
    assert sweep.escalations == 2  # the enterprise's staff and the 市国投公司
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"water", "guotou"}
