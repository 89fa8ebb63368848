"""Card numbers count per year (直通车〔2020〕1号, 2号 …) and are never given out twice."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from luoshi.core import clock
from luoshi.express import services
from luoshi.express.models import Card

from .conftest import FILING

pytestmark = pytest.mark.django_db(transaction=True)


def test_should_number_cards_per_year_from_one(cast):
    with clock.frozen("2020-12-31T23:30"):
        first = services.file_card(cast.liaison, FILING)
        second = services.file_card(cast.liaison, FILING)
    with clock.frozen("2021-01-01T00:10"):  # local time: a new year
        third = services.file_card(cast.liaison, FILING)
    assert [first.number, second.number, third.number] == [
        "直通车〔2020〕1号",
        "直通车〔2020〕2号",
        "直通车〔2021〕1号",
    ]


@pytest.mark.postgres
def test_should_give_concurrent_filings_distinct_numbers(cast):
    def file_one(_: int) -> str:
        try:
            with clock.frozen("2020-09-28T09:00"):
                return services.file_card(cast.liaison, FILING).number
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(file_one, range(24)))
    assert sorted(numbers) == sorted(f"直通车〔2020〕{n}号" for n in range(1, 25))
    assert Card.objects.count() == 24
