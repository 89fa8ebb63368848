"""Grading throughput and incident page time.

    uv run python bench/grading.py                  # grading + page on a temporary SQLite file
    uv run python bench/grading.py --incidents 20000 --timeline 1000

1. Grading: random facts for all six plans, graded through ``grade`` (validation included);
   prints incidents per second per plan and overall: the decision (level, clauses, who
   decides, whom to notify, reports due), and the full answer with the what-if analysis
   (``unmet`` / ``to_raise``, worked out only when asked, as ``luoshi grade`` does).
2. Incident page: one coal-mine incident launched at level I with a 1,000-entry timeline;
   prints the median and p95 time to render /emergency/incidents/<pk>/ through the test client,
   and the number of SQL queries. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))


def random_facts(rng: random.Random) -> dict[str, object]:
    """Facts touching the fields every plan reads, in plausible ranges."""
    from luoshi.emergency.facts import FIELDS

    facts: dict[str, object] = {}
    for name, spec in FIELDS.items():
        if rng.random() < 0.7:
            continue
        if spec.type == "int":
            facts[name] = rng.choice([0, 1, 2, 3, 5, 9, 10, 20, 30, 60, 120])
        elif spec.type == "num":
            facts[name] = rng.choice([0, 0.5, 10, 100, 1000, 5000, 10000, 50])
        elif spec.type == "bool":
            facts[name] = rng.random() < 0.3
        else:
            facts[name] = rng.choice(spec.choices)
    return facts


def bench_grading(count: int) -> None:
    from luoshi.emergency.grading import grade
    from luoshi.emergency.playbook import plan_ids

    rng = random.Random(20200410)
    samples = [random_facts(rng) for _ in range(count)]
    print(f"grading: {count} random facts objects per plan")
    print(f"  {'plan':18s} {'decision':>10s} {'full answer':>12s}  (incidents/s; level mix)")
    total_n, total_s, total_full = 0, 0.0, 0.0
    for plan_id in plan_ids():
        grade(plan_id, {})  # playbook parsed and compiled once, kept
        start = time.perf_counter()
        levels: dict[str, int] = {}
        for facts in samples:
            level = grade(plan_id, facts).level
            levels[level] = levels.get(level, 0) + 1
        spent = time.perf_counter() - start
        start = time.perf_counter()
        for facts in samples:
            grade(plan_id, facts).as_dict()
        full = time.perf_counter() - start
        total_n += count
        total_s += spent
        total_full += full
        mix = " ".join(f"{k}:{v}" for k, v in sorted(levels.items()))
        print(f"  {plan_id:18s} {count / spent:10.0f} {count / full:12.0f}  ({mix})")
    print(f"  {'all six plans':18s} {total_n / total_s:10.0f} {total_n / total_full:12.0f}")


def bench_page(entries: int, repeats: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    os.environ.setdefault("LUOSHI_ALLOWED_HOSTS", "testserver")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from luoshi.core import clock
    from luoshi.core.models import User
    from luoshi.core.roles import Role
    from luoshi.emergency import actions
    from luoshi.emergency.models import TimelineEntry

    call_command("migrate", interactive=False, verbosity=0)
    officer = User.objects.create(username="bench-duty", role=Role.DUTY_OFFICER)
    leader = User.objects.create(username="bench-leader", role=Role.LEADER)
    with clock.frozen("2020-04-10T03:00:00") as now:
        incident = actions.open_incident(
            officer,
            actions.IncidentInput(
                plan_id="coal-mine",
                title="基准测试事故",
                county="泽州县",
                place="某煤矿",
                occurred_at=now - dt.timedelta(minutes=20),
                reporter="调度室",
                facts={"trapped_or_missing": 12},
            ),
        )
        actions.decide_level(leader, incident.pk, "I")
        have = incident.timeline.count()
        TimelineEntry.objects.bulk_create(
            TimelineEntry(
                incident=incident,
                at=now + dt.timedelta(seconds=i),
                actor=officer,
                kind="note",
                summary=f"值班记录第{i}条:现场救援进展续报,排水量与水位监测情况",
            )
            for i in range(entries - have)
        )
        client = Client()
        client.force_login(officer)
        url = f"/emergency/incidents/{incident.pk}/"
        client.get(url)  # warm templates and caches
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
    p95 = sorted(times)[max(0, int(round(0.95 * (len(times) - 1))))]
    print(f"incident page with a {incident.timeline.count()}-entry timeline ({repeats} requests):")
    print(
        f"  median {statistics.median(times) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"{len(queries)} SQL queries, {len(response.content) / 1024:.0f} KiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=5000, help="facts objects per plan")
    parser.add_argument("--timeline", type=int, default=1000, help="timeline entries")
    parser.add_argument("--repeats", type=int, default=20, help="page requests")
    args = parser.parse_args()
    bench_grading(args.incidents)
    if "LUOSHI_DATABASE_URL" not in os.environ:
        tmp = tempfile.mkdtemp(prefix="luoshi-bench-")
        os.environ["LUOSHI_DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
    print(f"database: {os.environ['LUOSHI_DATABASE_URL'].split('@')[-1]}")
    bench_page(args.timeline, args.repeats)


if __name__ == "__main__":
    main()
