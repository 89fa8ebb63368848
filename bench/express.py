"""Express-card benchmarks (issue targets: "waiting for me" and "overdue now" p95 < 100 ms with
50,000 cards with full histories on SQLite and PostgreSQL; 200 concurrent transitions on
PostgreSQL without a lost update).

    uv run python bench/express.py                      # SQLite, then PostgreSQL if it starts
    uv run python bench/express.py --backend sqlite --cards 10000

Prints figures; asserts nothing except the lost-update check, which it reports. Each backend runs
in its own process on a fresh database (a temporary SQLite file, or a throw-away database on the
server of scripts/postgres.sh).
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
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOW = "2020-10-15T12:00"
PG_DB = "luoshi_bench_express"


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# -- data ------------------------------------------------------------------------------------


def make_people():
    from luoshi.core.models import User
    from luoshi.core.roles import Role
    from luoshi.directory.models import Unit

    counties = [Unit.objects.create(name=f"县区{i:02d}", kind=Unit.Kind.COUNTY) for i in range(12)]
    departments = [Unit.objects.create(name=f"市直部门{i:02d}") for i in range(40)]
    office = Unit.objects.create(name="市人民政府办公室", kind=Unit.Kind.GOVERNMENT)
    key_unit = Unit.objects.create(name="市重点工程项目建设办公室", kind=Unit.Kind.GOVERNMENT)

    def user(name, role, unit):
        return User.objects.create(username=name, role=role, unit=unit, display_name=name)

    people = {
        "key": user("key", Role.KEY_PROJECTS, key_unit),
        "supervision": user("duchashi", Role.SUPERVISION, office),
        "office": user("office", Role.UNIT_STAFF, office),
        "mayors": [user(f"mayor{i}", Role.LEADER, office) for i in range(6)],
        "staff": [user(f"staff{i:02d}", Role.UNIT_STAFF, d) for i, d in enumerate(departments)],
        "liaisons": [user(f"liaison{i:02d}", Role.LIAISON, c) for i, c in enumerate(counties)],
    }
    return people, counties, departments


def generate(n_cards: int, seed: int = 7) -> dict[str, float]:
    """``n_cards`` cards walked through the pure workflow, with every step stored."""
    from django.db import transaction

    from luoshi.core.calendar import WorkingCalendar
    from luoshi.core.clock import parse_moment
    from luoshi.express import workflow as wf
    from luoshi.express.models import Card, Project, Step
    from luoshi.express.timelimits import Clock

    rng = random.Random(seed)
    people, counties, departments = make_people()
    clock = Clock(WorkingCalendar())
    now = parse_moment(NOW)
    start = parse_moment("2019-01-01T08:00")
    span = (now - start).total_seconds()
    projects = Project.objects.bulk_create(
        [
            Project(name=f"重点项目{i:04d}", builder=f"建设单位{i:04d}", created_at=start)
            for i in range(2000)
        ]
    )
    t0 = time.perf_counter()
    cards: list[Card] = []
    histories: list[list[tuple[wf.Entry, int]]] = []
    for i in range(n_cards):
        filed_at = start + dt.timedelta(seconds=span * (i / n_cards) ** 0.7)
        liaison = people["liaisons"][rng.randrange(12)]
        unit_index = min(39, int(rng.expovariate(1 / 8)))
        unit = departments[unit_index]
        staff = people["staff"][unit_index]
        mayor = people["mayors"][rng.randrange(6)]
        hard = rng.random() < 0.3
        due = (filed_at + dt.timedelta(days=rng.randint(10, 40))).date()
        script = [
            (
                wf.Command(wf.Action.TRIAGE_HARD, "建议", vice_mayor=mayor.pk, due_date=due),
                wf.Actor.KEY_OFFICE,
                people["key"],
            )
            if hard
            else (
                wf.Command(wf.Action.TRIAGE_ORDINARY, "建议", unit=unit.pk, due_date=due),
                wf.Actor.KEY_OFFICE,
                people["key"],
            ),
        ]
        if rng.random() < 0.1:
            script.insert(
                0,
                (
                    wf.Command(wf.Action.RETURN_FOR_INFO, "请补充"),
                    wf.Actor.KEY_OFFICE,
                    people["key"],
                ),
            )
            script.insert(1, (wf.Command(wf.Action.RESUBMIT, "已补充"), wf.Actor.LIAISON, liaison))
        if hard:
            script += [
                (wf.Command(wf.Action.INSTRUCT, "同意"), wf.Actor.VICE_MAYOR, mayor),
                (
                    wf.Command(wf.Action.DISPATCH, unit=unit.pk),
                    wf.Actor.GOV_OFFICE,
                    people["office"],
                ),
            ]
        script += [
            (
                wf.Command(wf.Action.ACCEPT, handler="负责人", section="科室"),
                wf.Actor.RESPONSIBLE_UNIT,
                staff,
            ),
            (wf.Command(wf.Action.REPORT_PROGRESS, "进展"), wf.Actor.RESPONSIBLE_UNIT, staff),
            (wf.Command(wf.Action.COMPLETE, "已办结"), wf.Actor.RESPONSIBLE_UNIT, staff),
            (wf.Command(wf.Action.CLOSE, "完结"), wf.Actor.KEY_OFFICE, people["key"]),
        ]
        # Recent cards are still running: cut their script short.
        age_days = (now - filed_at).days
        if age_days < 60:
            script = script[: rng.randint(0, len(script) - 1)]
        outcome = wf.file_card(filed_at)
        card, entries = outcome.card, [(outcome.entry, liaison.pk)]
        at = filed_at
        for command, actor, user in script:
            at = at + dt.timedelta(hours=rng.choice([1, 3, 8, 20, 30, 50]))
            if at >= now:
                break
            outcome = wf.apply(card, command, {actor}, at, clock)
            card = outcome.card
            entries.append((outcome.entry, user.pk))
        row = Card(
            number=f"直通车〔{filed_at.year}〕{i + 1}号",
            filed_at=filed_at,
            project_name=f"重点项目{i % 2000:04d}",
            builder=f"建设单位{i % 2000:04d}",
            contact="联系人 13800000000",
            situation="需协调事项",
            project=projects[i % 2000],
            filed_by_id=liaison.pk,
            filing_unit_id=liaison.unit_id,
            steps_count=len(entries),
        )
        row.take(card, clock.step_deadline(card))
        if card.state is wf.State.CLOSED:
            row.closed_at = entries[-1][0].at
        cards.append(row)
        histories.append(entries)
    walk_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_steps = 0
    with transaction.atomic():
        for lo in range(0, n_cards, 2000):
            batch = Card.objects.bulk_create(cards[lo : lo + 2000])
            steps = []
            for card_row, entries in zip(batch, histories[lo : lo + 2000], strict=True):
                for seq, (e, user_id) in enumerate(entries, start=1):
                    steps.append(Step.of_entry(card_row.pk, seq, e, user_id))
            Step.objects.bulk_create(steps, batch_size=5000)
            n_steps += len(steps)
    return {"walk_s": walk_s, "insert_s": time.perf_counter() - t0, "steps": n_steps}


# -- measurements ----------------------------------------------------------------------------


def measure_lists(reps: int) -> list[tuple[str, str, int, float, float]]:
    from django.db import connection

    from luoshi.core import clock
    from luoshi.core.models import User
    from luoshi.express import queries
    from luoshi.express.models import Card

    busiest_unit = (
        Card.objects.values("responsible_unit")
        .exclude(responsible_unit=None)
        .order_by()
        .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("id"))
        .order_by("-n")
        .first()["responsible_unit"]
    )
    users = {
        "市重点办": User.objects.get(username="key"),
        "分管副市长": User.objects.get(username="mayor0"),
        "市政府办科室": User.objects.get(username="office"),
        "责任单位(最忙)": User.objects.filter(unit=busiest_unit, role="unit_staff").first(),
        "联络员": User.objects.get(username="liaison00"),
        "督查室": User.objects.get(username="duchashi"),
    }
    rows = []
    with clock.frozen(NOW):
        for label, user in users.items():
            for which in (queries.CardList.WAITING, queries.CardList.OVERDUE):
                samples = []
                total = 0
                for _ in range(reps):
                    t0 = time.perf_counter()
                    qs = queries.cards(user, which).select_related("responsible_unit")
                    page = list(qs[:50])
                    total = qs.count()
                    samples.append((time.perf_counter() - t0) * 1000)
                    assert len(page) <= 50
                rows.append(
                    (
                        label,
                        which.label,
                        total,
                        statistics.median(samples),
                        percentile(samples, 0.95),
                    )
                )
    connection.close()
    return rows


def measure_api(reps: int) -> tuple[float, float]:
    from django.test import Client

    from luoshi.core import clock
    from luoshi.core.models import User

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="key"))
    samples = []
    with clock.frozen(NOW):
        client.get(
            "/api/express/cards?list=overdue&limit=50", secure=True
        )  # warm up: URL and schema loading
        for _ in range(reps):
            t0 = time.perf_counter()
            response = client.get("/api/express/cards?list=overdue&limit=50", secure=True)
            samples.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
    return statistics.median(samples), percentile(samples, 0.95)


def concurrent_transitions(n: int, workers: int) -> dict[str, object]:
    """``n`` transitions at once: half report progress on ONE card (every one must land),
    half race to triage the same 25 filed cards (exactly one per card may win)."""
    from django.db import close_old_connections, connection

    from luoshi.core import clock
    from luoshi.core.models import User
    from luoshi.express import services
    from luoshi.express import workflow as wf
    from luoshi.express.models import Card, Step

    key = User.objects.get(username="key")
    with clock.frozen(NOW):
        target = Card.objects.filter(state="in_progress").order_by("id").first()
        assert target is not None
        staff = User.objects.filter(unit=target.responsible_unit_id, role="unit_staff").first()
        liaison = User.objects.get(username="liaison00")
        filed = [
            services.file_card(
                liaison, services.Filing("并发项目", "并发单位", "电话", f"事项{i}")
            ).pk
            for i in range(25)
        ]
    unit_id = target.responsible_unit_id
    before = Card.objects.get(pk=target.pk).steps_count
    half = n // 2
    jobs = [("progress", target.pk)] * half + [("triage", filed[i % 25]) for i in range(n - half)]
    random.Random(3).shuffle(jobs)
    barrier = threading.Barrier(workers)
    lock = threading.Lock()
    results = {"ok": 0, "refused": 0, "error": 0}
    queue = list(jobs)

    def worker() -> None:
        barrier.wait()
        while True:
            with lock:
                if not queue:
                    break
                kind, card_id = queue.pop()
            try:
                with clock.frozen(NOW):
                    if kind == "progress":
                        services.report_progress(staff, card_id, "并发进展")
                    else:
                        services.triage_ordinary(
                            key, card_id, "建议", unit_id, dt.date(2020, 11, 30)
                        )
                outcome = "ok"
            except wf.WorkflowError:
                outcome = "refused"
            except Exception as error:  # noqa: BLE001 - a bench reports, it does not crash
                outcome = "error"
                print("   error:", type(error).__name__, error, file=sys.stderr)
            with lock:
                results[outcome] += 1
        close_old_connections()
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    after = Card.objects.get(pk=target.pk)
    seqs = list(Step.objects.filter(card=target).order_by("seq").values_list("seq", flat=True))
    triage_wins = Step.objects.filter(card_id__in=filed, action="triage_ordinary").count()
    lost = (after.steps_count - before) - half
    return {
        "elapsed_s": elapsed,
        **results,
        "progress_expected": half,
        "progress_recorded": after.steps_count - before,
        "lost_updates": lost,
        "seq_contiguous": seqs == list(range(1, len(seqs) + 1)),
        "triage_winners": triage_wins,
        "triage_cards": 25,
    }


def run_backend(backend: str, n_cards: int, reps: int, workers: int) -> None:
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "luoshi.settings"
    os.environ.setdefault("LUOSHI_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    print(f"== {backend} ({connection.vendor}) ==")
    made = generate(n_cards)
    print(
        f"   generated {n_cards} cards, {made['steps']} steps: workflow walk {made['walk_s']:.1f} s, insert {made['insert_s']:.1f} s"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"   {'who':<14} {'list':<6} {'rows':>6} {'median ms':>10} {'p95 ms':>8}")
    worst = 0.0
    for label, which, total, median, p95 in measure_lists(reps):
        worst = max(worst, p95)
        print(f"   {label:<14} {which:<6} {total:>6} {median:>10.2f} {p95:>8.2f}")
    print(
        f"   worst list p95 {worst:.2f} ms (target < 100 ms: {'met' if worst < 100 else 'MISSED'})"
    )
    median, p95 = measure_api(reps)
    print(
        f"   API GET /api/express/cards?list=overdue (市重点办): median {median:.1f} ms, p95 {p95:.1f} ms"
    )
    if connection.vendor == "postgresql":
        result = concurrent_transitions(200, workers)
        print(
            f"   200 concurrent transitions on {workers} connections: {result['elapsed_s']:.2f} s; "
            f"ok {result['ok']}, refused {result['refused']}, errors {result['error']}"
        )
        print(
            f"   one card, {result['progress_expected']} progress reports: {result['progress_recorded']} recorded, "
            f"lost updates {result['lost_updates']}, history seq contiguous: {result['seq_contiguous']}"
        )
        print(
            f"   {result['triage_cards']} filed cards raced by triage: {result['triage_winners']} winners "
            f"(exactly one per card expected)"
        )


def pg_url() -> str | None:
    try:
        out = (
            subprocess.run(
                ["bash", str(REPO / "scripts" / "postgres.sh"), "start"],
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
    except (subprocess.CalledProcessError, IndexError):
        return None
    base = out.rsplit("/", 1)[0]
    host_port = base.split("@", 1)[1]
    host, port = host_port.split(":")
    for sql in (f"DROP DATABASE IF EXISTS {PG_DB}", f"CREATE DATABASE {PG_DB}"):
        subprocess.run(
            ["psql", "-h", host, "-p", port, "-U", "postgres", "-qc", sql],
            check=True,
            capture_output=True,
        )
    return f"{base}/{PG_DB}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--cards", type=int, default=50_000)
    parser.add_argument("--reps", type=int, default=40)
    parser.add_argument(
        "--workers", type=int, default=50, help="PostgreSQL connections for the concurrency run"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_backend(args.backend, args.cards, args.reps, args.workers)
        return
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:
        env = dict(os.environ)
        if backend == "sqlite":
            tmp = tempfile.mkdtemp(prefix="luoshi-bench-express-")
            env["LUOSHI_DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        else:
            url = pg_url()
            if url is None:
                print("== postgres: could not start scripts/postgres.sh; skipped ==")
                continue
            env["LUOSHI_DATABASE_URL"] = url
        cmd = [
            sys.executable,
            __file__,
            "--child",
            "--backend",
            backend,
            "--cards",
            str(args.cards),
            "--reps",
            str(args.reps),
            "--workers",
            str(args.workers),
        ]
        subprocess.run(cmd, env=env, check=False)


if __name__ == "__main__":
    main()
