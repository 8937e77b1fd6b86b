#!/usr/bin/env bash
# The README's run command: a private persistent PostgreSQL (infra/pg.sh) plus the web app.
#
# Usage: bash infra/run.sh            (Ctrl-C stops the app, then the PostgreSQL this script started)
#
# Environment:
#   PORT                         HTTP port of the app on 127.0.0.1 (default 5080)
#   PG_PORT, PG_DATA             the database cluster (default 5433, <repo>/.data/pg); see infra/pg.sh
#   ASPNETCORE_ENVIRONMENT       default Development. Only Development loads the demo data and may use the
#                                demo organizer; any other environment needs the two Bootstrap__ settings.
#   Bootstrap__OrganizerEmail    the first organizer account; set both or neither. When neither
#   Bootstrap__OrganizerPassword is set (Development only), demo credentials are used and printed here;
#                                the app itself never logs a password.
#   DataProtection__KeyEncryptionKey  base64 of 32 bytes that encrypts the key ring at rest. When unset,
#                                one is generated once into .data/secrets/data-protection-kek and reused.
set -euo pipefail

readonly ME="run.sh"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
readonly SCRIPT_DIR REPO_ROOT
readonly PG="$SCRIPT_DIR/pg.sh"
readonly WEB_PROJECT="$REPO_ROOT/src/SymposiumBooking.Web"
readonly DB_NAME="symposium"
readonly DEMO_ORGANIZER_EMAIL="organizer@demo.symposium.test"
readonly DEMO_ORGANIZER_PASSWORD="Demo-Organizer-2027!"
# The demo therapists the app creates with Demo__Seed (src/SymposiumBooking.Web/Infrastructure/Demo/DemoData.cs).
readonly DEMO_THERAPIST_EMAILS="maria.keller@demo.symposium.test, tomas.ortega@demo.symposium.test, aiko.tanaka@demo.symposium.test"
readonly DEMO_THERAPIST_PASSWORD="Demo-Therapist-2027!"

note() { printf '%s: %s\n' "$ME" "$*"; }
die() { printf '%s: error: %s\n' "$ME" "$*" >&2; exit 1; }

command -v dotnet >/dev/null 2>&1 \
    || die "'dotnet' not found: install the .NET 10 SDK and put 'dotnet' on PATH"
[ -d "$WEB_PROJECT" ] || die "no web project at $WEB_PROJECT"

export PG_DATA="${PG_DATA:-$REPO_ROOT/.data/pg}"
export PG_PORT="${PG_PORT:-5433}"
export PG_MODE=persistent   # never fsync=off for data someone may keep
HTTP_PORT="${PORT:-5080}"

# shellcheck source=infra/lib.sh
source "$SCRIPT_DIR/lib.sh"   # stops the PostgreSQL this script starts, on any exit

WAS_RUNNING=0
if bash "$PG" status >/dev/null 2>&1; then WAS_RUNNING=1; fi
bash "$PG" start   # a no-op when running; fails clearly on a port clash or a full disk
if [ "$WAS_RUNNING" -eq 1 ]; then
    note "using the PostgreSQL that was already running (it stays running on exit)"
else
    STARTED_PG=1
fi

find_psql() {
    local d best=""
    for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
        if [ -x "$d/psql" ]; then best="$d/psql"; fi
    done
    if [ -z "$best" ]; then best="$(command -v psql || true)"; fi
    [ -n "$best" ] || die "psql not found (expected /usr/lib/postgresql/*/bin/psql or /usr/bin/psql)"
    printf '%s' "$best"
}

