#!/usr/bin/env bash
# `make shell`: chat in the terminal. Uses the action server of `make run` if it is up,
# otherwise starts one for the length of the chat.
set -u
cd "$(dirname "$0")/.."
BIN=.venv/bin
started=""
if ! curl -fs http://localhost:5055/health >/dev/null 2>&1; then
  mkdir -p var/logs
  "$BIN/rasa" run actions --port 5055 >>var/logs/actions-shell.log 2>&1 &
  started=$!
  trap 'kill $started 2>/dev/null' EXIT
  for _ in $(seq 120); do
    curl -fs http://localhost:5055/health >/dev/null 2>&1 && break
    sleep 0.5
  done
fi
# Port 5006 so that a `make run` on 5005 can keep running beside it.
"$BIN/rasa" shell --model models/coach.tar.gz --endpoints endpoints.yml --port 5006 \
  --conversation-id "${SHELL_SENDER:-shell}" "$@"
