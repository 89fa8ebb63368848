"""The year's 国有资本经营预算 summary: revenue paid by kind, the 30% moved to the general budget,
the 70% returned to the 市国投公司 and the returns the city government approved (四、)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from luoshi.core import clock
from luoshi.core.documents import Column, HouseBook, OfficialDocument
from luoshi.revenue.models import Declaration, ReturnRequest
from luoshi.revenue.rules import KIND_NAMES, Kind, split_budget


@dataclass
class BudgetSummary:
    year: int
    by_kind: list[tuple[str, int, Decimal]]  # kind name, declarations paid, amount
    total: Decimal
    general: Decimal
    returnable: Decimal
    approved: list[tuple[str, Decimal]]  # purpose, amount
    approved_total: Decimal
    outstanding: Decimal  # declared or notified but not yet paid


CENT = Decimal("0.01")


def _yuan(value: Decimal | None) -> Decimal:
    return (value or Decimal(0)).quantize(CENT)


def summary(year: int) -> BudgetSummary:
    paid = Declaration.objects.filter(state=Declaration.State.PAID, paid_on__year=year)
    rows = {r["kind"]: r for r in paid.values("kind").annotate(n=Count("id"), s=Sum("paid_amount"))}
    by_kind = [
        (
            KIND_NAMES[k],
            rows.get(k.value, {}).get("n", 0),
            _yuan(rows.get(k.value, {}).get("s")),
        )
        for k in Kind
    ]
    total = sum((amount for _, _, amount in by_kind), Decimal(0))
    general, returnable = split_budget(total)
    approved_rows = (
        ReturnRequest.objects.filter(year=year, state=ReturnRequest.State.APPROVED)
        .values("purpose")
        .annotate(s=Sum("amount"))
    )
    purposes = dict(ReturnRequest.Purpose.choices)
    approved = [(purposes[r["purpose"]], _yuan(r["s"])) for r in approved_rows]
    unpaid = Declaration.objects.filter(
        fiscal_year__gte=year - 1,
        state__in=[Declaration.State.ACCEPTED, Declaration.State.NOTIFIED],
    )
    return BudgetSummary(
        year=year,
        by_kind=by_kind,
        total=total,
        general=general,
        returnable=returnable,
        approved=approved,
        approved_total=_yuan(sum((a for _, a in approved), Decimal(0))),
        outstanding=_yuan(unpaid.aggregate(s=Sum("amount"))["s"]),
    )


def summary_xlsx(s: BudgetSummary) -> bytes:
    book = HouseBook()
    sheet = book.sheet(
        "收入",
        f"{s.year}年市级国有资本经营预算收入(科目10306)",
        [Column("收益类型", 20), Column("笔数", 8, "integer"), Column("金额(元)", 18, "decimal")],
    )
    for name, n, amount in s.by_kind:
        sheet.append([name, n, amount])
    spend = book.sheet(
        "支出",
        f"{s.year}年市级国有资本经营预算支出",
        [Column("项目", 40), Column("金额(元)", 18, "decimal")],
    )
    for label, amount in [
        ("收入合计", s.total),
        ("调入一般公共预算(30%)", s.general),
        ("返还市国投公司额度(70%)", s.returnable),
        *[(f"已批准返还:{p}", a) for p, a in s.approved],
        ("尚未批准的返还额度", s.returnable - s.approved_total),
    ]:
        spend.append([label, amount])
    return book.to_bytes()


def summary_docx(s: BudgetSummary, issuer: str) -> bytes:
    doc = OfficialDocument(
        f"关于{s.year}年市级国有资本经营预算执行情况的报告", issuer=issuer, addressees="市人民政府"
    )
    doc.paragraph(
        f"{s.year}年,市级企业上交国有资本收益{s.total}元(政府收支分类科目“10306国有资本经营收入”)。"
        f"按照《晋城市市级企业国有资本收益收支管理办法》(晋市政办〔2020〕19号),其中30%即{s.general}元"
        f"调入一般公共预算,70%即{s.returnable}元返还市国投公司;经市政府同意已返还{s.approved_total}元。"
        f"另有已核定尚未上交的收益{s.outstanding}元。"
    )
    doc.heading1("收入情况")
    doc.table(
        ["收益类型", "笔数", "金额(元)"],
        [[n, c, str(a)] for n, c, a in s.by_kind],
        widths=[3, 1, 2],
    )
    doc.heading1("返还支出情况")
    rows = [[p, str(a)] for p, a in s.approved] or [["(无)", "0"]]
    doc.table(["支出方向", "金额(元)"], rows, widths=[4, 2])
    doc.signature(issuer, clock.today())
    return doc.to_bytes()
