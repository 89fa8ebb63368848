"""Where each role starts after logging in (its workspace), and the unread counts of the header.

Wiring above the apps, like ``urls.py``: it names the apps' pages and reads their notices.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.express.models import Notification as CardNotice
from luoshi.express.parties import is_gov_office
from luoshi.supervision.models import Notification as LedgerNotice

# role → (URL name, query string): the page a person of the role works from
WORKSPACES: dict[str, tuple[str, str]] = {
    Role.SUPERVISION: ("ledger:review", ""),  # 审核队列, then the ledger
    Role.UNIT_STAFF: ("ledger:workspace", ""),  # 本单位工作台
    Role.LEADER: ("cockpit:cockpit", ""),  # 领导驾驶舱
    Role.KEY_PROJECTS: ("express:list", "?list=waiting"),  # 待梳理的处置卡
    Role.LIAISON: ("express:list", "?list=all"),  # 本单位报送的处置卡
    Role.DUTY_OFFICER: ("emergency:board", ""),  # 应急值守
    Role.ADMIN: ("admin:index", ""),
}


def workspace_url(user: User) -> str:
    if user.is_superuser and user.role not in WORKSPACES:
        return str(reverse("admin:index"))
    if is_gov_office(user):  # 市政府办科室: passes the vice mayors' instructions on (转交)
        return str(reverse("express:list")) + "?list=waiting"
    name, query = WORKSPACES.get(user.role, ("home", ""))
    return str(reverse(name)) + query


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """After login (LOGIN_REDIRECT_URL): on to the user's workspace."""
    return redirect(workspace_url(request.user))


def _unread(model: Any) -> Coalesce:
    mine = (
        model.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(mine, output_field=IntegerField()), 0)


def unread_counts(request: HttpRequest) -> dict[str, Any]:
    """Context processor: the user's unread ledger and card notices (one query, when shown)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(ledger=_unread(LedgerNotice), cards=_unread(CardNotice))
        .values("ledger", "cards")
        .first()
    ) or {"ledger": 0, "cards": 0}
    return {"header_unread": row}
