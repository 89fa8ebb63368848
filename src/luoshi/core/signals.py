"""Logins, logouts and failed logins go to the audit log (登录留痕)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from luoshi.core import audit


def _address(request: HttpRequest | None) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@receiver(user_logged_in, dispatch_uid="luoshi-audit-login")
def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    audit.record(
        "core.login", user, actor=user, summary=f"登录 {user.username} {_address(request)}"
    )


@receiver(user_logged_out, dispatch_uid="luoshi-audit-logout")
def _logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record("core.logout", user, actor=user, summary=f"退出 {user.username}")


@receiver(user_login_failed, dispatch_uid="luoshi-audit-login-failed")
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    audit.record(
        "core.login_failed",
        object_type="core.user",
        object_id=username[:64],
        summary=f"登录失败 {username} {_address(request)}",
    )
