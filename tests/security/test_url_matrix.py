"""Every URL of the URL conf, opened as every role: never a server error, never another unit's data.

The URLs are read from the resolver, so a new app's pages are covered when the app is added.
Each page is requested with GET (and with an empty POST, for the pages that change things); ids
in the URL are those of objects of another unit (乙单位), whose texts carry a marker that a unit's
own staff must never see. The admin and the JSON API are covered elsewhere (test_admin.py and the
schema fuzzer in tests/test_openapi_fuzz.py).
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from factories import make_user
from luoshi.core.roles import Role
from luoshi.supervision import services
from supervision.conftest import document, extracted, make_task, people, units  # noqa: F401

pytestmark = pytest.mark.django_db
MARKER = "乙单位机密"
SKIPPED_PREFIXES = ("admin/", "api/", "static/", "media/")
PUBLIC = {"", "documents/<int:pk>/", "documents/<int:pk>/print/", "search/", "chronicles/",
          "accounts/login/", "grants/publicity/", "grants/publicity/<int:pk>/",
          "parking/find/"}  # fmt: skip
SAMPLE_TEXT = {"plan_id": "coal-mine", "action": "file", "slug": "coal-mine"}


def _patterns(resolvers=None, prefix=""):
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and not route.startswith(SKIPPED_PREFIXES):
            yield route, entry.pattern.converters


ROUTES = sorted({route: converters for route, converters in _patterns()}.items())


def _urls(route: str, converters: dict, ids: list[int]) -> list[str]:
    """``route`` with each int argument set to each of ``ids`` (and text arguments to samples)."""
    if "<" not in route:
        return ["/" + route]
    urls = []
    for pk in ids:
        url = route
        for name, converter in converters.items():
            kind = type(converter).__name__
            value = str(pk) if kind == "IntConverter" else SAMPLE_TEXT.get(name, "x")
            url = url.replace(
                f"<{'int' if kind == 'IntConverter' else kind.replace('Converter', '').lower()}:{name}>",
                value,
            )
            url = url.replace(f"<{name}>", value)
        urls.append("/" + url)
    return urls


@pytest.fixture
def other_unit_world(make_task, people):  # noqa: F811
    """Unit B's task and report, their texts marked; unit A's staff must never see them."""
    task = make_task("2", title=f"{MARKER}事项", text=f"{MARKER}任务", lead_units=["市财政局"])
    report = services.save_report(people["b"], task.periods.first(), narrative=MARKER, percent=10)
    return sorted({task.pk, report.pk, task.periods.first().pk, 1, 2, 3})


ROLES = ["anonymous", *[role.value for role in Role]]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_as_every_role(client, units, people, other_unit_world, role):  # noqa: F811
    if role != "anonymous":
        unit_a = units[0]
        client.force_login(make_user(f"u_{role}", Role(role), unit_a))
    scoped = role in (Role.UNIT_STAFF, Role.LIAISON)
    problems = []
    for route, converters in ROUTES:
        for url in _urls(route, converters, other_unit_world):
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                status = response.status_code
                body = response.content.decode(errors="replace") if status == 200 else ""
                if status >= 500:
                    problems.append(f"{method.upper()} {url}: {status}")
                elif role == "anonymous" and route not in PUBLIC and status == 200:
                    problems.append(f"{method.upper()} {url}: open without login")
                elif scoped and MARKER in body:
                    problems.append(f"{method.upper()} {url}: shows another unit's data")
    assert problems == []
