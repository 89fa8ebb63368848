"""Secure by default when DEBUG is off (issue 16 §6, issue 12 §5)."""

import pytest

from .conftest import run_luoshi


def test_check_deploy_is_clean_with_the_documented_production_settings(production_env):
    result = run_luoshi(
        "manage", "check", "--deploy", "--fail-level", "WARNING", env=production_env
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_a_key_generates_its_own_never_the_public_one(production_env, tmp_path):
    del production_env["LUOSHI_SECRET_KEY"]
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = run_luoshi("manage", "shell", "-v", "0", "-c", code, env=production_env)
    second = run_luoshi("manage", "shell", "-v", "0", "-c", code, env=production_env)
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50 and "insecure" not in key
    assert second.stdout.strip() == key  # kept in VAR_DIR/secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_the_public_development_key(production_env):
    production_env["LUOSHI_SECRET_KEY"] = "luoshi-insecure-development-key-change-me-in-production"
    result = run_luoshi("manage", "check", env=production_env)
    assert result.returncode != 0
    assert "LUOSHI_SECRET_KEY" in result.stderr


def test_production_defaults_are_https_only_with_short_sessions(production_env):
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS > 0, 8 * 3600 <= s.SESSION_COOKIE_AGE <= 12 * 3600)"
    )
    result = run_luoshi("manage", "shell", "-v", "0", "-c", code, env=production_env)
    assert result.stdout.split() == ["True"] * 5, result.stderr
    plain = run_luoshi(
        "manage", "shell", "-v", "0", "-c", code, env={**production_env, "LUOSHI_HTTPS": "0"}
    )
    assert plain.stdout.split()[:4] == ["False"] * 4


def test_demo_users_are_refused_outside_the_demo(production_env):
    result = run_luoshi("demo-users", env=production_env)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "演示" in result.stderr
    demo = run_luoshi("demo-users", "--json", env={**production_env, "LUOSHI_DEMO": "1"})
    assert demo.returncode == 0, demo.stderr
    assert "admin" in demo.stdout


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_template_holds_inline_script_or_style():
    """The policy forbids them: every script and style lives in a static file."""
    import re

    from .conftest import REPO

    offenders = []
    for template in (REPO / "src" / "luoshi").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=\"|\son[a-z]+=\"", text):
            offenders.append(template.name)
    assert offenders == []
