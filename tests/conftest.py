import os
from pathlib import Path

import pytest

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
