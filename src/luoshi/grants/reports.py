"""The yearly report to the city government (三、(四)… 四、3: 每年将资助完成情况专题报市人民政府)
and the figures the dashboards show: applicants, recipients by tier and county, money, claw-backs,
objections."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from luoshi.core import clock
from luoshi.core.documents import OfficialDocument, chinese_date
from luoshi.grants.models import Application, Clawback, GrantYear, Objection, Payment
from luoshi.grants.workflow import State

DECIDED = (State.APPROVED,)


@dataclass
class CountyFigures:
    county: str
    applicants: int
    recipients: int
    tier1: int
    tier2: int
    amount: int


@dataclass
class SchoolFigures:
    school: str
    county: str
    applicants: int
    recipients: int
    amount: int
    signed: int


@dataclass
class YearFigures:
    year: int
    applicants: int
    recipients: int
    amount: int
    returned: int
    rejected: int
    paid: int
    signed: int
    clawbacks: int
    clawback_amount: int
    objections: int
    objections_open: int
    counties: list[CountyFigures] = field(default_factory=list)
    schools: list[SchoolFigures] = field(default_factory=list)
    budget_city: int = 0
    budget_county: int = 0
    paid_city: int = 0
    paid_county: int = 0


def year_figures(year: GrantYear) -> YearFigures:
    applications = Application.objects.filter(year=year)
    decided = Q(state__in=DECIDED)
    totals = applications.aggregate(
        applicants=Count("id"),
        recipients=Count("id", filter=decided),
        amount=Sum("amount", filter=decided),
        returned=Count("id", filter=Q(state=State.RETURNED)),
        rejected=Count("id", filter=Q(state=State.REJECTED)),
    )
    counties = [
        CountyFigures(
            county=row["school__county"] or "市直",
            applicants=row["applicants"],
            recipients=row["recipients"],
            tier1=row["tier1"],
            tier2=row["tier2"],
            amount=row["amount"] or 0,
        )
        for row in applications.values("school__county")
        .annotate(
            applicants=Count("id"),
            recipients=Count("id", filter=decided),
            tier1=Count("id", filter=decided & Q(tier=1)),
            tier2=Count("id", filter=decided & Q(tier=2)),
            amount=Sum("amount", filter=decided),
        )
        .order_by("school__county")
    ]
    schools = [
        SchoolFigures(
            school=row["school__unit__name"],
            county=row["school__county"] or "市直",
            applicants=row["applicants"],
            recipients=row["recipients"],
            amount=row["amount"] or 0,
            signed=row["signed"],
        )
        for row in applications.values("school__unit__name", "school__county")
        .annotate(
            applicants=Count("id"),
            recipients=Count("id", filter=decided),
            amount=Sum("amount", filter=decided),
            signed=Count("id", filter=Q(payment__signed_on__isnull=False)),
        )
        .order_by("school__county", "school__unit__name")
    ]
    payments = Payment.objects.filter(application__year=year)
    by_source = dict(payments.values_list("source").annotate(s=Sum("amount")))
    clawbacks = Clawback.objects.filter(application__year=year)
    objections = Objection.objects.filter(publicity__year=year)
    return YearFigures(
        year=year.year,
        applicants=totals["applicants"],
        recipients=totals["recipients"],
        amount=totals["amount"] or 0,
        returned=totals["returned"],
        rejected=totals["rejected"],
        paid=payments.count(),
        signed=payments.filter(signed_on__isnull=False).count(),
        clawbacks=clawbacks.count(),
        clawback_amount=clawbacks.aggregate(s=Sum("amount"))["s"] or 0,
        objections=objections.count(),
        objections_open=objections.filter(resolved_at__isnull=True).count(),
        counties=counties,
        schools=schools,
        budget_city=int(year.budget_city_yuan),
        budget_county=int(year.budget_county_yuan),
        paid_city=by_source.get(Payment.Source.CITY, 0) or 0,
        paid_county=by_source.get(Payment.Source.COUNTY, 0) or 0,
    )


def yearly_report(year: GrantYear, issuer: str) -> bytes:
    """The report as an official document (GB/T 9704): figures first, then the county table."""
    f = year_figures(year)
    doc = OfficialDocument(
        f"关于{f.year}年度家庭经济困难大学新生资助工作完成情况的报告",
        issuer=issuer,
        addressees="市人民政府",
    )
    doc.paragraph(
        f"根据《晋城市资助家庭经济困难大学新生办法》(晋市政办〔2020〕9号)要求,现将{f.year}年度"
        "家庭经济困难大学新生资助工作完成情况报告如下。"
    )
    doc.heading1("总体情况")
    doc.paragraph(
        f"全市共受理资助申请{f.applicants}人,经学校、县(市、区)学生资助中心和市学生资助事务中心"
        f"逐级审核、公示,市教育局确定资助{f.recipients}人,资助金额{f.amount}元;退回补正{f.returned}人,"
        f"不予资助{f.rejected}人。已制发资助专用存单{f.paid}份,学生签领{f.signed}份。"
    )
    doc.heading1("公示与异议")
    doc.paragraph(
        f"各级公示期间共收到异议{f.objections}件,已全部核实处理。"
        if not f.objections_open
        else f"各级公示期间共收到异议{f.objections}件,尚有{f.objections_open}件正在核实。"
    )
    doc.heading1("资金追回")
    doc.paragraph(
        f"对未到录取高校报到的受助学生追回资助资金{f.clawbacks}人、{f.clawback_amount}元。"
        if f.clawbacks
        else "本年度未发生需追回资助资金的情况。"
    )
    doc.heading1("分县(市、区)情况")
    doc.table(
        ["县(市、区)", "申请人数", "资助人数", "5000元档", "4000元档", "金额(元)"],
        [[c.county, c.applicants, c.recipients, c.tier1, c.tier2, c.amount] for c in f.counties],
        widths=[3, 1.2, 1.2, 1.2, 1.2, 1.6],
    )
    doc.signature(issuer, clock.today())
    return doc.to_bytes()


def report_filename(year: GrantYear) -> str:
    return f"{year.year}年度大学新生资助工作报告({chinese_date(clock.today())}).docx"
