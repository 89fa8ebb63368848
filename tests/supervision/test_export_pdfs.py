"""The ledger's exports rendered by LibreOffice: A4, inside the page, in the official fonts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from luoshi.core import clock
from luoshi.core.documents.formats import typeset

from .test_exports import client_for, pair  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_quarterly_bulletin_pdf(pair, people, render_pdf):  # noqa: F811
    with clock.frozen("2020-04-10T09:00"):
        response = client_for(people["office"]).get(
            reverse("ledger:export_summary"), {"year": 2020, "quarter": 1}
        )
    pdf = render_pdf(response.content, "quarterly-bulletin.docx")
    pdf.check_official()
    assert typeset("市发展和改革委员会(1项)") in pdf.text and "2020年4月10日" in pdf.text
    assert any("NotoSansCJK" in f for f in pdf.fonts_of("一、总体情况"))


def test_ledger_and_progress_sheet_pdfs(pair, people, render_pdf):  # noqa: F811
    with clock.frozen("2020-04-10T09:00"):
        ledger = client_for(people["office"]).get(reverse("ledger:export_tasks")).content
        sheet = client_for(people["a"]).get(reverse("ledger:progress_sheet")).content
    for data, name in ((ledger, "ledger.xlsx"), (sheet, "progress-sheet.xlsx")):
        pdf = render_pdf(data, name)
        pdf.check_sheet()
        assert "序号" in pdf.text or "事项编号" in pdf.text
