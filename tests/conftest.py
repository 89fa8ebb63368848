import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Time is measured in bench/, never asserted in tests: no per-example deadline, which on a
# loaded machine fails examples for being slow rather than wrong.
hypothesis_settings.register_profile("luoshi", deadline=None)
hypothesis_settings.load_profile("luoshi")

REPO = Path(__file__).resolve().parent.parent
GAZETTE = REPO / "data" / "jincheng-2020-02.txt"


@pytest.fixture(scope="session")
def gazette_text() -> str:
    return GAZETTE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gazette_path() -> Path:
    return GAZETTE


def pytest_configure(config: pytest.Config) -> None:
    # Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.conf import settings

    # every test that makes users hashes passwords: the fast hasher keeps setups cheap
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def library(django_db_setup, django_db_blocker, gazette_path):
    """The bundled issue ingested once for a module of read-only tests, flushed afterwards."""
    from django.core.management import call_command

    from luoshi.pipeline import ingest_file

    with django_db_blocker.unblock():
        summary = ingest_file(gazette_path)
    yield summary
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


_DB_FIXTURES = {"db", "transactional_db", "live_server", "library"}


def pytest_sessionstart(session: pytest.Session) -> None:
    # Collection and pure tests grade with the bundled playbook files; tests with a database
    # grade with its published versions (the source the app installs when it is ready).
    from luoshi.emergency.playbook import use_source

    use_source(None)


@pytest.fixture(autouse=True)
def _playbook_source(request: pytest.FixtureRequest):
    from luoshi.emergency.playbook import use_source

    uses_db = request.node.get_closest_marker("django_db") is not None or bool(
        _DB_FIXTURES & set(request.fixturenames)
    )
    if uses_db:
        from luoshi.emergency.registry import PublishedPlaybooks

        use_source(PublishedPlaybooks())
    else:
        use_source(None)
    yield
    use_source(None)


# -- exports rendered to PDF by LibreOffice (scripts/ensure-office.sh installs it) -------------

OFFICE_FONTS = REPO / "tests" / "office" / "fonts.conf"
A4 = (595.3, 841.9)  # points
MM = 72 / 25.4
HANGING = "\u3002\uff0c\u3001\uff1b\uff1a\uff09\u201d\u2019"  # 。,、;:)”’


class RenderedPdf:
    """A PDF that LibreOffice made of an export, with what the checks read from it."""

    def __init__(self, path: Path) -> None:
        import pdfplumber

        self.path = path
        with pdfplumber.open(path) as pdf:
            self.sizes = [(round(p.width, 1), round(p.height, 1)) for p in pdf.pages]
            self.chars = [dict(c, page=i) for i, p in enumerate(pdf.pages) for c in p.chars]
            self.edges = [dict(e, page=i) for i, p in enumerate(pdf.pages) for e in p.edges]
        self.text = "".join(c["text"] for c in self.chars)

    def fonts_of(self, text: str) -> set[str]:
        """Fonts of the characters of the first place ``text`` is printed (font subset prefix
        dropped)."""
        at = self.text.index(text)
        return {c["fontname"].split("+")[-1] for c in self.chars[at : at + len(text)]}

    def check_official(self) -> None:
        """A4 portrait, every character and table rule inside the 版心 (28 mm … 184 mm), no
        character missing from the fonts."""
        assert self.sizes and all(size == A4 for size in self.sizes), self.sizes
        assert self.outside(28 * MM, 184 * MM) == []
        assert "\ufffd" not in self.text

    def check_sheet(self) -> None:
        """A4 landscape, the sheet fitted to the page width (nothing cut off at the right)."""
        assert self.sizes and all(size == A4[::-1] for size in self.sizes), self.sizes
        assert self.outside(0, A4[1]) == []

    def outside(self, left: float, right: float) -> list[str]:
        """Characters and table rules that reach beyond ``left``..``right`` (points). A closing
        punctuation mark may start at the right edge: LibreOffice hangs it in the margin
        (hanging punctuation, which the document turns off for Word and WPS)."""
        bad = [
            c["text"] for c in self.chars
            if c["x0"] < left - 1 or c["x1"] > right + 1
            and not (c["text"] in HANGING and c["x0"] <= right + 1)
        ]  # fmt: skip
        bad += [f"rule {e['x0']:.0f}-{e['x1']:.0f}" for e in self.edges
                if e["x0"] < left - 1 or e["x1"] > right + 1]  # fmt: skip
        return bad


@pytest.fixture(scope="session")
def office_profile(tmp_path_factory):
    import shutil

    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice missing: run scripts/ensure-office.sh (make test does)")
    return tmp_path_factory.mktemp("office-profile")


@pytest.fixture
def render_pdf(office_profile, tmp_path):
    """``render_pdf(data, "name.docx")`` → :class:`RenderedPdf`; with LUOSHI_EXPORT_PDF_DIR set,
    the PDF is also kept there to be looked at."""
    import shutil
    import subprocess

    def render(data: bytes, filename: str) -> RenderedPdf:
        source = tmp_path / filename
        source.write_bytes(data)
        env = dict(os.environ, FONTCONFIG_FILE=str(OFFICE_FONTS))
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{office_profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
            check=True, capture_output=True, timeout=240, env=env,
        )  # fmt: skip
        pdf = source.with_suffix(".pdf")
        keep = os.environ.get("LUOSHI_EXPORT_PDF_DIR")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(pdf, Path(keep) / pdf.name)
        return RenderedPdf(pdf)

    return render


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests of concurrency under row locks run on PostgreSQL only: on SQLite (an in-memory test
    database whose threads share one cache) they are deselected, and the summary says how many."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    postgres_only = [item for item in items if item.get_closest_marker("postgres")]
    if postgres_only:
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]
        config.hook.pytest_deselected(items=postgres_only)
        config._luoshi_postgres_only = len(postgres_only)  # type: ignore[attr-defined]


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    count = getattr(config, "_luoshi_postgres_only", 0)
    if count:
        terminalreporter.write_line(
            f"{count} PostgreSQL-only test(s) deselected on SQLite; they run in the PostgreSQL leg"
        )
