#!/usr/bin/env bash
# `make shell`: chat in the terminal. Uses the action server of `make run` if it is up,
# otherwise starts one for the length of the chat.
set -u
cd "$(dirname "$0")/.."
BIN=.venv/bin
ACTIONS_PORT=${ACTIONS_PORT:-5055}
SHELL_PORT=${SHELL_PORT:-5006}  # not 5005, so a `make run` can keep running beside it
started=""
if ! curl -fs "http://localhost:$ACTIONS_PORT/health" >/dev/null 2>&1; then
  mkdir -p var/logs
  echo "Starting the action server on port $ACTIONS_PORT..."
  "$BIN/rasa" run actions --port "$ACTIONS_PORT" >>var/logs/actions-shell.log 2>&1 &
  started=$!
  trap 'kill $started 2>/dev/null' EXIT
  for _ in $(seq 240); do
    curl -fs "http://localhost:$ACTIONS_PORT/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
fi
endpoints=endpoints.yml
if [ "$ACTIONS_PORT" != 5055 ]; then
  endpoints=$(mktemp --suffix=.yml)
  sed "s/localhost:5055/localhost:$ACTIONS_PORT/" endpoints.yml >"$endpoints"
fi
"$BIN/rasa" shell --model models/coach.tar.gz --endpoints "$endpoints" --port "$SHELL_PORT" \
  --conversation-id "${SHELL_SENDER:-shell}" "$@"
