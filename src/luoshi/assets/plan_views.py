"""An asset's page (确权, revenue distribution plans) and the public 公示 of a village's plans."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from luoshi.assets import access, disposal, rules, services
from luoshi.assets.models import (
    DISPOSAL_KINDS,
    DISPOSAL_STEPS,
    OWNER_NAMES,
    STEP_NAMES,
    Asset,
    Disposal,
    DistributionPlan,
    Village,
)
from luoshi.core.errors import Forbidden, Invalid
from luoshi.core.models import User
from luoshi.core.personal import mask_name

MAX_LINES = 2000


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _asset(request: HttpRequest, pk: int) -> Asset:
    return get_object_or_404(access.visible_assets(_user(request)).select_related("village"), pk=pk)


def _amount(text: str, what: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation as exc:
        raise Invalid(f"{what}应为数字") from exc
    if not value.is_finite() or abs(value) >= Decimal("1e12"):
        raise Invalid(f"{what}不正确")
    return value.quantize(Decimal("0.01"))


def name_amount_lines(text: str, what: str) -> dict[str, Decimal]:
    """Lines of 「名称 数额」 (a space or tab between) as a dict; a repeated name is refused."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_LINES:
        raise Invalid(f"{what}最多{MAX_LINES}行")
    result: dict[str, Decimal] = {}
    for number, line in enumerate(lines, 1):
        name, _, value = line.rpartition(" ") if " " in line else line.rpartition("\t")
        if not name.strip():
            raise Invalid(f"{what}第{number}行应为「名称 数额」")
        if name.strip() in result:
            raise Invalid(f"{what}第{number}行「{name.strip()}」重复")
        result[name.strip()] = _amount(value, f"{what}第{number}行的数额")
    return result


@login_required
def asset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    asset = _asset(request, pk)
    user = _user(request)
    plans = list(asset.plans.all())
    for plan in plans:
        plan.can_advance = services.AdvancePlan(user, plan).allowed()  # type: ignore[attr-defined]
        plan.step_name = STEP_NAMES[rules.PlanStep(plan.step)]  # type: ignore[attr-defined]
    can_confirm = asset.confirmed_on is None and _is_county(user, asset)
    context = {
        "nav": "assets",
        "asset": asset,
        "owner_rule": OWNER_NAMES.get(rules.Owner(asset.owner_rule)) if asset.owner_rule else "",
        "plans": plans,
        "can_confirm": can_confirm,
        "can_propose": asset.earns_revenue and _is_village(user, asset),
        **_disposal_context(user, asset),
    }
    return render(request, "assets/detail.html", context)


def _is_village(user: User, asset: Asset) -> bool:
    area = access.area_of(user)
    return area is not None and area.village_id == asset.village_id


def _disposal_context(user: User, asset: Asset) -> dict[str, object]:
    found = Disposal.objects.filter(asset=asset).first()
    if found is None:
        return {"can_dispose": _is_village(user, asset), "kinds": DISPOSAL_KINDS.items()}
    step = rules.DisposalStep(found.step)
    next_name = (
        DISPOSAL_STEPS[rules.next_disposal_step(step)] if step != rules.DISPOSAL_ORDER[-1] else ""
    )
    return {
        "disposal": found,
        "disposal_kind": DISPOSAL_KINDS[rules.DisposalKind(found.kind)],
        "disposal_next": next_name,
        # any proceeds will do for asking whether the user's party takes the next step
        "can_advance_disposal": disposal.AdvanceDisposal(
            user, found, proceeds=found.valuation
        ).allowed(),
    }


def _is_county(user: User, asset: Asset) -> bool:
    try:
        access.require_area_level(user, asset.village, "县")
    except Forbidden:
        return False
    return True


@login_required
@require_POST
def start_disposal(request: HttpRequest, pk: int) -> HttpResponse:
    asset = _asset(request, pk)
    post = request.POST
    disposal.StartDisposal(
        _user(request),
        asset,
        post.get("kind", ""),
        post.get("reason", ""),
        _amount(post.get("valuation", ""), "评估价值"),
        post.get("valuer", ""),
    ).run()
    messages.success(request, "处置申请已提交。")
    return redirect("assets:detail", pk=pk)


@login_required
@require_POST
def advance_disposal(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        Disposal.objects.filter(asset__in=access.visible_assets(_user(request))), pk=pk
    )
    text = request.POST.get("proceeds", "").strip()
    proceeds = _amount(text, "处置收入") if text else None
    disposal.AdvanceDisposal(_user(request), found, request.POST.get("note", ""), proceeds).run()
    messages.success(request, "已办理。")
    return redirect("assets:detail", pk=found.asset_id)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    asset = _asset(request, pk)
    post = request.POST
    villages = tuple(v for v in post.get("villages", "").split() if v)[:50] or (asset.village.name,)
    facts = rules.OwnershipFacts(
        asset_class=asset.asset_class,
        villages=villages,
        sector=post.get("sector", "")[:8],
        fiscal_equity=post.get("fiscal_equity") == "on",
        earns_revenue=asset.earns_revenue,
    )
    shares = name_amount_lines(post.get("shares", ""), "股份")
    owner, valued_by = post.get("owner", ""), post.get("valued_by", "")
    services.ConfirmOwnership(_user(request), asset, facts, owner, shares, valued_by).run()
    messages.success(request, "已确权。")
    return redirect("assets:detail", pk=pk)


@login_required
@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    asset = _asset(request, pk)
    post = request.POST
    year = post.get("year", "")
    if not year.isdigit() or len(year) != 4:
        raise Invalid("收益年度应为四位年份")
    plan = rules.DistributionPlan(
        revenue=_amount(post.get("revenue", ""), "收益"),
        village_amount=_amount(post.get("village_amount", ""), "到村金额"),
        household_amounts=name_amount_lines(post.get("households", ""), "到户金额"),
    )
    services.ProposePlan(_user(request), asset, int(year), plan, post.get("note", "")).run()
    messages.success(request, "收益分配方案已提出。")
    return redirect("assets:detail", pk=pk)


@login_required
@require_POST
def advance(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(
        DistributionPlan.objects.filter(asset__in=access.visible_assets(_user(request))), pk=pk
    )
    services.AdvancePlan(_user(request), plan, request.POST.get("note", "")).run()
    messages.success(request, "已办理。")
    return redirect("assets:detail", pk=plan.asset_id)


def village_publicity(request: HttpRequest, pk: int) -> HttpResponse:
    """Public (no login): every step of the village's plans, household names masked."""
    village = get_object_or_404(Village, pk=pk)
    plans = DistributionPlan.objects.filter(asset__village=village).select_related("asset")
    rows = [
        {
            "plan": plan,
            "households": [(mask_name(n), a) for n, a in plan.household_amounts.items()],
        }
        for plan in plans
    ]
    published = (rules.DisposalStep.PUBLISHED, rules.DisposalStep.BOOKED)
    disposals = [
        {"d": d, "kind": DISPOSAL_KINDS[rules.DisposalKind(d.kind)]}
        for d in Disposal.objects.filter(asset__village=village, step__in=published)
        .select_related("asset")
        .order_by("asset__code")
    ]
    context = {"village": village, "rows": rows, "disposals": disposals}
    return render(request, "assets/publicity.html", context)
