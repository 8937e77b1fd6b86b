#!/usr/bin/env bash
# Restores a backup made by infra/backup.sh into an empty database, then checks that the key-encryption key in use
# reads the restored key ring (docs/operations.md, "Backups and the key-encryption key"; docs/adr/0105).
#
# Usage: bash infra/restore.sh --file FILE --db CONN [--app DIR]
#   --file FILE  the backup
#   --db CONN    an EMPTY database (refused when it holds any table), as the role that is to own what is restored: the
#                schema owner, symposium_owner (infra/prod/roles.sql makes both roles and the empty database). Taken as
#                libpq takes it (postgresql://symposium_owner:...@127.0.0.1/symposium) or as the app does (Npgsql).
#                What is restored belongs to that role; the app role's grants come back with the tables.
#   --app DIR    the published app (DIR/SymposiumBooking.Web.dll) that runs the key check. Default: $SYMPOSIUM_APP, else
#                the release's app/ beside this script's folder, else `dotnet run` from this checkout (needs the SDK).
#
# Environment: DataProtection__KeyEncryptionKey, the key-encryption key the restored data is to be read with.
#
# pg_restore runs as one transaction: the database ends up with all of the backup or none of it. Then
# `SymposiumBooking.Web.dll keys check` opens every key of the restored key ring with the key-encryption key.
# Exit: 0 restored and every key readable; 1 nothing restored; 2 wrong usage; 3 restored, but the key check failed
# (wrong or missing key-encryption key: the intakes would not read).
set -euo pipefail

readonly ME="restore.sh"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
readonly SCRIPT_DIR REPO_ROOT
readonly APP_DLL="SymposiumBooking.Web.dll"

# note, die, usage; the client programs; connection strings
# shellcheck source=infra/pgconn.sh
source "$SCRIPT_DIR/pgconn.sh"

FILE="" DB="" APP="${SYMPOSIUM_APP:-}"
while [ $# -gt 0 ]; do
    case "$1" in
        --file) [ $# -ge 2 ] || usage; FILE="$2"; shift 2 ;;
        --db) [ $# -ge 2 ] || usage; DB="$2"; shift 2 ;;
        --app) [ $# -ge 2 ] || usage; APP="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) printf '%s: unknown argument: %s\n' "$ME" "$1" >&2; usage ;;
    esac
done
[ -n "$FILE" ] && [ -n "$DB" ] || usage

[ -f "$FILE" ] || die "$FILE is not a file" 2
pgconn_parse "$DB" || die "--db: the connection string can't be read" 2
pgconn_export_libpq
PSQL="$(pgconn_tool psql)" || exit 1
PG_RESTORE="$(pgconn_tool pg_restore)" || exit 1
readonly PSQL PG_RESTORE

# The app that runs the key check: a folder holding the dll (or the dll itself), else `dotnet run` from the checkout.
KEY_CHECK=()
if [ -z "$APP" ] && [ -f "$SCRIPT_DIR/../app/$APP_DLL" ]; then APP="$SCRIPT_DIR/../app"; fi
if [ -n "$APP" ]; then
    if [ -d "$APP" ]; then APP="$APP/$APP_DLL"; fi
    [ -f "$APP" ] || die "no $APP_DLL at $APP (--app / SYMPOSIUM_APP)" 2
    APP="$(cd "$(dirname -- "$APP")" && pwd -P)/$(basename -- "$APP")"
    KEY_CHECK=(dotnet "$APP" keys check)
elif [ -f "$REPO_ROOT/src/SymposiumBooking.Web/SymposiumBooking.Web.csproj" ]; then
    KEY_CHECK=(dotnet run --project "$REPO_ROOT/src/SymposiumBooking.Web" -c Release --no-launch-profile -v q -- keys check)
else
    die "no app to run the key check with: give --app DIR (the folder of $APP_DLL) or set SYMPOSIUM_APP" 2
fi
command -v dotnet >/dev/null 2>&1 || die "'dotnet' not found: the key check runs the app (install the ASP.NET Core 10 runtime)" 2

"$PG_RESTORE" --list "$FILE" >/dev/null 2>&1 || die "$FILE is not a backup pg_restore can read (made by infra/backup.sh?)" 2

psql_value() { "$PSQL" -X -w -A -t -v ON_ERROR_STOP=1 -c "$1"; }

TARGET="$(pgconn_describe)"
RELATIONS="$(psql_value "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
      AND n.nspname NOT LIKE 'pg\_temp%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')")" \
    || die "can't reach $TARGET"
[ "$RELATIONS" = "0" ] \
    || die "$TARGET is not empty ($RELATIONS tables, views or sequences): restore into a new, empty database" 2

note "pg_restore $FILE into $TARGET (one transaction)"
"$PG_RESTORE" --no-owner --exit-on-error --single-transaction --no-password --dbname="$PGC_DB" "$FILE" \
    || die "pg_restore failed: the transaction was rolled back, $TARGET is still empty"

COUNTS="$(psql_value "SELECT format('%s bookings, %s intakes, %s keys in the key ring',
    (SELECT count(*) FROM bookings), (SELECT count(*) FROM booking_intakes), (SELECT count(*) FROM data_protection_keys))" 2>/dev/null)" \
    || COUNTS="(the app's tables could not be counted: was this a backup of the app's database?)"
note "restored: $COUNTS"

note "key check: ${KEY_CHECK[*]}"
rc=0
ConnectionStrings__Booking="$(pgconn_npgsql)" "${KEY_CHECK[@]}" || rc=$?
if [ "$rc" -ne 0 ]; then
    printf '%s: error: the backup is restored, but the key check failed (exit %s, its message above): until it passes, the intakes do not read\n' \
        "$ME" "$rc" >&2
    exit 3
fi
note "done: $TARGET holds the backup, and its key ring reads with the configured key-encryption key"
