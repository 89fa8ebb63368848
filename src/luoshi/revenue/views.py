"""The revenue pages: the collector's and the enterprise's desks, a declaration, the budget.

Thin: each POST names one action of ``services``; refusals become messages (RefusalMiddleware).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_POST

from luoshi.core import clock
from luoshi.core.documents.download import download
from luoshi.core.errors import Forbidden, Invalid, NotFound
from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.revenue import budget, services
from luoshi.revenue.models import Declaration, Enterprise, ReturnRequest
from luoshi.revenue.rules import KIND_NAMES


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _money(text: str | None, label: str) -> Decimal:
    try:
        value = Decimal((text or "").replace(",", "").strip())
    except InvalidOperation as exc:
        raise Invalid(f"{label}应为数字") from exc
    if not value.is_finite() or abs(value) > Decimal("1e15"):
        raise Invalid(f"{label}超出范围")
    return value.quantize(Decimal("0.01"))


def _date(text: str | None, label: str, *, required: bool = True):  # type: ignore[no-untyped-def]
    day = parse_date((text or "")[:10]) if text else None
    if day is None and required:
        raise Invalid(f"请填写{label}")
    return day


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    mine = services.enterprise_of(user)
    collector = bool(mine and mine.is_collector)
    is_leader = user.is_superuser or user.role == Role.LEADER
    if mine is None and not is_leader:
        raise Forbidden("只有市级企业、市国投公司和市政府领导可以查看")
    declarations = services.visible_declarations(user)
    state = request.GET.get("state", "")
    if state in Declaration.State.values:
        declarations = declarations.filter(state=state)
    context = {
        "nav": "revenue",
        "enterprise": mine,
        "collector": collector,
        "is_leader": is_leader,
        "declarations": declarations[:100],
        "overdue": list(services.overdue(clock.today())[:50]) if (collector or is_leader) else [],
        "enterprises": Enterprise.objects.select_related("unit") if collector else [],
        "kinds": KIND_NAMES.items(),
        "states": Declaration.State.choices,
        "state": state,
        "returns": ReturnRequest.objects.all()[:50] if (collector or is_leader) else [],
        "purposes": ReturnRequest.Purpose.choices,
        "year": clock.today().year,
    }
    return render(request, "revenue/desk.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_object_or_404(services.visible_declarations(_user(request)), pk=pk)
    user = _user(request)
    context = {
        "nav": "revenue",
        "d": declaration,
        "can_declare": services.Declare(
            user,
            declaration,
            Decimal(0),
            declaration.event_date or clock.today(),
            reported_to_finance=True,
        ).allowed(),
        "can_review": services.ReviewDeclaration(user, declaration, True).allowed(),
        "can_notify": services.IssueNotice(user, declaration, clock.today()).allowed(),
        "can_pay": declaration.state == Declaration.State.NOTIFIED
        and services.enterprise_of(user) is not None
        and services.enterprise_of(user).is_collector,  # type: ignore[union-attr]
        "today": clock.today(),
    }
    return render(request, "revenue/detail.html", context)


@login_required
@require_POST
def act(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    user = _user(request)
    declaration = get_object_or_404(services.visible_declarations(user), pk=pk)
    post = request.POST
    if verb == "declare":
        services.Declare(
            user, declaration, _money(post.get("base"), "核定基数"),
            _date(post.get("event_date"), "日期", required=False), post.get("note", "")[:2000],
            post.get("reported_to_finance") == "on",
        ).run()  # fmt: skip
    elif verb in ("accept", "return"):
        services.ReviewDeclaration(
            user, declaration, verb == "accept", post.get("comment", "")[:2000]
        ).run()
    elif verb == "notice":
        services.IssueNotice(user, declaration, _date(post.get("notice_date"), "通知日期")).run()
    elif verb == "pay":
        services.RecordPayment(
            user,
            declaration,
            _date(post.get("paid_on"), "上交日期"),
            _money(post.get("amount"), "实交金额"),
        ).run()
    else:
        raise Invalid("未知操作")
    messages.success(request, "已办理。")
    return redirect("revenue:detail", pk=pk)


@login_required
@require_POST
def request_declaration(request: HttpRequest) -> HttpResponse:
    post = request.POST
    enterprise = (
        get_object_or_404(Enterprise, pk=post.get("enterprise") or 0)
        if (post.get("enterprise") or "").isdigit()
        else None
    )
    if enterprise is None:
        raise Invalid("请选择企业")
    try:
        year = int(post.get("fiscal_year", ""))
    except ValueError as exc:
        raise Invalid("请填写所属年度") from exc
    declaration = services.RequestDeclaration(
        _user(request), enterprise, post.get("kind", ""), year,
        _date(post.get("event_date"), "日期", required=False),
    ).run()  # fmt: skip
    messages.success(request, f"已通知 {enterprise} 申报。")
    return redirect("revenue:detail", pk=declaration.pk)


@login_required
@require_POST
def request_return(request: HttpRequest) -> HttpResponse:
    post = request.POST
    services.RequestReturn(
        _user(request), clock.today().year, post.get("purpose", ""),
        _money(post.get("amount"), "申请金额"), post.get("reason", "")[:2000],
    ).run()  # fmt: skip
    messages.success(request, "返还申请已报市政府审批。")
    return redirect("revenue:desk")


@login_required
@require_POST
def decide_return(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ReturnRequest, pk=pk)
    services.DecideReturn(_user(request), item, request.POST.get("decision") == "approve").run()
    messages.success(request, "已审批。")
    return redirect("revenue:desk")


def _budget_reader(request: HttpRequest) -> None:
    user = _user(request)
    mine = services.enterprise_of(user)
    if not (user.is_superuser or user.role == Role.LEADER or (mine and mine.is_collector)):
        raise Forbidden("国有资本经营预算仅限市国投公司和市政府领导查看")


@login_required
def budget_page(request: HttpRequest, year: int) -> HttpResponse:
    _budget_reader(request)
    if not 1990 <= year <= 2100:
        raise Invalid("年度不正确")
    return render(request, "revenue/budget.html", {"nav": "revenue", "s": budget.summary(year)})


@login_required
def budget_file(request: HttpRequest, year: int, ext: str) -> HttpResponse:
    _budget_reader(request)
    if not 1990 <= year <= 2100:
        raise Invalid("年度不正确")
    if ext not in ("xlsx", "docx"):
        raise NotFound("不存在该格式")
    s = budget.summary(year)
    if ext == "xlsx":
        return download(budget.summary_xlsx(s), f"{year}年国有资本经营预算.xlsx")
    issuer = services.enterprise_of(_user(request))
    return download(
        budget.summary_docx(s, str(issuer or "晋城市国有资本投资运营有限公司")),
        f"{year}年国有资本经营预算执行情况.docx",
    )
