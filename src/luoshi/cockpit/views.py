"""The cockpit page: login required, read-only. Thin: build the figures, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from luoshi.cockpit import bulletins, queries
from luoshi.core.documents.download import download
from luoshi.core.models import User


def chart_data(cockpit: queries.Cockpit) -> dict[str, Any]:
    """What the charts draw (embedded with ``json_script``, so never marked safe)."""
    ledger, express = cockpit.ledger, cockpit.express
    return {
        "statuses": [{"key": k, "label": label} for k, label in cockpit.statuses],
        "ledger_statuses": [
            {"key": f.key, "name": f.label, "value": f.count, "url": f.url} for f in ledger.statuses
        ],
        "overdue_by_unit": [
            {"name": f.label, "value": f.count, "url": f.url} for f in ledger.overdue_by_unit
        ],
        "by_leader": [
            {"name": r.leader, "counts": r.counts, "urls": r.status_urls()}
            for r in ledger.by_leader
        ],
        "by_step": [
            {
                "name": s.label,
                "value": s.count,
                "overdue": s.overdue,
                "url": s.url,
                "overdue_url": s.overdue_url,
            }
            for s in express.by_step
        ],
    }


SCREEN_REFRESH_SECONDS = 60


def _figures(request: HttpRequest) -> dict[str, Any]:
    user: User = request.user
    if not user.sees_all_units and user.unit_id is None:
        raise PermissionDenied("驾驶舱仅向市领导、督查室和所属单位人员开放")
    figures = queries.build(user)
    return {"nav": "cockpit", "c": figures, "charts": chart_data(figures)}


@login_required
@require_GET
def cockpit(request: HttpRequest) -> HttpResponse:
    if request.GET.get("screen") == "big":
        return big_screen(request)
    context = _figures(request)
    context["bulletins"] = bulletins.visible_bulletins(request.user)[:3]
    return render(request, "cockpit/cockpit.html", context)


@login_required
@require_GET
def big_screen(request: HttpRequest) -> HttpResponse:
    """大屏模式: the cockpit for a 1920×1080 wall screen, dark, refreshing itself."""
    context = _figures(request)
    context["refresh"] = SCREEN_REFRESH_SECONDS
    return render(request, "cockpit/screen.html", context)


@login_required
@require_GET
def bulletin_list(request: HttpRequest) -> HttpResponse:
    """督查通报: the stored bulletins, newest first, and a button to generate one now."""
    user: User = request.user
    if not bulletins.may_generate(user):
        raise PermissionDenied("督查通报仅向市领导和督查室开放")
    rows = bulletins.visible_bulletins(user).select_related("created_by")[:60]
    return render(request, "cockpit/bulletins.html", {"nav": "cockpit", "bulletins": rows})


@login_required
@require_POST
def bulletin_generate(request: HttpRequest) -> HttpResponse:
    row = bulletins.generate_on_demand(request.user)
    messages.success(request, f"已生成《{row.title}》")
    return redirect("cockpit:bulletins")


@login_required
@require_GET
def bulletin_download(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(bulletins.visible_bulletins(request.user).defer(None), pk=pk)
    return download(bytes(row.content), row.filename)
