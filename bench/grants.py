"""Student-grant benchmarks (issue targets, a year of a city: 6 counties, 60 schools, 3,000
applications with evidence metadata — assessment of all applications < 1 s; each review list page
p95 < 100 ms; the 公示 page p95 < 50 ms).

    uv run python bench/grants.py                 # a temporary SQLite database
    LUOSHI_DATABASE_URL=postgres://… uv run python bench/grants.py   # an empty PostgreSQL database

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from decimal import Decimal

COUNTIES = ["城区", "泽州县", "高平市", "阳城县", "陵川县", "沁水县"]
CATEGORIES = ["dibao", "martyr", "tekun", "disabled_student", "work_injury", "parent_disabled",
              "chronic_illness", "low_income", "dibao_edge"]  # fmt: skip


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def setup(database_url: str | None) -> None:
    if database_url is None:
        database_url = f"sqlite:///{tempfile.mkdtemp()}/bench-grants.sqlite3"
    os.environ["LUOSHI_DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "luoshi.settings"
    os.environ.setdefault("LUOSHI_DEBUG", "1")
    os.environ.setdefault("LUOSHI_ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def generate(n: int):
    from luoshi.core import clock, sealed
    from luoshi.core.models import User
    from luoshi.core.personal import id_check_character, mask_id
    from luoshi.core.roles import Role
    from luoshi.directory.models import Unit
    from luoshi.grants.models import Application, Evidence, GrantOffice, GrantYear

    rng = random.Random(2020)
    year = GrantYear.objects.create(year=2020, dibao_standard_yuan=Decimal(6120))
    offices = {}
    for key, level, county in [("city", "city", ""), ("bureau", "bureau", "")] + [
        (f"c{i}", "county", c) for i, c in enumerate(COUNTIES)
    ]:
        unit = Unit.objects.create(name=f"资助单位{key}")
        offices[key] = GrantOffice.objects.create(unit=unit, level=level, county=county)
    schools = []
    for i in range(60):
        unit = Unit.objects.create(name=f"第{i + 1}中学")
        schools.append(
            GrantOffice.objects.create(
                unit=unit, level="school", county=COUNTIES[i % 6], affiliation="county"
            )
        )
    users = {
        key: User.objects.create(username=f"u-{key}", role=Role.UNIT_STAFF, unit=o.unit)
        for key, o in [*offices.items(), ("school", schools[0])]
    }
    now = clock.now()
    rows = []
    for k in range(n):
        first17 = f"1405{k % 100:02d}2002{1 + k % 12:02d}{1 + k % 28:02d}{k % 1000:03d}"
        number = first17 + id_check_character(first17)
        rows.append(
            Application(
                year=year,
                school=schools[k % 60],
                student_name=f"学生{k:04d}",
                gender="男",
                id_cipher=sealed.seal(number),
                id_digest=sealed.digest(f"{number}-{k}"),
                id_masked=mask_id(number),
                birth_date=now.date().replace(year=2002),
                hukou_address="晋城市",
                household_size=4,
                per_capita_income_yuan=Decimal(rng.randint(3000, 15000)),
                categories=rng.sample(CATEGORIES, rng.randint(1, 2)),
                exam_number=f"2014{k:07d}",
                college="山西大学",
                institution="undergraduate",
                donations_yuan=Decimal(rng.choice([0, 0, 1000, 3500])),
                family_planning_aid_yuan=Decimal(0),
                state=rng.choice(["in_review", "listed", "draft"]),
                level=rng.choice(["school", "county", "city"]),
                created_at=now,
                updated_at=now,
            )  # fmt: skip
        )
    Application.objects.bulk_create(rows, batch_size=500)
    ids = list(Application.objects.values_list("pk", flat=True))
    Evidence.objects.bulk_create(
        [
            Evidence(
                application_id=pk,
                kind=kind,
                file=f"grants/2020/{pk}/{kind}.pdf",
                name=f"{kind}.pdf",
                size=120_000,
                content_type="application/pdf",
                uploaded_at=now,
                retain_until=now.date().replace(year=2025),
            )  # fmt: skip
            for pk in ids
            for kind in ("hukou", "admission", "hardship")
        ],
        batch_size=1000,
    )
    return year, offices, schools, users


def measure_assessment(year) -> float:
    from luoshi.grants.models import Application
    from luoshi.grants.services import assess

    applications = list(Application.objects.filter(year=year).select_related("year"))
    started = time.perf_counter()
    for application in applications:
        assess(application)
    return time.perf_counter() - started


def measure_pages(paths: dict[str, tuple[object, str]], reps: int) -> None:
    from django.test import Client

    print(f"   {'page':<28} {'median ms':>10} {'p95 ms':>8}")
    for label, (user, path) in paths.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        assert client.get(path).status_code == 200, path
        samples = []
        for _ in range(reps):
            started = time.perf_counter()
            client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
        print(
            f"   {label:<28} {statistics.median(samples):>10.1f} {percentile(samples, 0.95):>8.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=3000)
    parser.add_argument("--reps", type=int, default=40)
    args = parser.parse_args()
    setup(os.environ.get("LUOSHI_DATABASE_URL"))
    from django.db import connection

    from luoshi.grants.models import Application, Publicity

    started = time.perf_counter()
    year, offices, schools, users = generate(args.applications)
    print(
        f"== {connection.vendor}: {args.applications} applications generated in {time.perf_counter() - started:.1f} s"
    )
    elapsed = measure_assessment(year)
    print(f"   assessment of all {args.applications}: {elapsed * 1000:.0f} ms (target < 1 s)")
    from luoshi.core import clock

    publicity = Publicity.objects.create(
        office=offices["c1"], year=year, level="county", starts=clock.today(), ends=clock.today(),
        published_at=clock.now(),
    )  # fmt: skip
    publicity.applications.set(Application.objects.filter(school__county=COUNTIES[1])[:500])
    measure_pages(
        {
            "review list (school)": (users["school"], "/grants/"),
            "review list (county)": (users["c0"], "/grants/"),
            "review list (city centre)": (users["city"], "/grants/"),
            "city dashboard": (users["city"], "/grants/dashboard/"),
            "公示 page (500 names)": (None, f"/grants/publicity/{publicity.pk}/"),
        },
        args.reps,
    )


if __name__ == "__main__":
    main()
