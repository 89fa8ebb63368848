"""JSON API of the library and its OpenAPI schema."""

import re

import pytest
from django.contrib.staticfiles import finders

from luoshi.gazette.models import Document


@pytest.fixture
def api(library, db, client):
    return client


def test_should_serve_the_openapi_schema(api):
    schema = api.get("/api/openapi.json").json()
    assert {"/api/documents", "/api/search", "/api/issues"} <= set(schema["paths"])


def test_should_list_documents_with_filters(api):
    body = api.get("/api/documents", {"doc_type": "预案", "limit": 100}).json()
    assert body["total"] == 6
    assert all(item["type"] == "预案" for item in body["items"])


def test_should_return_a_document_with_its_outline(api):
    doc = Document.objects.get(number="晋市政办〔2020〕7号")
    body = api.get(f"/api/documents/{doc.pk}").json()
    assert body["number"] == "晋市政办〔2020〕7号"
    assert any(entry["label"].startswith("五") for entry in body["outline"])


def test_should_search(api):
    body = api.get("/api/search", {"q": "扶贫资产"}).json()
    assert body["total"] >= 1
    assert body["hits"][0]["number"] == "晋市政办〔2020〕10号"


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": "x"}, {"offset": -1}])
def test_should_answer_bad_parameters_with_4xx(api, params):
    assert api.get("/api/documents", params).status_code == 422


def test_should_answer_missing_query_with_4xx(api):
    assert api.get("/api/search").status_code == 422


def test_should_answer_unknown_api_paths_with_json_404(api):
    response = api.get("/api/documents/not-a-number")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
    assert api.get(f"/api/documents/{10**9}").status_code == 404


def test_should_serve_the_api_docs_from_local_assets_only(db, client):
    """The docs page must work offline: every script, stylesheet and icon comes from this server."""
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert all(a.startswith("/static/") for a in assets), assets
    assert "//" not in "".join(assets)
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset
