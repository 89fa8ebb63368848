"""Refusals to HTTP: one mapping of :mod:`luoshi.core.errors` for pages and the API alike.

- API: :func:`install_api_handlers` registers handlers on the one Ninja API, so every endpoint
  answers a refusal ``{"detail": message, "code": code}`` with its status (400/403/404/409).
- Pages: :class:`RefusalMiddleware` answers a refused POST with the message and a redirect back
  (to a same-site ``next`` or Referer only), and a refused GET with the site's error page and the
  refusal's status.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from ninja import NinjaAPI, Schema

from luoshi.core.errors import DomainError, Forbidden, NotFound

DEFAULT_FORBIDDEN = "无权执行此操作"
DEFAULT_NOT_FOUND = "不存在或无权查看"


def as_refusal(exc: Exception) -> DomainError | None:
    """The refusal ``exc`` stands for, or ``None`` when it is not one."""
    if isinstance(exc, DomainError):
        return exc
    if isinstance(exc, PermissionDenied):
        return Forbidden(str(exc) or DEFAULT_FORBIDDEN)
    if isinstance(exc, Http404):
        return NotFound(_http404_message(exc))
    return None


def _http404_message(exc: Http404) -> str:
    text = str(exc)
    # Django's own lookups say "No X matches the given query." — never shown to a person.
    return text if text and not text.isascii() else DEFAULT_NOT_FOUND


class RefusalOut(Schema):
    """What the API answers a refusal with (Ninja's own CSRF and auth refusals carry no code)."""

    detail: str
    code: str | None = None


def refusals(*statuses: int) -> dict[int, type[RefusalOut]]:
    """Response declarations for the refusals an endpoint may answer: ``refusals(403, 404)``."""
    return {status: RefusalOut for status in statuses}


def install_api_handlers(api: NinjaAPI) -> None:
    def handle(request: HttpRequest, exc: Exception) -> HttpResponse:
        refusal = as_refusal(exc)
        assert refusal is not None
        return api.create_response(
            request, {"detail": refusal.message, "code": str(refusal.code)}, status=refusal.status
        )

    for kind in (DomainError, PermissionDenied, Http404):
        api.add_exception_handler(kind, handle)


def safe_next(request: HttpRequest, fallback: str | None = None) -> str | None:
    """A same-site URL to go back to: POSTed ``next``, then the Referer, then ``fallback``."""
    for candidate in (request.POST.get("next"), request.META.get("HTTP_REFERER")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return fallback


class RefusalMiddleware:
    """Turn a refusal raised by a page view into a message or an error page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/") or not isinstance(exc, DomainError):
            return None  # Django's own 403/404 handling covers PermissionDenied and Http404
        back = safe_next(request) if request.method == "POST" else None
        if back is not None:
            messages.error(request, exc.message)
            return HttpResponseRedirect(back)
        return render(request, "refusal.html", {"message": exc.message}, status=exc.status)
