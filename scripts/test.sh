#!/usr/bin/env bash
# The whole suite: lint, types, then every test on SQLite and on PostgreSQL, browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== lint"
uv run ruff format --check src tests bench
uv run ruff check src tests bench
uv run mypy
bash scripts/ensure-chromium.sh
bash scripts/ensure-office.sh
echo "== tests on SQLite"
uv run pytest "$@"
echo "== tests on PostgreSQL 15"
PG_URL="$(bash scripts/postgres.sh start)"
LUOSHI_DATABASE_URL="$PG_URL" uv run pytest "$@"
