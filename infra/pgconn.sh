# shellcheck shell=bash
# What infra/backup.sh and infra/restore.sh share (sourced, not run): their messages, the PostgreSQL client programs,
# and connection strings, taken in either form:
#   - libpq's, as psql takes it: postgresql://user:password@host:port/database?sslmode=require, or
#     "host=... port=... dbname=... user=... password=..."
#   - Npgsql's, as the app takes it (ConnectionStrings__Booking): "Host=...;Port=...;Database=...;Username=...;Password=..."
# pgconn_parse reads one into PGC_HOST, PGC_PORT, PGC_DB, PGC_USER, PGC_PASSWORD, PGC_SSLMODE (libpq's sslmode words);
# pgconn_export_libpq hands them to pg_dump / pg_restore / psql as PG* variables (so no password is on a command line);
# pgconn_npgsql prints them as an Npgsql connection string, for the app's `keys check`. Settings other than these
# (pooling, timeouts, ...) are not needed to dump or restore and are dropped.

# Messages, prefixed with the script's $ME; usage prints the script's header comment, down to its `set -euo` line.
note() { printf '%s: %s\n' "$ME" "$*"; }
die() { printf '%s: error: %s\n' "$ME" "$*" >&2; exit "${2:-1}"; }
usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
}

# pgconn_tool NAME: the path of a PostgreSQL client program (pg_dump, pg_restore, psql): from PATH (Debian's wrapper
# picks the newest installed), else the newest /usr/lib/postgresql/*/bin.
pgconn_tool() {
    if command -v "$1" >/dev/null 2>&1; then
        command -v "$1"
        return
    fi
    local d best=""
    for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
        if [ -x "$d/$1" ]; then best="$d/$1"; fi
    done
    if [ -z "$best" ]; then
        printf '%s not found: install the PostgreSQL client (apt-get install -y postgresql-client)\n' "$1" >&2
        return 1
    fi
    printf '%s' "$best"
}

# pgconn_parse CONN: 0 when CONN names a database, 1 (with a message on stderr) when it can't be read.
pgconn_parse() {
    PGC_HOST="" PGC_PORT="" PGC_DB="" PGC_USER="" PGC_PASSWORD="" PGC_SSLMODE=""
    case "$1" in
        postgres://*|postgresql://*) _pgconn_uri "$1" || return 1 ;;
        *) _pgconn_pairs "$1" || return 1 ;;
    esac
    if [ -z "$PGC_DB" ]; then
        printf 'the connection string names no database\n' >&2
        return 1
    fi
    if [ -n "$PGC_PORT" ] && ! [[ "$PGC_PORT" =~ ^[0-9]+$ ]]; then
        printf 'the connection string'"'"'s port is not a number: %s\n' "$PGC_PORT" >&2
        return 1
    fi
}

pgconn_export_libpq() {
    export PGDATABASE="$PGC_DB"
    if [ -n "$PGC_HOST" ]; then export PGHOST="$PGC_HOST"; fi
    if [ -n "$PGC_PORT" ]; then export PGPORT="$PGC_PORT"; fi
    if [ -n "$PGC_USER" ]; then export PGUSER="$PGC_USER"; fi
    if [ -n "$PGC_PASSWORD" ]; then export PGPASSWORD="$PGC_PASSWORD"; fi
    if [ -n "$PGC_SSLMODE" ]; then export PGSSLMODE="$PGC_SSLMODE"; fi
}

# Where the database is, for messages: never the password.
pgconn_describe() {
    printf 'database %s on %s:%s as %s' "$PGC_DB" "${PGC_HOST:-${PGHOST:-(local socket)}}" "${PGC_PORT:-${PGPORT:-5432}}" \
        "${PGC_USER:-${PGUSER:-$(id -un)}}"
}

pgconn_npgsql() {
    local host="${PGC_HOST:-${PGHOST:-}}"
    if [ -z "$host" ]; then
        # libpq's default is the local socket; Npgsql needs it named (Debian's socket folder, else TCP on loopback).
        if [ -d /var/run/postgresql ]; then host=/var/run/postgresql; else host=localhost; fi
    fi
    local out
    out="Host=$(_pgconn_npgsql_value "$host");Database=$(_pgconn_npgsql_value "$PGC_DB")"
    local port="${PGC_PORT:-${PGPORT:-}}" user="${PGC_USER:-${PGUSER:-}}" password="${PGC_PASSWORD:-${PGPASSWORD:-}}"
    if [ -n "$port" ]; then out+=";Port=$port"; fi
    if [ -n "$user" ]; then out+=";Username=$(_pgconn_npgsql_value "$user")"; fi
    if [ -n "$password" ]; then out+=";Password=$(_pgconn_npgsql_value "$password")"; fi
    case "$PGC_SSLMODE" in
        "") ;;
        verify-ca) out+=";SSL Mode=VerifyCA" ;;
        verify-full) out+=";SSL Mode=VerifyFull" ;;
        *) out+=";SSL Mode=${PGC_SSLMODE^}" ;;
    esac
    printf '%s' "$out"
}

