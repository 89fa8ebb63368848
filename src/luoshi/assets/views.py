"""The registry pages: the filtered list with its export, the county's import, the dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from luoshi.assets import access, registry
from luoshi.assets.rules import CLASSES
from luoshi.core.documents.download import download
from luoshi.core.errors import Invalid
from luoshi.core.models import User

PAGE_SIZE = 50
MAX_EXPORT = 20_000
LIST_FIELDS = ("code", "name", "asset_class", "sub_class", "amount", "year", "county",
               "custodian", "condition", "owner", "village__township", "village__name")  # fmt: skip


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _filtered(request: HttpRequest):  # type: ignore[no-untyped-def]
    assets = access.visible_assets(_user(request))
    params = request.GET
    if params.get("county"):
        assets = assets.filter(county=params["county"][:32])
    if params.get("asset_class") in CLASSES:
        assets = assets.filter(asset_class=params["asset_class"])
    year = params.get("year", "")
    if year:
        if not year.isdigit() or not 2000 <= int(year) <= 2100:
            raise Invalid("年度不正确")
        assets = assets.filter(year=int(year))
    if params.get("condition") in ("idle", "loss_making", "poor"):
        assets = assets.filter(condition=params["condition"])
    q = params.get("q", "").strip()[:50]
    if q:
        assets = assets.filter(Q(name__contains=q) | Q(code=q))
    return assets


@login_required
def asset_list(request: HttpRequest) -> HttpResponse:
    assets = (
        _filtered(request).select_related("village").only(*LIST_FIELDS).order_by("county", "code")
    )
    page = Paginator(assets, PAGE_SIZE).get_page(request.GET.get("page"))
    counties = access.visible_villages(_user(request)).values_list("county", flat=True).distinct()
    context = {
        "nav": "assets",
        "page": page,
        "classes": list(CLASSES),
        "counties": sorted(set(counties)),
        "params": request.GET,
        "query": request.GET.urlencode(),
    }
    return render(request, "assets/list.html", context)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    assets = _filtered(request).select_related("village").order_by("county", "code")
    if assets.count() > MAX_EXPORT:
        raise Invalid(f"一次最多导出 {MAX_EXPORT} 项,请先按县或类别筛选")
    return download(registry.export_sheet(assets), "扶贫资产登记表.xlsx")


@login_required
@require_POST
def import_sheet(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("sheet")
    if upload is None:
        raise Invalid("请选择登记表文件")
    count = registry.import_sheet(_user(request), upload.file)
    messages.success(request, f"已导入 {count} 项资产。")
    return redirect("assets:list")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    assets = access.visible_assets(_user(request))
    by_county = (
        assets.values("county")
        .annotate(
            n=Count("id"),
            amount=Sum("amount"),
            idle=Count("id", filter=Q(condition="idle")),
            losing=Count("id", filter=Q(condition="loss_making")),
        )
        .order_by("county")
    )
    by_class = (
        assets.values("asset_class")
        .annotate(n=Count("id"), amount=Sum("amount"))
        .order_by("asset_class")
    )
    context = {"nav": "assets", "by_county": by_county, "by_class": by_class}
    return render(request, "assets/dashboard.html", context)
