"""The stored bulletins: generated on schedule (once a month) and on demand, listed and
downloaded in the cockpit by city-wide roles only."""

from __future__ import annotations

import io

import pytest
from docx import Document

from luoshi.cockpit import bulletins
from luoshi.cockpit.models import Bulletin
from luoshi.core import clock

pytestmark = pytest.mark.django_db


def _text(row: Bulletin) -> str:
    doc = Document(io.BytesIO(bytes(row.content)))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_scheduled_bulletin_names_late_units_and_overdue_cards_once_a_month(cast, tasks, cards):
    first = bulletins.generate_monthly()
    assert first is not None
    assert (first.year, first.month, first.kind) == (2020, 8, Bulletin.Kind.SCHEDULED)
    assert bulletins.generate_monthly() is None  # idempotent: still one for August
    assert Bulletin.objects.count() == 1
    text = _text(first)
    assert "关于2020年8月重点工作督查督办情况的通报" in text
    assert "截至2020年9月28日" in text
    assert first.late_tasks > 0 and first.late_units > 0
    for unit in ("市发展和改革委员会",):
        assert unit in text
    assert cards.stale.number in text  # filed on 1 September, never triaged
    assert cards.fresh.number not in text
    with clock.frozen("2020-10-01T07:00"):
        october = bulletins.generate_monthly()
    assert october is not None and october.month == 9


def test_leaders_generate_list_and_download_bulletins(client, cast, tasks, cards):
    client.force_login(cast.leader)
    response = client.post("/cockpit/bulletins/generate/")
    assert response.status_code == 302
    row = Bulletin.objects.get()
    assert (row.kind, row.month, row.created_by) == (Bulletin.Kind.ON_DEMAND, 9, cast.leader)
    page = client.get("/cockpit/bulletins/").content.decode()
    assert row.title in page and "下载 Word" in page
    download = client.get(f"/cockpit/bulletins/{row.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in download["Content-Disposition"]
    assert "通报" in _text(row)
    assert row.title in client.get("/cockpit/").content.decode()


@pytest.mark.parametrize("who", ["ndrc", "liaison", "duty"])
def test_unit_roles_neither_see_nor_generate_bulletins(client, cast, who):
    with clock.frozen("2020-09-01T07:00"):
        row = bulletins.generate_monthly()
    assert row is not None
    client.force_login(getattr(cast, who))
    assert client.get("/cockpit/bulletins/").status_code == 403
    assert client.post("/cockpit/bulletins/generate/").status_code == 403
    assert client.get(f"/cockpit/bulletins/{row.pk}/download/").status_code == 404
    assert Bulletin.objects.count() == 1


def test_the_big_screen_shows_the_figures_dark_and_refreshing(client, cast, tasks, cards):
    client.force_login(cast.leader)
    for url in ("/cockpit/screen/", "/cockpit/?screen=big"):
        html = client.get(url).content.decode()
        assert 'data-screen="big"' in html
        assert 'http-equiv="refresh"' in html
        assert 'id="chart-statuses"' in html and 'data-figure="ledger-overdue"' in html
    assert 'data-screen="big"' not in client.get("/cockpit/").content.decode()
