#!/usr/bin/env bash
# Shared by run.sh and test.sh (sourced, not run). Expects $PG (the path of pg.sh).

# Stops the PostgreSQL cluster on the way out, but only if the calling script started it
# (it sets STARTED_PG=1 after starting one). Ctrl-C and TERM exit with 130 and 143.
STARTED_PG=0
# shellcheck disable=SC2317  # called by the EXIT trap
stop_started_pg() {
    local rc=$?
    trap - EXIT INT TERM
    if [ "$STARTED_PG" -eq 1 ]; then
        bash "$PG" stop || true
    fi
    exit "$rc"
}
trap stop_started_pg EXIT
# bash runs these after the foreground program has exited (Ctrl-C reaches it directly).
trap 'exit 130' INT
trap 'exit 143' TERM