_pgconn_set() {
    local key
    key="$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]' | tr -d ' _-')"
    case "$key" in
        host|server) PGC_HOST="$2" ;;
        port) PGC_PORT="$2" ;;
        database|db|dbname) PGC_DB="$2" ;;
        username|user|userid|uid) PGC_USER="$2" ;;
        password|pwd) PGC_PASSWORD="$2" ;;
        sslmode)
            PGC_SSLMODE="$(printf '%s' "$2" | tr '[:upper:]' '[:lower:]')"
            case "$PGC_SSLMODE" in
                verifyca) PGC_SSLMODE=verify-ca ;;
                verifyfull) PGC_SSLMODE=verify-full ;;
            esac
            ;;
        *) ;;
    esac
}

_pgconn_unquote() {
    local v="$1"
    if [[ "$v" == \"*\" && ${#v} -ge 2 ]]; then v="${v:1:${#v}-2}"; v="${v//\"\"/\"}"; fi
    if [[ "$v" == \'*\' && ${#v} -ge 2 ]]; then v="${v:1:${#v}-2}"; v="${v//\'\'/\'}"; fi
    printf '%s' "$v"
}

_pgconn_trim() {
    local v="$1"
    v="${v#"${v%%[![:space:]]*}"}"
    v="${v%"${v##*[![:space:]]}"}"
    printf '%s' "$v"
}

# "Key=Value;Key=Value" (Npgsql) or "key=value key=value" (libpq).
_pgconn_pairs() {
    local pairs=() pair
    if [[ "$1" == *";"* ]]; then
        _pgconn_split_npgsql "$1"
    else
        read -r -a pairs <<<"$1"
    fi
    for pair in "${pairs[@]}"; do
        pair="$(_pgconn_trim "$pair")"
        [ -n "$pair" ] || continue
        if [[ "$pair" != *=* ]]; then
            printf 'the connection string has "%s", not key=value\n' "$pair" >&2
            return 1
        fi
        _pgconn_set "$(_pgconn_trim "${pair%%=*}")" "$(_pgconn_unquote "$(_pgconn_trim "${pair#*=}")")"
    done
}

# Splits an Npgsql string at the semicolons outside quoted values into the caller's `pairs`.
_pgconn_split_npgsql() {
    local s="$1" i c quote="" current=""
    for ((i = 0; i < ${#s}; i++)); do
        c="${s:i:1}"
        if [ -n "$quote" ]; then
            current+="$c"
            if [ "$c" = "$quote" ]; then
                if [ "${s:i+1:1}" = "$quote" ]; then current+="$c"; i=$((i + 1)); else quote=""; fi
            fi
        elif [ "$c" = '"' ] || [ "$c" = "'" ]; then
            quote="$c"
            current+="$c"
        elif [ "$c" = ";" ]; then
            pairs+=("$current")
            current=""
        else
            current+="$c"
        fi
    done
    pairs+=("$current")
}

_pgconn_decode() {
    local s="${1//%/\\x}"
    printf '%b' "$s"
}

# postgresql://[user[:password]@][host][:port][/database][?key=value&...]
_pgconn_uri() {
    local rest="${1#*://}" userinfo="" hostport query="" path="" param
    if [[ "$rest" == *\?* ]]; then query="${rest#*\?}"; rest="${rest%%\?*}"; fi
    if [[ "$rest" == */* ]]; then path="${rest#*/}"; rest="${rest%%/*}"; fi
    if [[ "$rest" == *@* ]]; then userinfo="${rest%@*}"; rest="${rest##*@}"; fi
    if [[ "$userinfo" == *:* ]]; then
        PGC_USER="$(_pgconn_decode "${userinfo%%:*}")"
        PGC_PASSWORD="$(_pgconn_decode "${userinfo#*:}")"
    elif [ -n "$userinfo" ]; then
        PGC_USER="$(_pgconn_decode "$userinfo")"
    fi
    hostport="$rest"
    if [[ "$hostport" == \[* ]]; then
        PGC_HOST="${hostport%%]*}"
        PGC_HOST="${PGC_HOST#[}"
        hostport="${hostport#*]}"
        PGC_PORT="${hostport#:}"
    elif [[ "$hostport" == *:* ]]; then
        PGC_HOST="$(_pgconn_decode "${hostport%%:*}")"
        PGC_PORT="${hostport##*:}"
    else
        PGC_HOST="$(_pgconn_decode "$hostport")"
    fi
    PGC_DB="$(_pgconn_decode "$path")"
    local params=()
    if [ -n "$query" ]; then IFS='&' read -r -a params <<<"$query"; fi
    for param in "${params[@]}"; do
        _pgconn_set "${param%%=*}" "$(_pgconn_decode "${param#*=}")"
    done
}

_pgconn_npgsql_value() {
    if [[ "$1" == *[\;\"\'=[:space:]]* ]]; then
        printf '"%s"' "${1//\"/\"\"}"
    else
        printf '%s' "$1"
    fi
}
