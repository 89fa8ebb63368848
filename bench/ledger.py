"""Ledger benchmarks on a synthetic city (issue targets: ledger page with filters p95 < 150 ms,
"overdue now" < 200 ms, xlsx export of 10,000 tasks < 5 s).

    uv run python bench/ledger.py                               # SQLite, then PostgreSQL
    uv run python bench/ledger.py --backend sqlite --tasks 20000 # smaller city

Default size: 500 units, 100,000 tasks, 1,000,000 reports (10 per task: lead and co-operating
unit for each of 5 periods), 500,000 periods, as of 2020-07-01. Rows are written with
bulk_create (tasks) and executemany / COPY (periods, reports). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2020-07-01T09:00"
PERIODS = [
    (3, 22, "第一季度"),
    (6, 22, "第二季度"),
    (9, 22, "第三季度"),
    (12, 22, "第四季度"),
    (12, 31, "截至年底"),
]
WORDS = ["投资", "项目", "改革", "服务", "建设", "治理", "产业", "民生", "生态", "创新"]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def build_city(n_units: int, n_tasks: int) -> dict[str, object]:
    """Write the synthetic city; returns ids the measurements use."""
    from django.db import connection, transaction

    from luoshi.core import clock
    from luoshi.core.models import User
    from luoshi.core.roles import Role
    from luoshi.directory.models import Unit
    from luoshi.gazette.models import Document, Issue
    from luoshi.supervision.models import Task, TaskLeader, TaskUnit

    rng = random.Random(20200701)
    now = clock.now()
    with transaction.atomic():
        units = Unit.objects.bulk_create([Unit(name=f"合成单位{i:03d}") for i in range(n_units)])
        unit_ids = list(Unit.objects.order_by("id").values_list("id", flat=True))
        issue = Issue.objects.create(
            city="合成市",
            title="合成市人民政府公报",
            year=2020,
            number=1,
            source_name="bench",
            source_sha256="b" * 64,
            ingested_at=now,
        )
        documents = [
            Document.objects.create(
                issue=issue,
                seq=k,
                number=f"合市政发〔2020〕{k}号",
                title=f"合成文件{k}",
                body_text="",
                blocks=[],
                outline=[],
                signed_on=dt.date(2020, 3, 20),
            )
            for k in range(1, 21)
        ]
        office = User.objects.create_user("bench_office", password="x", role=Role.SUPERVISION)
        staff = User.objects.create_user(
            "bench_staff", password="x", role=Role.UNIT_STAFF, unit=units[0]
        )
    as_of = dt.date(2020, 7, 1)
    tasks, links, leader_rows, periods, reports = [], [], [], [], []
    period_id = report_id = 0
    for i in range(1, n_tasks + 1):
        lead, co = unit_ids[i % n_units], unit_ids[(i * 7 + 3) % n_units]
        if co == lead:
            co = unit_ids[(i + 1) % n_units]
        roll = rng.random()
        covered_past = 2 if roll < 0.75 else (1 if roll < 0.9 else 0)
        due = dt.date(2020, 12, 31)
        next_due = None
        task_periods = []
        for k, (month, day, label) in enumerate(PERIODS):
            period_id += 1
            when = dt.date(2020, month, day)
            covered = when < as_of and k < covered_past
            if not covered and next_due is None:
                next_due = when
            task_periods.append((period_id, i, k + 1, f"2020年{label}", when, covered))
            for unit, role in ((lead, "lead"), (co, "co")):
                report_id += 1
                if when >= as_of:
                    state = "draft"
                elif covered:
                    state = "accepted" if rng.random() < 0.8 else "submitted"
                else:
                    state = "returned" if role == "lead" and rng.random() < 0.5 else "draft"
                reports.append(
                    (report_id, i, period_id, unit, role, state, covered and role == "lead")
                )
        periods.extend(task_periods)
        word = WORDS[i % len(WORDS)]
        leaders = [f"领导{i % 40:02d}"]
        tasks.append(Task(
            id=i, document_id=documents[i % len(documents)].pk, ref=f"附件 序号{i}", no=str(i),
            title=f"合成事项{i} 推进{word}工作", text=f"第{i}项任务:全面推进{word}工作,确保年底前完成。",
            lead_unit_names=[], co_unit_names=[], responsible_leaders=[], leaders_in_charge=leaders,
            due=due, due_text="年底前", state=Task.State.ACTIVE,
            next_due=min(next_due or due, due), reported=covered_past > 0, percent=covered_past * 25,
            created_at=now, updated_at=now, original={}, targets=[], flags=[],
        ))  # fmt: skip
        leader_rows.append(TaskLeader(task_id=i, name=leaders[0]))
        links.append(TaskUnit(task_id=i, unit_id=lead, role="lead"))
        links.append(TaskUnit(task_id=i, unit_id=co, role="co"))
    with transaction.atomic():
        Task.objects.bulk_create(tasks, batch_size=2000)
        TaskUnit.objects.bulk_create(links, batch_size=5000)
        TaskLeader.objects.bulk_create(leader_rows, batch_size=5000)
        _write_periods_and_reports(connection, periods, reports)
    with connection.cursor() as cursor:
        # PostgreSQL: what autovacuum does to a table after a bulk load (statistics and the
        # visibility map that index-only scans need)
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"office": office, "staff": staff, "unit": unit_ids[7], "document": documents[3].pk}


def _write_periods_and_reports(connection, periods, reports) -> None:
    stamp = dt.datetime(2020, 6, 20, 1, 0, tzinfo=dt.UTC)
    period_rows = [
        (pid, tid, seq, label, dt.date(2020, 3, 20), due, covered)
        for pid, tid, seq, label, due, covered in periods
    ]
    report_rows = [
        (rid, tid, pid, unit, role, state, "本期工作按计划推进。", 50, "[]", False, 1, stamp, stamp,
         stamp if state != "draft" else None, "")
        for rid, tid, pid, unit, role, state, _ in reports
    ]  # fmt: skip
    period_cols = "id, task_id, seq, label, starts, due, covered"
    report_cols = (
        "id, task_id, period_id, unit_id, role, state, narrative, percent, target_values, "
        "close_requested, version, created_at, updated_at, submitted_at, review_comment"
    )
    if connection.vendor == "postgresql":
        raw = connection.connection
        with raw.cursor() as cursor:
            with cursor.copy(
                f"COPY supervision_reportingperiod ({period_cols}) FROM STDIN"
            ) as copy:
                for row in period_rows:
                    copy.write_row(row)
            with cursor.copy(f"COPY supervision_report ({report_cols}) FROM STDIN") as copy:
                for row in report_rows:
                    copy.write_row(row)
            for table in ("supervision_task", "supervision_reportingperiod", "supervision_report"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )
        return

    def sqlite_value(v):
        if isinstance(v, dt.datetime):
            return v.strftime("%Y-%m-%d %H:%M:%S")
        if isinstance(v, dt.date):
            return v.isoformat()
        return v

    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO supervision_reportingperiod ({period_cols}) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [tuple(sqlite_value(v) for v in row) for row in period_rows],
        )
        marks = ", ".join(["%s"] * 15)
        cursor.executemany(
            f"INSERT INTO supervision_report ({report_cols}) VALUES ({marks})",
            [tuple(sqlite_value(v) for v in row) for row in report_rows],
        )


def measure(backend: str, ids: dict[str, object], rounds: int) -> None:
    from django.test import Client

    from luoshi.supervision import exports, queries
    from luoshi.supervision.models import Report, Task
    from luoshi.supervision.status import Status

    office = Client()
    office.force_login(ids["office"])
    staff = Client()
    staff.force_login(ids["staff"])
    filters = [
        {}, {"status": "overdue"}, {"status": "at_risk"}, {"unit": ids["unit"]},
        {"leader": "领导07", "status": "overdue"}, {"document": ids["document"]},
        {"due_from": "2020-06-01", "due_to": "2020-09-30", "sort": "-percent"},
        {"unit": ids["unit"], "status": "on_track", "sort": "document"}, {"page": 40},
    ]  # fmt: skip
    office.get("/ledger/", secure=True)  # warm up (HTTPS, as served)
    page_ms, staff_ms = [], []
    by_filter: dict[str, list[float]] = {}
    for _ in range(rounds):
        for params in filters:
            seconds, response = timed(office.get, "/ledger/", params, secure=True)
            by_filter.setdefault(str(params), []).append(seconds * 1000)
            assert response.status_code == 200, (
                params,
                response.status_code,
                response.get("Location") or response.content[-3000:].decode(),
            )
            page_ms.append(seconds * 1000)
        seconds, response = timed(staff.get, "/ledger/", {"status": "overdue"}, secure=True)
        staff_ms.append(seconds * 1000)
    print(
        f"[{backend}] ledger page with filters ({len(page_ms)} requests, supervision office): "
        f"p50 {percentile(page_ms, 0.5):.0f} ms · p95 {percentile(page_ms, 0.95):.0f} ms (target < 150) · max {max(page_ms):.0f} ms"
    )
    slowest = sorted(by_filter.items(), key=lambda item: -statistics.median(item[1]))[:3]
    print(
        f"[{backend}]   slowest filters (median): "
        + " · ".join(f"{name} {statistics.median(ms):.0f} ms" for name, ms in slowest)
    )
    print(
        f"[{backend}] ledger page as unit staff (overdue filter): p50 {percentile(staff_ms, 0.5):.0f} ms · "
        f"p95 {percentile(staff_ms, 0.95):.0f} ms"
    )

    user = ids["office"]
    moment = queries.Moment.now()
    overdue_ms = []
    for _ in range(max(30, rounds * 3)):

        def overdue_now():
            tasks = queries.ledger_tasks(user, queries.LedgerFilter(status=Status.OVERDUE), moment)
            return tasks.count(), list(tasks[:50])

        seconds, (count, _) = timed(overdue_now)
        overdue_ms.append(seconds * 1000)
    print(
        f'[{backend}] "overdue now" (count + first 50 of {count:,}): p50 {percentile(overdue_ms, 0.5):.0f} ms · '
        f"p95 {percentile(overdue_ms, 0.95):.0f} ms (target < 200)"
    )

    first = Task.objects.order_by("id").values_list("id", flat=True).first()
    ten_k = Task.objects.filter(pk__gte=first, pk__lt=first + 10_000).order_by("id")
    seconds, data = timed(exports.tasks_workbook, user, ten_k, moment)
    print(
        f"[{backend}] xlsx export of {ten_k.count():,} tasks: {seconds:.2f} s (target < 5) · {len(data) / 1e6:.1f} MB"
    )
    print(f"[{backend}] rows: {Task.objects.count():,} tasks · {Report.objects.count():,} reports")


def run_backend(backend: str, n_units: int, n_tasks: int, rounds: int) -> None:
    os.environ.setdefault("LUOSHI_NOW", AS_OF)
    os.environ["LUOSHI_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SETTINGS_MODULE"] = "luoshi.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    seconds, ids = timed(build_city, n_units, n_tasks)
    print(
        f"[{backend}] synthetic city: {n_units} units, {n_tasks:,} tasks, {n_tasks * 10:,} reports built in {seconds:.0f} s"
    )
    measure(backend, ids, rounds)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    size = ["--units", str(args.units), "--tasks", str(args.tasks), "--rounds", str(args.rounds)]
    if args.backend != "all" and os.environ.get("LUOSHI_BENCH_CHILD"):
        run_backend(args.backend, args.units, args.tasks, args.rounds)
        return 0
    if args.backend in ("sqlite", "all"):
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(
                os.environ,
                LUOSHI_DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
                LUOSHI_BENCH_CHILD="1",
                LUOSHI_VAR_DIR=tmp,
            )
            subprocess.run(
                [sys.executable, __file__, "--backend", "sqlite", *size], env=env, check=True
            )
    if args.backend in ("postgres", "all"):
        started = subprocess.run(
            ["bash", str(REPO / "scripts" / "postgres.sh"), "start"], capture_output=True, text=True
        )
        if started.returncode != 0:
            print(f"[postgres] not measured: {started.stderr.strip()}")
            return 0
        server = started.stdout.strip().rsplit("/", 1)[0]
        for sql in (
            "DROP DATABASE IF EXISTS luoshi_ledger_bench",
            "CREATE DATABASE luoshi_ledger_bench",
        ):
            subprocess.run(
                ["psql", f"{server}/postgres", "-qc", sql], check=True, capture_output=True
            )
        env = dict(
            os.environ, LUOSHI_DATABASE_URL=f"{server}/luoshi_ledger_bench", LUOSHI_BENCH_CHILD="1"
        )
        subprocess.run(
            [sys.executable, __file__, "--backend", "postgres", *size], env=env, check=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
