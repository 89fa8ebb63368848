"""The cockpit page: login required, read-only. Thin: build the figures, render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from luoshi.cockpit import queries
from luoshi.core.models import User


def chart_data(cockpit: queries.Cockpit) -> dict[str, Any]:
    """What the charts draw (embedded with ``json_script``, so never marked safe)."""
    ledger, express = cockpit.ledger, cockpit.express
    return {
        "statuses": [{"key": k, "label": label} for k, label in cockpit.statuses],
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


@login_required
@require_GET
def cockpit(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    if not user.sees_all_units and user.unit_id is None:
        raise PermissionDenied("驾驶舱仅向市领导、督查室和所属单位人员开放")
    figures = queries.build(user)
    context = {"nav": "cockpit", "c": figures, "charts": chart_data(figures)}
    return render(request, "cockpit/cockpit.html", context)
