"""Ingest and search benchmarks (issue targets: parse < 0.5 s, ingest < 3 s, search p95 < 50 ms).

    uv run python bench/ingest.py                 # SQLite, then PostgreSQL when it can be started
    uv run python bench/ingest.py --backend sqlite --issues 20

Prints figures and ratios; asserts nothing. Each backend runs in its own process on a fresh
database (a temporary SQLite file, or the throw-away server of scripts/postgres.sh).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GAZETTE = REPO / "data" / "jincheng-2020-02.txt"
QUERIES = [
    "停车",
    "扶贫资产",
    "煤矿",
    "24小时",
    "应急预案",
    "蓝天保卫战",
    "食品安全",
    "数字政府",
    "农民增收",
    "特种设备",
    "动物疫情",
    "统计员",
    "工艺美术",
    "社会治安",
    "国有资本",
]
_NUMBER_YEAR = re.compile(r"([〔\[【])2020([〕\]】])")


def synthetic_issue(text: str, k: int) -> str:
    """The bundled issue as issue k of an archive: document numbers moved to a year of its own."""
    return _NUMBER_YEAR.sub(lambda m: f"{m.group(1)}{2100 + k}{m.group(2)}", text)


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run_backend(backend: str, issues: int) -> None:
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "luoshi.settings"
    django.setup()
    from django.core.management import call_command

    from luoshi.gazette import search
    from luoshi.gazette.models import Passage
    from luoshi.gazette.parsing import decode_gazette, parse_issue
    from luoshi.pipeline import ingest_text

    call_command("migrate", interactive=False, verbosity=0)
    raw = GAZETTE.read_bytes()
    read_s = min(timed(GAZETTE.read_bytes)[0] for _ in range(5))
    decode_s = min(timed(decode_gazette, raw)[0] for _ in range(5))
    text = decode_gazette(raw)
    parse_s = min(timed(parse_issue, text)[0] for _ in range(5))
    ingest_s, summary = timed(ingest_text, text, source_name=GAZETTE.name)
    print(f"[{backend}] bundled issue: {len(raw) / 1024:.0f} KiB, {summary.documents} documents")
    print(
        f"[{backend}]   read {read_s * 1000:.2f} ms · decode {decode_s * 1000:.1f} ms · "
        f"parse {parse_s * 1000:.1f} ms (target < 500) · full ingest {ingest_s * 1000:.0f} ms (target < 3000)"
    )
    print(
        f"[{backend}]   parse / read ratio: {parse_s / read_s:.0f}× · (decode+parse) / read: "
        f"{(decode_s + parse_s) / read_s:.0f}×"
    )

    archive_times = []
    for k in range(1, issues):
        seconds, _ = timed(ingest_text, synthetic_issue(text, k), source_name=f"synthetic-{k}.txt")
        archive_times.append(seconds)
    total = ingest_s + sum(archive_times)
    print(
        f"[{backend}] archive of {issues} issues: ingest {total:.1f} s in all, "
        f"mean {total / issues:.2f} s/issue, {Passage.objects.count():,} passages indexed"
    )

    latencies = []
    for _ in range(3):
        for query in QUERIES:
            seconds, page = timed(search.search, query, limit=20)
            latencies.append(seconds * 1000)
    print(
        f"[{backend}] search over the archive ({len(latencies)} queries): p50 "
        f"{percentile(latencies, 0.5):.1f} ms · p95 {percentile(latencies, 0.95):.1f} ms "
        f"(target < 50) · max {max(latencies):.1f} ms · mean {statistics.mean(latencies):.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--issues", type=int, default=100)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_backend(args.backend, args.issues)
        return 0
    if args.backend in ("sqlite", "all"):
        with tempfile.TemporaryDirectory() as tmp:
            _child("sqlite", args.issues, f"sqlite:///{tmp}/bench.sqlite3")
    if args.backend in ("postgres", "all"):
        started = subprocess.run(
            ["bash", str(REPO / "scripts" / "postgres.sh"), "start"],
            capture_output=True,
            text=True,
        )
        if started.returncode != 0:
            print(f"[postgres] not measured: {started.stderr.strip()}")
            return 0
        server = started.stdout.strip().rsplit("/", 1)[0]
        for sql in ("DROP DATABASE IF EXISTS luoshi_bench", "CREATE DATABASE luoshi_bench"):
            subprocess.run(
                ["psql", f"{server}/postgres", "-qc", sql], check=True, capture_output=True
            )
        _child("postgres", args.issues, f"{server}/luoshi_bench")
    return 0


def _child(backend: str, issues: int, database_url: str) -> None:
    """Measure one backend in its own process, on a fresh database."""
    subprocess.run(
        [sys.executable, __file__, "--child", "--backend", backend, "--issues", str(issues)],
        env=dict(os.environ, LUOSHI_DATABASE_URL=database_url),
        check=True,
    )


if __name__ == "__main__":
    sys.exit(main())
