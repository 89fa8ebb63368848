#!/usr/bin/env bash
# make demo: load the bundled gazette into SQLite, create the demo accounts, play the demo's
# story and serve the site "as of" LUOSHI_NOW with DEBUG off (Chinese error pages, static files
# by WhiteNoise), the worker (reminders, escalations, the monthly bulletin) running beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
export LUOSHI_NOW="${LUOSHI_NOW:-2020-07-01T09:00}"
# DEBUG off as in production: the site makes its own secret key once (var/secret_key); the
# demo serves plain HTTP on this machine only, and may create the demo accounts.
export LUOSHI_DEBUG=0 LUOSHI_HTTPS=0 LUOSHI_DEMO=1
PORT="${PORT:-8000}"
export LUOSHI_ALLOWED_HOSTS="${LUOSHI_ALLOWED_HOSTS:-127.0.0.1,localhost}"
RUN=(uv run --frozen --no-dev)  # the product's dependencies only (make setup-product)

echo "演示时刻:LUOSHI_NOW=$LUOSHI_NOW(系统按此时刻运行,可用 LUOSHI_NOW=… make demo 改变)"
"${RUN[@]}" luoshi ingest data/jincheng-2020-02.txt
"${RUN[@]}" luoshi demo-users
"${RUN[@]}" luoshi demo-seed
"${RUN[@]}" luoshi manage collectstatic --noinput --verbosity 0
"${RUN[@]}" luoshi worker &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true' EXIT INT TERM
echo "落实已启动:http://127.0.0.1:${PORT}/ (按 Ctrl-C 停止;定时任务随之停止)"
"${RUN[@]}" luoshi manage runserver "127.0.0.1:${PORT}" --noreload
