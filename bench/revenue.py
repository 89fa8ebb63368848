"""State capital revenue benchmark (issue target: assessing 100,000 declarations < 5 s).

    uv run python bench/revenue.py [--declarations 100000]

Assesses generated facts of every kind with the 调休-aware calendar (chinese-calendar's years, no
database); prints the time and the rate. Asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from decimal import Decimal

from luoshi.core.calendar import WorkingCalendar
from luoshi.revenue.rules import Kind, RevenueFacts, assess, facts_from_json


def generate(n: int, seed: int = 19) -> list[dict[str, object]]:
    rng = random.Random(seed)
    start = dt.date(2016, 1, 1)
    items: list[dict[str, object]] = []
    for _ in range(n):
        kind = rng.choice(list(Kind))
        event = start + dt.timedelta(days=rng.randrange(365 * 8))
        item: dict[str, object] = {
            "kind": kind.value,
            "fiscal_year": rng.randint(2015, 2024),
            "base": round(rng.uniform(0, 5e7), 2),
        }
        if kind is not Kind.PROFIT or rng.random() < 0.5:
            item["event_date"] = event.isoformat()
        if rng.random() < 0.7:
            item["notice_date"] = (event + dt.timedelta(days=rng.randrange(120))).isoformat()
        items.append(item)
    return items


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--declarations", type=int, default=100_000)
    args = parser.parse_args()
    items = generate(args.declarations)
    calendar = WorkingCalendar()
    started = time.perf_counter()
    facts: list[RevenueFacts] = [facts_from_json(item) for item in items]
    parsed = time.perf_counter()
    total = Decimal(0)
    for fact in facts:
        total += assess(fact, calendar).amount
    done = time.perf_counter()
    print(f"declarations: {len(facts)}")
    print(f"  read facts      {parsed - started:6.2f} s")
    print(f"  assess          {done - parsed:6.2f} s  ({len(facts) / (done - parsed):,.0f}/s)")
    print(f"  total           {done - started:6.2f} s  (target < 5 s); amount due {total:,.2f} 元")


if __name__ == "__main__":
    main()
