import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run_luoshi(*args: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    """``luoshi`` in a fresh process with exactly the LUOSHI_* environment given (production-like)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LUOSHI_", "DJANGO_"))}
    base["DJANGO_SETTINGS_MODULE"] = "luoshi.settings"
    return subprocess.run(
        [str(Path(sys.executable).parent / "luoshi"), *args],
        env={**base, **env},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    """The production settings README.md documents (HTTPS on by default, own secret key)."""
    return {
        "LUOSHI_SECRET_KEY": "p" * 30 + "roduction-key-of-this-test-0123456789",
        "LUOSHI_ALLOWED_HOSTS": "luoshi.example.gov.cn",
        "LUOSHI_VAR_DIR": str(tmp_path),
        "LUOSHI_DATABASE_URL": f"sqlite:///{tmp_path / 'luoshi.sqlite3'}",
    }
