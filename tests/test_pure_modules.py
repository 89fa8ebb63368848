"""The domain rules are plain Python: importing them must not import Django."""

import subprocess
import sys

PURE_MODULES = [
    "luoshi.grants.rules",
    "luoshi.grants.workflow",
    "luoshi.revenue.rules",
    "luoshi.parking.repricing",
    "luoshi.parking.tariff",
    "luoshi.parking.occupancy",
    "luoshi.assets.rules",
    "luoshi.core.personal",
    "luoshi.gazette.parsing",
    "luoshi.gazette.tokens",
    "luoshi.core.calendar",
    "luoshi.core.deadlines",
    "luoshi.core.timeleft",
    "luoshi.core.documents",
    "luoshi.directory.names",
    "luoshi.directory.extraction",
    "luoshi.supervision.extraction",
    "luoshi.supervision.status",
    "luoshi.supervision.bulletin",
    "luoshi.supervision.periods",
    "luoshi.express.workflow",
    "luoshi.express.timelimits",
    "luoshi.express.states",
    "luoshi.express.invariants",
    "luoshi.emergency.grading",
    "luoshi.emergency.compiled",
    "luoshi.emergency.posts",
    "luoshi.emergency.wording",
    "luoshi.emergency.clocks",
    "luoshi.emergency.roster",
    "luoshi.emergency.cap",
    "luoshi.cockpit.fold",
    "luoshi.cockpit.bulletin",
]

PROBE = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
    leaked = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
    if leaked:
        print(f"{name} imports {leaked[0]}")
        sys.exit(1)
"""


def test_pure_modules_do_not_import_django():
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *PURE_MODULES], capture_output=True, text=True, env={}
    )
    assert result.returncode == 0, result.stdout + result.stderr
