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
