#!/usr/bin/env bash
# Load the bundled gazette into SQLite, create the demo accounts and serve the site, with the
# worker (reminders, escalations, the monthly bulletin) running beside the web server.
set -euo pipefail
cd "$(dirname "$0")/.."
export LUOSHI_DEBUG="${LUOSHI_DEBUG:-1}"
uv run luoshi ingest data/jincheng-2020-02.txt
uv run luoshi demo-users
uv run luoshi worker &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true' EXIT
echo "Luoshi is at http://127.0.0.1:${PORT:-8000}/  (Ctrl-C stops it)"
uv run luoshi manage runserver "127.0.0.1:${PORT:-8000}" --noreload
