"""Apps depend downwards only: the import graph of src/luoshi, read from the source."""

from __future__ import annotations

import ast
from pathlib import Path

import luoshi

SRC = Path(luoshi.__file__).parent

# What each package may import from luoshi (besides itself). The library and the directory
# sit at the bottom with core; the pipeline and the cockpit sit on top.
ALLOWED = {
    "core": {"directory"},  # a user belongs to a unit
    "gazette": {"core"},
    "directory": {"core", "gazette"},
}


def imports_of(package: str) -> dict[str, set[str]]:
    """luoshi packages imported by each module of ``package`` (module path → packages)."""
    found: dict[str, set[str]] = {}
    for path in (SRC / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        top = {n.split(".")[1] for n in names if n.startswith("luoshi.")}
        # Top-level modules (cli, settings) are wiring, not apps.
        found[str(path.relative_to(SRC))] = {t for t in top if (SRC / t).is_dir()} - {package}
    return found


def test_should_keep_the_library_free_of_other_apps():
    offenders = {
        module: sorted(deps - ALLOWED["gazette"])
        for module, deps in imports_of("gazette").items()
        if deps - ALLOWED["gazette"]
    }
    assert offenders == {}


def test_should_keep_each_lower_package_to_its_allowed_imports():
    for package, allowed in ALLOWED.items():
        for module, deps in imports_of(package).items():
            assert deps <= allowed, f"{module} imports {sorted(deps - allowed)}"


def test_should_import_the_cockpit_from_nowhere_but_the_site_wiring():
    wiring = {"urls.py", "api.py", "settings.py"}
    for package in [p.name for p in SRC.iterdir() if p.is_dir() and p.name != "cockpit"]:
        for module, deps in imports_of(package).items():
            assert "cockpit" not in deps, f"{module} imports the cockpit"
    for path in SRC.glob("*.py"):
        if path.name not in wiring:
            assert "luoshi.cockpit" not in path.read_text(encoding="utf-8"), path.name


def test_should_detect_an_upward_import(tmp_path, monkeypatch):
    # The scanner itself: a module of a fake package importing another app is reported.
    package = tmp_path / "fake"
    package.mkdir()
    (tmp_path / "supervision").mkdir()
    (package / "m.py").write_text("from luoshi.supervision.models import Task\n")
    monkeypatch.setattr(f"{__name__}.SRC", tmp_path)
    assert imports_of("fake") == {"fake/m.py": {"supervision"}}
