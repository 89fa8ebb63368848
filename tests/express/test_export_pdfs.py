"""The 直通车 documents rendered by LibreOffice: A4, inside the 版心, in the official fonts."""

from __future__ import annotations

import datetime as dt

from luoshi.core import clock
from luoshi.express import services

from .conftest import walk_hard_card
from .test_pages import login


def test_card_pdf(cast, filed, render_pdf):
    services.triage_ordinary(
        cast.key, filed.pk, "建议市规划和自然资源局协调", cast.units.land.pk, dt.date(2020, 10, 9)
    )
    card = login(cast, "key").get(f"/express/cards/{filed.pk}/card.docx")
    pdf = render_pdf(card.content, "card.docx")
    pdf.check_official()
    assert len(pdf.sizes) == 1 and "重点项目事项处置卡" in pdf.text
    assert "建议市规划和自然资源局协调" in pdf.text


def test_report_pdf(cast, filed, render_pdf):
    card = walk_hard_card(cast, filed)
    with clock.frozen("2020-09-30T10:00"):
        services.complete(cast.unit, card.pk, "已办结")
        services.close(cast.key, card.pk)
    report = login(cast, "key").get("/express/report.docx?start=2020-09-01&end=2020-09-30")
    pdf = render_pdf(report.content, "express-report.docx")
    pdf.check_official()
    assert "2020年9月1日至2020年9月30日" in pdf.text
    assert "晋城市重点工程领导小组办公室" in pdf.text
