"""State capital revenue rules (晋市政办〔2020〕19号): examples from the text and properties."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.core.calendar import WorkingCalendar
from luoshi.revenue.rules import (
    CLAUSES,
    FactsError,
    Kind,
    RevenueFacts,
    assess,
    facts_from_json,
    profit_rate,
    split_budget,
)

CALENDAR = WorkingCalendar()  # chinese-calendar's announced years


def facts(kind: str, base: str = "1000000", **more) -> RevenueFacts:
    return RevenueFacts(
        kind=Kind(kind), fiscal_year=more.pop("fiscal_year", 2020), base=Decimal(base), **more
    )


def test_should_charge_profits_at_the_rate_of_their_fiscal_year():
    assert [profit_rate(y) for y in (2016, 2018, 2019, 2020, 2031)] == [
        Decimal("0.14"),
        Decimal("0.14"),
        Decimal("0.18"),
        Decimal("0.30"),
        Decimal("0.30"),
    ]
    assert assess(facts("profit", "1234567.89", fiscal_year=2019), CALENDAR).amount == Decimal(
        "222222.22"
    )


def test_should_declare_profits_by_31_may_moved_past_a_rest_day():
    # 2021-05-31 is a Monday; 2020-05-31 a Sunday, so the declaration is due Monday 1 June.
    assert assess(facts("profit", fiscal_year=2020), CALENDAR).declare_by == dt.date(2021, 5, 31)
    assert assess(facts("profit", fiscal_year=2019), CALENDAR).declare_by == dt.date(2020, 6, 1)


def test_should_take_other_kinds_in_full_within_30_working_days_of_their_event():
    answer = assess(facts("transfer", "880000", event_date=dt.date(2020, 9, 25)), CALENDAR)
    assert (answer.amount, answer.rate) == (Decimal("880000.00"), Decimal(1))
    # the National Day holiday (10-1 … 10-8, with 9-27 and 10-10 worked) is skipped
    assert answer.declare_by == CALENDAR.add_working_days(dt.date(2020, 9, 25), 30)
    assert answer.declare_by == dt.date(2020, 11, 12)


def test_should_set_the_payment_limit_only_from_a_notice():
    without = assess(facts("dividend", event_date=dt.date(2020, 3, 2)), CALENDAR)
    assert without.pay_by is None
    notice = facts("dividend", event_date=dt.date(2020, 3, 2), notice_date=dt.date(2020, 4, 28))
    answer = assess(notice, CALENDAR)
    # 15 working days: the Labour Day holiday (5-1 … 5-5) skipped, Saturday 5-9 worked (调休)
    assert answer.pay_by == dt.date(2020, 5, 21)
    assert answer.clauses[-1][0] == "三、(四)"


def test_should_split_the_budget_30_70():
    assert split_budget(Decimal("1000.01")) == (Decimal("300.00"), Decimal("700.01"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "bonus", "fiscal_year": 2020, "base": 1}, "kind must be one of"),
        ({"kind": "profit", "fiscal_year": 2020, "base": -5}, "base must be a finite number"),
        ({"kind": "profit", "fiscal_year": "2020", "base": 5}, "fiscal_year must be"),
        ({"kind": "dividend", "fiscal_year": 2020, "base": 5}, "event_date is required"),
        ({"kind": "other", "fiscal_year": 2020, "base": 5, "event_date": "2020-02-30"}, "ISO date"),
        ({"kind": "profit", "fiscal_year": 2020, "base": 5, "rate": 1}, "unknown field 'rate'"),
    ],
)
def test_should_refuse_bad_facts_naming_the_field(data, message):
    with pytest.raises(FactsError, match=re.escape(message)):
        facts_from_json(data)


def test_should_quote_clauses_that_stand_in_the_gazette(gazette_text):
    flat = re.sub(r"\s+", "", gazette_text)
    for ref, text in CLAUSES.items():
        assert re.sub(r"\s+", "", text) in flat, ref


# --- properties ------------------------------------------------------------------------------

days = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2025, 12, 31))
any_facts = st.builds(
    RevenueFacts,
    kind=st.sampled_from(list(Kind)),
    fiscal_year=st.integers(2010, 2030),
    base=st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False),
    event_date=days,
    notice_date=st.one_of(st.none(), days),
)


@given(any_facts)
def test_should_never_charge_a_negative_amount_or_more_than_the_base(item):
    answer = assess(item, CALENDAR)
    assert Decimal(0) <= answer.amount <= item.base + Decimal("0.01")


@given(any_facts)
def test_should_fall_due_only_on_working_days(item):
    answer = assess(item, CALENDAR)
    assert CALENDAR.is_working_day(answer.declare_by)
    assert answer.pay_by is None or CALENDAR.is_working_day(answer.pay_by)


@given(st.integers(1990, 2100), st.integers(1990, 2100))
def test_should_never_lower_the_profit_rate_for_a_later_year(a, b):
    early, late = sorted((a, b))
    assert profit_rate(early) <= profit_rate(late)


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_should_split_the_budget_without_losing_a_fen(total):
    general, returned = split_budget(total)
    assert general + returned == total and general >= 0 and returned >= 0
