"""State capital revenue (国有资本收益) due from a municipal enterprise: 晋市政办〔2020〕19号.

Pure: no Django. For each of the five kinds of revenue the rule gives its base, its rate, when
it must be declared (申报) and when it must be paid (上交), and quotes the clauses. Working days
come from the shared 调休-aware :class:`~luoshi.core.calendar.WorkingCalendar`; a fixed date that
falls on a rest day moves to the next working day (民法典 第二百零三条).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from luoshi.core.calendar import WorkingCalendar

DOCUMENT = "晋市政办〔2020〕19号"
DECLARE_WORKING_DAYS = 30
PAY_WORKING_DAYS = 15
PROFIT_DECLARE_MONTH_DAY = (5, 31)
BUDGET_CLASS = "10306"  # 国有资本经营收入
GENERAL_BUDGET_SHARE = Decimal("0.30")  # 调入一般公共预算; the rest returns to 市国投公司


class Kind(enum.StrEnum):
    PROFIT = "profit"  # 应交利润
    DIVIDEND = "dividend"  # 国有股股利、股息
    TRANSFER = "transfer"  # 国有产权转让收入
    LIQUIDATION = "liquidation"  # 企业清算收入
    OTHER = "other"  # 其他国有资本收益


KIND_NAMES = {
    Kind.PROFIT: "应交利润",
    Kind.DIVIDEND: "国有股股利、股息",
    Kind.TRANSFER: "国有产权转让收入",
    Kind.LIQUIDATION: "企业清算收入",
    Kind.OTHER: "其他国有资本收益",
}

CLAUSES: dict[str, str] = {
    "二、(一)": (
        "根据市级企业经依法审计的年度财务会计报告的净利润和规定的上交比例计算核定;2018及以前年度"
        "征收比例14%,2019年征收比例18%,2020年及以后征收比例为30%。"
    ),
    "二、(二)": "根据国有控股、参股企业利润分配方案中确定的国有股获得的股利、股息全额核定。",
    "二、(三)": (
        "根据企业产权转让协议和资产评估报告等资料计算的转让净收入(扣除转让费用)全额核定。"
    ),
    "二、(四)": ("根据清算组或者管理人提交的企业清算报告计算的清算净收入(扣除清算费用)全额核定。"),
    "二、(五)": "其他国有资本收益收取,根据有关经济行为的财务会计资料核定。",
    "三、(三)1": (
        "应交利润,每年5月31日前,由市级独立核算企业按照净利润和规定的上交比例一次性申报,"
        "并附经依法审计的年度财务会计报告。"
    ),
    "三、(三)2": (
        "国有股股利、股息,在股东会或者股东大会(没有设立股东会或者股东大会的为董事会,下同)"
        "表决日起30个工作日内,由市级企业据实申报"
    ),
    "三、(三)3": "国有产权转让收入,在签订产权转让合同之日起30个工作日内,由市级企业据实申报",
    "三、(三)4": (
        "企业清算收入,在清算组或者管理人编制剩余财产分配方案之日起30个工作日内,"
        "由清算组或者管理人据实申报"
    ),
    "三、(三)5": "其他国有资本收益,在收益确定之日起30个工作日内,由有关单位向市国投公司申报",
    "三、(四)": "市级企业应在收到市国投公司国有资本收益上交通知之日起15个工作日内,上交国有资本收益。",
}

BASIS_CLAUSE = {
    Kind.PROFIT: "二、(一)",
    Kind.DIVIDEND: "二、(二)",
    Kind.TRANSFER: "二、(三)",
    Kind.LIQUIDATION: "二、(四)",
    Kind.OTHER: "二、(五)",
}
DECLARE_CLAUSE = {kind: f"三、(三){i}" for i, kind in enumerate(Kind, start=1)}


class FactsError(ValueError):
    """The revenue facts are malformed; the message names the field."""


@dataclass(frozen=True)
class RevenueFacts:
    kind: Kind
    fiscal_year: int
    base: Decimal  # yuan: audited net profit, or the net proceeds
    event_date: dt.date | None = None  # resolution, contract, distribution plan, determination
    notice_date: dt.date | None = None  # the 市国投公司's payment notice


@dataclass(frozen=True)
class Assessment:
    amount: Decimal
    rate: Decimal
    declare_by: dt.date
    pay_by: dt.date | None
    clauses: tuple[tuple[str, str], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "amount": float(self.amount),
            "rate": float(self.rate),
            "declare_by": self.declare_by.isoformat(),
            "pay_by": self.pay_by.isoformat() if self.pay_by else None,
            "clauses": [{"ref": f"{DOCUMENT} {ref}", "text": text} for ref, text in self.clauses],
        }


def profit_rate(fiscal_year: int) -> Decimal:
    """上交比例 of profits by fiscal year: ≤2018 14%, 2019 18%, ≥2020 30%."""
    if fiscal_year <= 2018:
        return Decimal("0.14")
    if fiscal_year == 2019:
        return Decimal("0.18")
    return Decimal("0.30")


def assess(facts: RevenueFacts, calendar: WorkingCalendar) -> Assessment:
    """What ``facts`` make payable, and by when it must be declared and paid."""
    rate = profit_rate(facts.fiscal_year) if facts.kind is Kind.PROFIT else Decimal(1)
    amount = (facts.base * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    refs = [BASIS_CLAUSE[facts.kind], DECLARE_CLAUSE[facts.kind]]
    pay_by = None
    if facts.notice_date is not None:
        pay_by = calendar.add_working_days(facts.notice_date, PAY_WORKING_DAYS)
        refs.append("三、(四)")
    return Assessment(
        amount=amount,
        rate=rate,
        declare_by=declare_by(facts, calendar),
        pay_by=pay_by,
        clauses=tuple((ref, CLAUSES[ref]) for ref in refs),
    )


def declare_by(facts: RevenueFacts, calendar: WorkingCalendar) -> dt.date:
    if facts.kind is Kind.PROFIT:
        month, day = PROFIT_DECLARE_MONTH_DAY
        return calendar.next_working_day(dt.date(facts.fiscal_year + 1, month, day))
    assert facts.event_date is not None  # checked when the facts were read
    return calendar.add_working_days(facts.event_date, DECLARE_WORKING_DAYS)


def split_budget(total: Decimal) -> tuple[Decimal, Decimal]:
    """四、(一): 30% into the general budget, 70% back to the 市国投公司."""
    general = (total * GENERAL_BUDGET_SHARE).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return general, total - general


# --- reading facts (the ``luoshi revenue assess`` contract) ----------------------------------

FIELDS = frozenset({"kind", "fiscal_year", "base", "event_date", "notice_date"})
KINDS = {k.value: k for k in Kind}
MAX_BASE = Decimal("1e15")


def facts_from_json(data: object) -> RevenueFacts:
    """:class:`RevenueFacts` from a JSON object; FactsError names the first bad field."""
    if not isinstance(data, dict):
        raise FactsError("facts must be a JSON object")
    if not FIELDS.issuperset(data):
        raise FactsError(f"unknown field {sorted(set(data) - FIELDS)[0]!r}")
    kind = KINDS.get(data.get("kind"))  # type: ignore[arg-type]
    if kind is None:
        raise FactsError(f"kind must be one of {', '.join(KINDS)}")
    year = data.get("fiscal_year")
    if isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2100:
        raise FactsError("fiscal_year must be a whole year between 1990 and 2100")
    event_date = _date(data, "event_date")
    if kind is not Kind.PROFIT and event_date is None:
        raise FactsError(f"event_date is required for {kind.value}")
    return RevenueFacts(
        kind=kind,
        fiscal_year=year,
        base=_base(data.get("base")),
        event_date=event_date,
        notice_date=_date(data, "notice_date"),
    )


def _base(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FactsError("base must be a number (yuan)")
    if not math.isfinite(value) or value < 0:
        raise FactsError("base must be a finite number of at least 0 (a loss declares nothing)")
    base = Decimal(str(value))
    if base > MAX_BASE:
        raise FactsError("base is implausibly large")
    return base


def _date(data: dict[str, object], name: str) -> dt.date | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise FactsError(f"{name} must be an ISO date (YYYY-MM-DD)")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise FactsError(f"{name} must be an ISO date (YYYY-MM-DD), not {value[:20]!r}") from exc
    if not 1990 <= day.year <= 2100:
        raise FactsError(f"{name} must be between 1990 and 2100")
    return day
