"""``luoshi assets flag``: conditions recomputed from the revenue records, a count printed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from luoshi.assets.models import RevenueRecord
from luoshi.cli import main
from luoshi.core import clock

pytestmark = pytest.mark.django_db


def test_flag_prints_how_many_assets_changed(place, capsys):
    today = clock.today()
    RevenueRecord.objects.create(
        asset=place["asset"], month=dt.date(today.year, today.month, 1),
        income=Decimal(100), cost=Decimal(900),
    )  # fmt: skip
    assert main(["assets", "flag"]) == 0
    assert capsys.readouterr().out.strip() == "1 assets changed condition"
    place["asset"].refresh_from_db()
    assert place["asset"].condition == "loss_making"
