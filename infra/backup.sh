#!/usr/bin/env bash
# A backup of the app's database in pg_dump's custom format (docs/operations.md, "Backups and the key-encryption key";
# docs/adr/0105). Restore it with infra/restore.sh.
#
# Usage: bash infra/backup.sh --db CONN --out FILE
#   --db CONN   the database, as libpq takes it (postgresql://symposium_owner@127.0.0.1/symposium) or as the app does
#               (ConnectionStrings__Booking). A password in it reaches pg_dump through PGPASSWORD, never its command
#               line; without one, ~/.pgpass or the server's peer authentication apply (no prompt: cron has no terminal).
#   --out FILE  the backup to write. An existing FILE is never overwritten. The dump is written beside FILE and renamed
#               once complete and readable, so FILE is either a whole backup or absent. Mode 600: it holds attendees'
#               names and addresses.
#
# The key-encryption key (DataProtection__KeyEncryptionKey) is not in the backup, and must not be stored with it: the
# health intakes in a backup read only with that key. Keep the key elsewhere (docs/operations.md).
# Prints the file, its size and what it holds. Exit 0 when the backup is complete.
set -euo pipefail

readonly ME="backup.sh"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
readonly SCRIPT_DIR

# note, die, usage; the client programs; connection strings
# shellcheck source=infra/pgconn.sh
source "$SCRIPT_DIR/pgconn.sh"

DB="" OUT=""
while [ $# -gt 0 ]; do
    case "$1" in
        --db) [ $# -ge 2 ] || usage; DB="$2"; shift 2 ;;
        --out) [ $# -ge 2 ] || usage; OUT="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) printf '%s: unknown argument: %s\n' "$ME" "$1" >&2; usage ;;
    esac
done
[ -n "$DB" ] && [ -n "$OUT" ] || usage

[ ! -e "$OUT" ] && [ ! -L "$OUT" ] || die "$OUT exists: a backup is never overwritten; choose a new name (e.g. with the date)"
OUT_DIR="$(dirname -- "$OUT")"
[ -d "$OUT_DIR" ] || die "folder $OUT_DIR does not exist"
[ -w "$OUT_DIR" ] || die "folder $OUT_DIR is not writable for $(id -un)"
pgconn_parse "$DB" || die "--db: the connection string can't be read" 2
pgconn_export_libpq
PG_DUMP="$(pgconn_tool pg_dump)" || exit 1
PG_RESTORE="$(pgconn_tool pg_restore)" || exit 1
readonly PG_DUMP PG_RESTORE

umask 077
PARTIAL="$(mktemp "$OUT_DIR/.$(basename -- "$OUT").partial.XXXXXX")"
trap 'rm -f -- "$PARTIAL"' EXIT

note "pg_dump --format=custom of $(pgconn_describe)"
"$PG_DUMP" --format=custom --no-password --file="$PARTIAL" \
    || die "pg_dump failed: nothing was written to $OUT"
# A dump that its own restore tool can't list is no backup.
CONTENTS="$("$PG_RESTORE" --list "$PARTIAL")" || die "pg_restore can't read the dump pg_dump just wrote: nothing was written to $OUT"

# A hard link creates OUT only if it does not exist yet, atomically: a backup that appeared meanwhile is kept.
ln -- "$PARTIAL" "$OUT" 2>/dev/null || die "could not create $OUT (did it appear meanwhile?): nothing was overwritten"
rm -f -- "$PARTIAL"
trap - EXIT

BYTES="$(stat -c %s -- "$OUT")"
TABLES="$(grep -c ' TABLE DATA ' <<<"$CONTENTS" || true)"
note "wrote $OUT: $(numfmt --to=iec-i --suffix=B "$BYTES") ($BYTES bytes), $TABLES tables with their rows"
