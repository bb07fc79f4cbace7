#!/usr/bin/env bash
# make demo: one task worker for every queue (schedule runs, e-mails, large imports) in the background,
# the development server in the foreground; Ctrl-C stops both. PORT=8001 serves on another port.
set -u
PY="${1:-.venv/bin/python}"
PORT="${PORT:-8000}"
export DEBUG=1
# Links in e-mails (verification, password reset…) point at SITE_URL: the demo's own address.
export SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"
"$PY" -m rabta.cli db_worker --queue-name '*' --interval 0.5 --no-reload &  # every queue
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT INT TERM
echo "Task worker started (pid $worker): schedule runs and e-mails are processed in the background."
"$PY" -m rabta.cli runserver "127.0.0.1:$PORT"
