"""Recompute every revenue-earning asset's ``condition`` from its revenue records (二、(八))."""

from __future__ import annotations

from django.db import transaction

from luoshi.assets import rules
from luoshi.assets.models import Asset
from luoshi.core import clock

BATCH = 500


def flag_all() -> int:
    """Set each asset's condition; the number of assets whose condition changed."""
    today = clock.today()
    changed = 0
    assets = Asset.objects.filter(earns_revenue=True).only("pk", "amount", "condition")
    for start in range(0, assets.count(), BATCH):
        batch = list(assets.order_by("pk")[start : start + BATCH].prefetch_related("revenue"))
        updates = []
        for asset in batch:
            records = [rules.RevenueRecord(r.month, r.income, r.cost) for r in asset.revenue.all()]
            flags = rules.flag_asset(records, today, earns_revenue=True, book_value=asset.amount)
            condition = flags[0].value if flags else ""
            if condition != asset.condition:
                asset.condition = condition
                updates.append(asset)
        with transaction.atomic():
            Asset.objects.bulk_update(updates, ["condition"])
        changed += len(updates)
    return changed
