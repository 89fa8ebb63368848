"""The place the asset tests act in: one asset of 东沟村 and a user at each area level."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from tests.factories import make_unit, make_user

from luoshi.assets.models import AreaAssignment, Asset, Village
from luoshi.core import clock
from luoshi.core.roles import Role


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def place():
    east = Village.objects.create(county="泽州县", township="南村镇", name="东沟村")
    west = Village.objects.create(county="泽州县", township="南村镇", name="西沟村")
    asset = Asset.objects.create(
        code="ZZ-2018-001", name="东沟村光伏电站", asset_class="产业发展类",
        sub_class="光伏电站", fund_sources="财政专项扶贫资金", amount=Decimal(860000),
        year=2018, village=east, county="泽州县", custodian="东沟村股份经济合作社",
        responsible="王丽", earns_revenue=True, registered_at=clock.now(),
    )  # fmt: skip
    users = {}
    for name, kwargs in {
        "county": {"county": "泽州县"},
        "township": {"county": "泽州县", "township": "南村镇"},
        "east": {"county": "泽州县", "township": "南村镇", "village": east},
        "west": {"county": "泽州县", "township": "南村镇", "village": west},
        "other_county": {"county": "高平市"},
    }.items():
        users[name] = make_user(name, Role.UNIT_STAFF, make_unit(f"{name}单位"))
        AreaAssignment.objects.create(user=users[name], **kwargs)
    return {"asset": asset, "village": east, **users}
