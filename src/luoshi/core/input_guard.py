"""Every request's text is checked for control characters before any view sees it.

One place for pages, forms and the JSON API (and every app added later): query strings, form
fields, uploaded files' names and JSON string values holding a control character other than tab
and line breaks are refused with 400 and a Chinese message (:mod:`luoshi.core.text`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.shortcuts import render

from luoshi.core.text import REFUSAL, control_character


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _request_strings(request: HttpRequest) -> Iterator[str]:
    for key, values in request.GET.lists():
        yield key
        yield from values
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return
    if request.content_type == "application/json":
        try:
            yield from _strings(json.loads(request.body or b"null"))
        except (ValueError, RawPostDataException):
            return  # not JSON: the API refuses it itself
    elif request.method == "POST":
        for key, values in request.POST.lists():
            yield key
            yield from values
        for upload in request.FILES.values():
            yield upload.name or ""


class ControlCharacterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(control_character(text) for text in _request_strings(request)):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": REFUSAL, "code": "invalid"},
                    status=400,
                    json_dumps_params={"ensure_ascii": False},
                )
            return render(request, "refusal.html", {"message": REFUSAL}, status=400)
        return self.get_response(request)
