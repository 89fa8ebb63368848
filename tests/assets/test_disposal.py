"""Disposal (处置, 二、(九)): valuation by the village, approval and result by the county,
proceeds booked by the village; refusals write nothing; the result is public."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from tests.assets.conftest import client_for

from luoshi.assets import rules
from luoshi.assets.models import Disposal
from luoshi.assets.rules import DisposalKind
from luoshi.core.models import AuditEntry

pytestmark = pytest.mark.django_db

START = {"kind": "auction", "reason": "光伏板损坏,经营困难", "valuation": "500000",
         "valuer": "晋城某资产评估事务所"}  # fmt: skip


def test_disposal_goes_through_its_parties_and_is_published(place):
    asset = place["asset"]
    assert (
        client_for(place["county"]).post(f"/assets/{asset.pk}/disposal/", START).status_code == 403
    )
    assert client_for(place["east"]).post(f"/assets/{asset.pk}/disposal/", START).status_code == 302
    disposal = Disposal.objects.get()
    url = f"/assets/disposals/{disposal.pk}/advance/"
    assert client_for(place["township"]).post(url).status_code == 403
    assert client_for(place["county"]).post(url, {"note": "同意拍卖"}).status_code == 302
    # publishing needs the proceeds; a missing or negative figure changes nothing
    assert client_for(place["county"]).post(url).status_code == 400
    assert client_for(place["county"]).post(url, {"proceeds": "-1"}).status_code == 400
    disposal.refresh_from_db()
    assert disposal.step == "approved" and disposal.proceeds is None
    assert client_for(place["county"]).post(url, {"proceeds": "420000"}).status_code == 302
    assert client_for(place["east"]).post(url, {"note": "已入村集体账"}).status_code == 302
    disposal.refresh_from_db()
    assert disposal.step == "booked" and disposal.proceeds == Decimal(420000)
    assert "低于评估价值" in disposal.warnings[0]
    assert AuditEntry.objects.filter(action__contains="disposal").count() == 4
    public = Client().get(f"/assets/public/villages/{place['village'].pk}/").content.decode()
    assert "处置结果公布" in public and "420000.00" in public and "拍卖" in public


def test_sale_without_valuation_is_refused(place):
    asset = place["asset"]
    response = client_for(place["east"]).post(
        f"/assets/{asset.pk}/disposal/", {**START, "valuation": "0"}
    )
    assert response.status_code == 400
    assert "应有评估价值" in response.content.decode()
    assert not Disposal.objects.exists()


@given(
    st.sampled_from(list(DisposalKind)),
    st.decimals(min_value=0, max_value=10**9, places=2),
    st.decimals(min_value=0, max_value=10**9, places=2),
)
def test_proceeds_warn_only_when_a_sale_fetches_less_than_valued(kind, valuation, proceeds):
    warnings = rules.check_proceeds(kind, valuation, proceeds)
    assert bool(warnings) == (kind not in rules.WRITE_OFFS and proceeds < valuation)
