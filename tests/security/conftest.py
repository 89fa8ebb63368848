import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def luoshi_command() -> str:
    return str(Path(sys.executable).parent / "luoshi")


def luoshi_environment(env: dict[str, str]) -> dict[str, str]:
    """This process's environment without its LUOSHI_* and Django settings, plus ``env``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LUOSHI_", "DJANGO_"))}
    return {**base, "DJANGO_SETTINGS_MODULE": "luoshi.settings", **env}


def run_luoshi(*args: str, env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess:
    """``luoshi`` in a fresh process with exactly the LUOSHI_* environment given (production-like)."""
    return subprocess.run(
        [luoshi_command(), *args],
        env=luoshi_environment(env),
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
