"""Public library pages: reachable without login, escaped, filtered."""

import pytest
from django.urls import reverse

from luoshi.gazette.models import Document


@pytest.fixture
def docs(library, db):
    return {d.number: d for d in Document.objects.all()}


def test_should_list_all_documents_without_login(client, docs):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('href="/documents/') >= 24
    assert "关于印发2020年智慧停车建设项目实施方案的通知" in html


def test_should_filter_the_list_by_type(client, docs):
    html = client.get(reverse("home"), {"doc_type": "预案"}).content.decode()
    assert "应急预案" in html
    assert "智慧停车" not in html


def test_should_answer_a_bad_filter_with_400(client, docs):
    response = client.get(reverse("home"), {"date_from": "not-a-date"})
    assert response.status_code == 400


def test_should_show_outline_and_tables_of_a_document(client, docs):
    doc = docs["晋市政发〔2020〕4号"]
    html = client.get(reverse("document", args=[doc.pk])).content.decode()
    assert 'aria-label="目录"' in html
    assert "<table" in html
    # stray HTML in cells is shown as text, not markup
    assert "&lt;p&gt;" in html
    assert "<p>1.在药品监管环节" not in html


def test_should_link_cross_document_references(client, docs):
    parking = docs["晋市政办〔2020〕7号"]
    html = client.get(reverse("document", args=[parking.pk])).content.decode()
    assert "打印版" in html
    cited = [d for d in docs.values() if d.referenced_by.exists()]
    for target in cited:
        page = client.get(reverse("document", args=[target.pk])).content.decode()
        assert "被以下文件引用" in page or "已被以下文件废止" in page


def test_should_show_chronicles_as_dated_events(client, docs):
    html = client.get(reverse("chronicles")).content.decode()
    assert "3月大事记" in html and "4月大事记" in html
    assert 'datetime="2020-04-29"' in html


def test_should_search_and_highlight(client, docs):
    response = client.get(reverse("search"), {"q": "停车"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>停车</mark>" in html
    assert "智慧停车" in html


def test_should_print_view(client, docs):
    doc = docs["晋市政办〔2020〕23号"]
    response = client.get(reverse("document_print", args=[doc.pk]))
    assert response.status_code == 200
    assert "煤矿事故应急预案" in response.content.decode()


def test_should_404_for_unknown_document(client, docs):
    assert client.get("/documents/999999/").status_code == 404


def test_should_require_login_for_admin(client, docs):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
