"""Card numbers: 直通车〔2020〕1号, 2号 … counted per year of filing, never given out twice."""

from __future__ import annotations

import datetime as dt

from django.db.models import F

from luoshi.core.clock import local_zone
from luoshi.express.models import CardSequence


def next_card_number(at: dt.datetime) -> str:
    """The next number of the year ``at`` falls in (local time); call inside a transaction.

    The counter row is created once per year (a concurrent creator is ignored) and advanced
    by one ``UPDATE``, which holds the row lock until commit: concurrent filings queue up and
    each gets its own number.
    """
    year = at.astimezone(local_zone()).year
    CardSequence.objects.bulk_create([CardSequence(year=year)], ignore_conflicts=True)
    CardSequence.objects.filter(year=year).update(last=F("last") + 1)
    last = CardSequence.objects.values_list("last", flat=True).get(year=year)
    return f"直通车〔{year}〕{last}号"