# The app's migration would create the database too; creating it here makes a first start not
# depend on that.
PSQL="$(find_psql)"
psql_admin() { "$PSQL" -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"; }
if [ "$(psql_admin -tAc "select 1 from pg_database where datname = '$DB_NAME'")" != "1" ]; then
    note "creating database '$DB_NAME'"
    psql_admin -qc "create database $DB_NAME"
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
DEMO=0
if [ "$ASPNETCORE_ENVIRONMENT" = "Development" ]; then DEMO=1; fi

if [ -n "${Bootstrap__OrganizerEmail:-}" ] && [ -n "${Bootstrap__OrganizerPassword:-}" ]; then
    note "first organizer: $Bootstrap__OrganizerEmail (from the environment)"
elif [ -z "${Bootstrap__OrganizerEmail:-}" ] && [ -z "${Bootstrap__OrganizerPassword:-}" ]; then
    [ "$DEMO" -eq 1 ] \
        || die "ASPNETCORE_ENVIRONMENT=$ASPNETCORE_ENVIRONMENT: set Bootstrap__OrganizerEmail and Bootstrap__OrganizerPassword (demo credentials are for Development only)"
    export Bootstrap__OrganizerEmail="$DEMO_ORGANIZER_EMAIL"
    export Bootstrap__OrganizerPassword="$DEMO_ORGANIZER_PASSWORD"
    note "demo organizer sign-in: $DEMO_ORGANIZER_EMAIL / $DEMO_ORGANIZER_PASSWORD"
else
    die "set both Bootstrap__OrganizerEmail and Bootstrap__OrganizerPassword, or neither (demo credentials)"
fi
export Bootstrap__OrganizerEmail Bootstrap__OrganizerPassword

# The key that wraps the Data Protection key ring in PostgreSQL (docs/adr/0008). The ring, and with it every
# stored health intake, is unreadable without it: it belongs with the database, so it lives under .data too.
if [ -n "${DataProtection__KeyEncryptionKey:-}" ]; then
    note "key-encryption key: from the environment"
else
    KEK_FILE="$REPO_ROOT/.data/secrets/data-protection-kek"
    if [ ! -s "$KEK_FILE" ]; then
        mkdir -p "$(dirname "$KEK_FILE")"
        chmod 700 "$(dirname "$KEK_FILE")"
        # umask first, so the key is never readable by others, not even between write and chmod.
        (umask 077 && head -c 32 /dev/urandom | base64 >"$KEK_FILE.tmp" && mv "$KEK_FILE.tmp" "$KEK_FILE")
        note "generated a key-encryption key in $KEK_FILE (back it up with .data/pg)"
    fi
    chmod 600 "$KEK_FILE"
    DataProtection__KeyEncryptionKey="$(cat "$KEK_FILE")"
    note "key-encryption key: $KEK_FILE"
fi
export DataProtection__KeyEncryptionKey

export ConnectionStrings__Booking="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB_NAME"
export ASPNETCORE_URLS="http://127.0.0.1:$HTTP_PORT"
export Database__MigrateOnStartup=true
if [ "$DEMO" -eq 1 ]; then
    # The app loads the demo symposium into an empty database (Development only) and does not log its sign-ins.
    export Demo__Seed=true
    note "demo therapist sign-ins (when the demo symposium is loaded): $DEMO_THERAPIST_EMAILS / $DEMO_THERAPIST_PASSWORD"
else
    export Demo__Seed=false
    note "no demo data outside Development ($ASPNETCORE_ENVIRONMENT)"
fi
# The dev inbox: every mail the app sends lands here as an .eml file.
export Mail__PickupDirectory="${Mail__PickupDirectory:-$REPO_ROOT/.data/mail}"
export App__PublicBaseUrl="${App__PublicBaseUrl:-http://127.0.0.1:$HTTP_PORT/}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"

note "mails the app sends are written to $Mail__PickupDirectory (.eml files)"
note "starting the app on http://127.0.0.1:$HTTP_PORT ($ASPNETCORE_ENVIRONMENT); Ctrl-C stops it"
# Not exec: the EXIT trap must run afterwards to stop PostgreSQL.
rc=0
dotnet run --project "$WEB_PROJECT" -c Release --no-launch-profile || rc=$?
exit "$rc"
