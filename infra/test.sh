#!/usr/bin/env bash
# The README's test command: test tools, a throwaway PostgreSQL (infra/pg.sh), then dotnet test.
#
# Usage: bash infra/test.sh [extra dotnet test args, e.g. --filter Category=Booking]
#
# Environment:
#   PG_PORT        port of the test cluster (default 5434; the run command's cluster uses 5433)
#   TEST_PG_DATA   data folder of the test cluster (default <repo>/.data/pg-test). PG_DATA is
#                  deliberately ignored: a stopped test cluster is deleted and recreated each run.
#   CHROMIUM_PATH  browser for the Playwright tests (default /usr/bin/chromium, installed if missing)
#   SMOKE          1: run infra/smoke-production.sh after the tests; 0: don't; unset: only when no arguments are given
# Exported to the tests:
#   SYMPOSIUM_TEST_PG  Npgsql connection string without a database (tests create their own)
#   CHROMIUM_PATH
# Exit code: dotnet test's, or the production smoke test's when the tests passed.
set -euo pipefail

readonly ME="test.sh"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
readonly SCRIPT_DIR REPO_ROOT
readonly PG="$SCRIPT_DIR/pg.sh"

note() { printf '%s: %s\n' "$ME" "$*"; }
warn() { printf '%s: warning: %s\n' "$ME" "$*" >&2; }
die() { printf '%s: error: %s\n' "$ME" "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Test tools from apt
# ---------------------------------------------------------------------------------------------
APT_NEEDED=()

# need_apt <package> <command...>: install <package> unless <command> succeeds.
need_apt() {
    local pkg="$1"
    shift
    if ! "$@" >/dev/null 2>&1; then APT_NEEDED+=("$pkg"); fi
}

# >>> Extra apt packages the tests need: later issues add need_apt lines here, e.g.
#     need_apt python3-icalendar /usr/bin/python3 -c 'import icalendar'
install_test_tools() {
    # The calendar tests read every .ics with two parsers that share no code with Ical.Net.
    need_apt python3-icalendar /usr/bin/python3 -c 'import icalendar'
    # The deployment files' test reads every YAML file with python3-yaml (Platform/DeploymentFilesTests.cs).
    need_apt python3-yaml /usr/bin/python3 -c 'import yaml'
    need_apt nodejs command -v node
    need_apt npm command -v npm
}
# <<<

# npm packages the tests need, from their committed package-lock.json (after the apt packages: npm may be one):
# ical.js for the calendar tests, Redocly CLI for the OpenAPI lint (docs/adr/0081).
readonly NPM_FOLDERS=(
    "$REPO_ROOT/tests/SymposiumBooking.Web.Tests/Calendar/parsers"
    "$REPO_ROOT/tests/contract"
)
install_npm_tools() {
    local folder
    # Redocly CLI 2.77 declares Node 20.19 or later; Debian 12's own nodejs is 18 (docs/adr/0081).
    node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
        || warn "node $(node --version) is older than Redocly CLI asks for (20.19): the OpenAPI lint test may fail"
    for folder in "${NPM_FOLDERS[@]}"; do
        note "npm ci in ${folder#"$REPO_ROOT/"}"
        npm ci --prefix "$folder" --no-audit --no-fund --loglevel=error \
            || die "npm ci in $folder failed"
    done
}

pick_chromium() {
    if [ -n "${CHROMIUM_PATH:-}" ]; then
        if [ -x "$CHROMIUM_PATH" ]; then return; fi
        warn "CHROMIUM_PATH=$CHROMIUM_PATH does not exist; using /usr/bin/chromium instead"
    fi
    CHROMIUM_PATH=/usr/bin/chromium
    need_apt chromium test -x /usr/bin/chromium
}

SUDO=()
install_apt_packages() {
    [ "${#APT_NEEDED[@]}" -gt 0 ] || return 0
    command -v apt-get >/dev/null 2>&1 \
        || die "no apt-get: install these packages yourself: ${APT_NEEDED[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            SUDO=(sudo -n)
        else
            die "installing ${APT_NEEDED[*]} needs root: run 'sudo apt-get install -y ${APT_NEEDED[*]}' (or run this script as root)"
        fi
    fi
    note "installing test tools: apt-get install -y ${APT_NEEDED[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update \
        || die "apt-get update failed"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${APT_NEEDED[@]}" \
        || die "apt-get install ${APT_NEEDED[*]} failed"
}

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 \
    || die "'dotnet' not found: install the .NET 10 SDK and put 'dotnet' on PATH"

pick_chromium
install_test_tools
install_apt_packages
install_npm_tools
[ -x "$CHROMIUM_PATH" ] || die "no browser at $CHROMIUM_PATH after installing chromium"
export CHROMIUM_PATH

export PG_DATA="${TEST_PG_DATA:-$REPO_ROOT/.data/pg-test}"
export PG_PORT="${PG_PORT:-5434}"
export PG_MODE=throwaway

# shellcheck source=infra/lib.sh
source "$SCRIPT_DIR/lib.sh"   # stops the PostgreSQL this script starts, on any exit

if bash "$PG" status >/dev/null 2>&1; then
    # Someone (an IDE session, a previous run still going) uses it: reuse it, leave it running.
    note "reusing the test PostgreSQL already running at $PG_DATA"
    bash "$PG" start   # checks the port matches
else
    # fsync=off data can't be trusted after a crash, and a fresh cluster takes about a second.
    bash "$PG" destroy >/dev/null
    STARTED_PG=1
    bash "$PG" start
fi

SYMPOSIUM_TEST_PG="$(bash "$PG" url)"
export SYMPOSIUM_TEST_PG
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

# Formatting and analyzers are part of "every test": a tree that isn't dotnet-format clean fails here.
note "dotnet format --verify-no-changes"
dotnet format "$REPO_ROOT/SymposiumBooking.sln" --verify-no-changes \
    || die "dotnet format found changes to make: run 'dotnet format' and commit the result"

# The tests' API client is what Kiota makes of docs/openapi.json (about 5 s; docs/adr/0082).
note "tests/contract/client.sh check"
bash "$REPO_ROOT/tests/contract/client.sh" check

note "SYMPOSIUM_TEST_PG=$SYMPOSIUM_TEST_PG CHROMIUM_PATH=$CHROMIUM_PATH"
rc=0
dotnet test "$REPO_ROOT/SymposiumBooking.sln" -c Release "$@" || rc=$?
note "dotnet test exited with $rc"

# The production smoke test (docs/operations.md, "How this path is proven") after the whole suite: a run given
# arguments (a --filter) skips it unless SMOKE=1; SMOKE=0 skips it always.
case "${SMOKE:-auto}" in
    1) run_smoke=1 ;;
    0) run_smoke=0 ;;
    *) if [ $# -eq 0 ]; then run_smoke=1; else run_smoke=0; fi ;;
esac
if [ "$rc" -eq 0 ] && [ "$run_smoke" -eq 1 ]; then
    if [ "$STARTED_PG" -eq 1 ]; then bash "$PG" stop >/dev/null || true; STARTED_PG=0; fi   # the smoke has its own
    note "infra/smoke-production.sh"
    bash "$SCRIPT_DIR/smoke-production.sh" || rc=$?
    note "the production smoke test exited with $rc"
fi
exit "$rc"
