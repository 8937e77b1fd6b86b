#!/usr/bin/env bash
# A private PostgreSQL cluster for this checkout (dev and tests). Why: docs/adr/0006.
#
# Usage: infra/pg.sh start|stop|status|url|destroy
#   start    initdb on first use, then start; a no-op when already running
#   stop     pg_ctl stop -m fast; a no-op when not running
#   status   exit 0 when running, 3 when not
#   url      print the Npgsql connection string (no database)
#   destroy  stop, then delete the cluster's data (used by infra/test.sh for a fresh test cluster)
#
# Environment:
#   PG_DATA  data folder            (default <repo>/.data/pg)
#   PG_PORT  TCP port on 127.0.0.1  (default 5433)
#   PG_MODE  persistent|throwaway   (default persistent; throwaway = fsync, synchronous_commit and
#                                    full_page_writes off: fast, but a crash can lose the data)
#   PG_BIN   folder holding initdb/pg_ctl (default: newest /usr/lib/postgresql/*/bin)
#   PG_MIN_FREE_MB  refuse to start with less free disk than this (default 200)
#
# Works as a normal user (the server runs as that user) and as root (initdb/pg_ctl refuse root, so
# the server runs as `postgres`, or as the owner of an existing cluster). Auth is `trust` on
# 127.0.0.1 and the unix socket only: for local dev and tests, never for a shared machine.
set -euo pipefail
# sudo/cron/CI may hand us a PATH without the sbin folders (runuser, useradd live there).
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin:/usr/bin:/bin"

readonly ME="pg.sh"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
readonly SCRIPT_DIR REPO_ROOT

PG_DATA="${PG_DATA:-$REPO_ROOT/.data/pg}"
PG_PORT="${PG_PORT:-5433}"
PG_MODE="${PG_MODE:-persistent}"
PG_MIN_FREE_MB="${PG_MIN_FREE_MB:-200}"
readonly FALLBACK_ROOT="/var/lib/symposium-booking"
readonly READY_TIMEOUT=30

note() { printf '%s: %s\n' "$ME" "$*"; }
warn() { printf '%s: warning: %s\n' "$ME" "$*" >&2; }
die() { printf '%s: error: %s\n' "$ME" "$*" >&2; exit "${2:-1}"; }

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# ---------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------
validate_settings() {
    if ! [[ "$PG_PORT" =~ ^[0-9]+$ ]] || [ "$PG_PORT" -lt 1 ] || [ "$PG_PORT" -gt 65535 ]; then
        die "PG_PORT must be a TCP port number, got '$PG_PORT'"
    fi
    case "$PG_MODE" in
        persistent|throwaway) ;;
        *) die "PG_MODE must be 'persistent' or 'throwaway', got '$PG_MODE'" ;;
    esac
    [[ "$PG_MIN_FREE_MB" =~ ^[0-9]+$ ]] || die "PG_MIN_FREE_MB must be a number of MB"
    [ -n "$PG_DATA" ] || die "PG_DATA is empty"
    # Absolute, without following symlinks: PG_DATA itself may be our symlink (see prepare_root).
    PG_DATA="$(realpath -m -s -- "$PG_DATA")"
    [ "$PG_DATA" != "/" ] || die "PG_DATA must not be /"
}

# ---------------------------------------------------------------------------------------------
# Server binaries
# ---------------------------------------------------------------------------------------------
as_root() {
    if is_root; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        return 126
    fi
}

install_postgres() {
    command -v apt-get >/dev/null 2>&1 \
        || die "no apt-get: install PostgreSQL 15+ server binaries yourself (initdb, pg_ctl, pg_isready; or point PG_BIN at their folder)"
    if ! is_root && ! { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; then
        die "PostgreSQL server binaries are missing and installing them needs root: run 'sudo apt-get install -y postgresql' (or run this script as root)"
    fi
    note "PostgreSQL server binaries not found; installing them: apt-get install -y postgresql"
    note "(the Debian package may start its own cluster on port 5432; we leave it alone and don't use it)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update \
        || die "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql \
        || die "apt-get install -y postgresql failed"
}

newest_pg_bin() {
    local d best=""
    for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
        [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && best="$d"
    done
    printf '%s' "$best"
}

find_pg_bin() {
    if [ -n "${PG_BIN:-}" ]; then
        if [ ! -x "$PG_BIN/pg_ctl" ] || [ ! -x "$PG_BIN/initdb" ]; then
            die "PG_BIN=$PG_BIN does not hold initdb and pg_ctl"
        fi
        return
    fi
    PG_BIN="$(newest_pg_bin)"
    if [ -z "$PG_BIN" ]; then
        install_postgres
        PG_BIN="$(newest_pg_bin)"
        [ -n "$PG_BIN" ] || die "installed postgresql but found no /usr/lib/postgresql/*/bin/pg_ctl"
    fi
}

# ---------------------------------------------------------------------------------------------
# Where the data really lives and who runs the server
# ---------------------------------------------------------------------------------------------
# REAL_DATA: the data folder after following a PG_DATA symlink. SERVER_USER: the OS user that owns
# the cluster and runs initdb/pg_ctl/postgres.
resolve_existing() {
    REAL_DATA="$(readlink -m -- "$PG_DATA")"
    SERVER_USER=""
    if [ -d "$REAL_DATA" ]; then
        SERVER_USER="$(stat -c %U -- "$REAL_DATA")"
    fi
}

have_cluster() { [ -f "$REAL_DATA/PG_VERSION" ]; }

# Root can't run the server; pick the owner of the existing cluster, else `postgres`.
pick_server_user_as_root() {
    command -v runuser >/dev/null 2>&1 \
        || die "running as root needs runuser (util-linux) to run PostgreSQL as another user; or run this as a normal user"
    if [ -n "$SERVER_USER" ] && [ "$SERVER_USER" != "root" ] && [ "$SERVER_USER" != "UNKNOWN" ]; then
        return
    fi
    SERVER_USER="postgres"
    if ! id -u postgres >/dev/null 2>&1; then
        note "creating system user 'postgres' to run the server (root can't)"
        useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home \
            --shell /usr/sbin/nologin postgres || die "could not create user 'postgres'"
    fi
}

check_owner_as_user() {
    local me
    me="$(id -un)"
    if [ -n "$SERVER_USER" ] && [ "$SERVER_USER" != "$me" ]; then
        die "the cluster at $REAL_DATA belongs to '$SERVER_USER', not '$me': run this as root or as '$SERVER_USER', or set PG_DATA to a folder of your own"
    fi
    SERVER_USER="$me"
}

# Runs a PostgreSQL program as the server user. cd / because the caller's cwd (e.g. /root) may be
# unreadable for that user; 9>&- so the server doesn't inherit (and hold) our lock.
as_server() {
    if is_root; then
        (cd / && runuser -u "$SERVER_USER" -- "$@") 9>&-
    else
        "$@" 9>&-
    fi
}

# 0 when the server user can reach (search) the folder, 1 when it can't; dies if runuser fails.
can_server_user_traverse() {
    local rc=0
    (cd / && runuser -u "$SERVER_USER" -- test -x "$1") 2>/dev/null || rc=$?
    case "$rc" in
        0|1) return "$rc" ;;
        *) die "'runuser -u $SERVER_USER -- test -x $1' failed (exit $rc)" ;;
    esac
}

# Creates the data folder (start only). As root, the server user must be able to reach it; when it
# can't (a checkout under /root), the data goes to /var/lib/symposium-booking/<hash> and PG_DATA
# becomes a symlink to it.
prepare_data_dir() {
    local parent
    parent="$(dirname -- "$PG_DATA")"
    if is_root; then
        pick_server_user_as_root
        if [ -L "$PG_DATA" ] || have_cluster; then
            mkdir -p -- "$REAL_DATA"
        else
            mkdir -p -- "$parent"
            if can_server_user_traverse "$parent"; then
                REAL_DATA="$PG_DATA"
            else
                local hash
                hash="$(printf '%s' "$PG_DATA" | sha256sum | cut -c1-12)"
                REAL_DATA="$FALLBACK_ROOT/$hash"
                note "user '$SERVER_USER' can't reach $parent; keeping the data in $REAL_DATA (PG_DATA becomes a symlink to it)"
                mkdir -p -- "$FALLBACK_ROOT"
                chmod 755 "$FALLBACK_ROOT"
                mkdir -p -- "$REAL_DATA"
                if [ -d "$PG_DATA" ]; then
                    rmdir -- "$PG_DATA" 2>/dev/null \
                        || die "$PG_DATA exists and isn't empty, but '$SERVER_USER' can't reach it: move it away or set PG_DATA elsewhere"
                elif [ -e "$PG_DATA" ]; then
                    die "$PG_DATA exists and is not a folder"
                fi
                ln -s -- "$REAL_DATA" "$PG_DATA"
            fi
            mkdir -p -- "$REAL_DATA"
        fi
        if ! have_cluster; then
            chown "$SERVER_USER:" -- "$REAL_DATA"
        fi
        chmod 700 -- "$REAL_DATA"
        can_server_user_traverse "$REAL_DATA" \
            || die "user '$SERVER_USER' can't reach $REAL_DATA (check the permissions of its parent folders)"
    else
        mkdir -p -- "$REAL_DATA" 2>/dev/null \
            || die "can't create $REAL_DATA (is $parent writable for $(id -un)?)"
        SERVER_USER="$(stat -c %U -- "$REAL_DATA")"
        check_owner_as_user
        chmod 700 -- "$REAL_DATA"
    fi
}

# ---------------------------------------------------------------------------------------------
# State
# ---------------------------------------------------------------------------------------------
pid_file_line() { sed -n "${1}p" "$REAL_DATA/postmaster.pid" 2>/dev/null || true; }

# 0 running, 3 not running; dies when the cluster can't be inspected.
server_status() {
    have_cluster || return 3
    local rc=0
    as_server "$PG_BIN/pg_ctl" status -D "$REAL_DATA" >/dev/null 2>&1 || rc=$?
    case "$rc" in
        0) return 0 ;;
        3) return 3 ;;
        *) die "can't inspect the cluster at $REAL_DATA (pg_ctl status exit $rc)" ;;
    esac
}

# For stop/status/destroy: decide who runs pg_ctl, without creating anything.
pick_server_user() {
    if is_root; then
        pick_server_user_as_root
    else
        check_owner_as_user
    fi
}

port_in_use() {
    if command -v ss >/dev/null 2>&1; then
        ss -ltnH "sport = :$1" 2>/dev/null | grep -q .
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    fi
}

free_mb() {
    local d="$1"
    while [ ! -d "$d" ]; do d="$(dirname -- "$d")"; done
    df -Pk -- "$d" | awk 'NR == 2 { print int($4 / 1024) }'
}

take_lock() {
    local lock
    lock="$(dirname -- "$PG_DATA")/.$(basename -- "$PG_DATA").lock"
    command -v flock >/dev/null 2>&1 || return 0
    if { exec 9>>"$lock"; } 2>/dev/null; then
        flock -w 60 9 || die "another pg.sh is busy with $PG_DATA (lock $lock held for 60 s)"
    fi
}

socket_dir() {
    # The socket path must fit in sun_path (107 bytes): "<dir>/.s.PGSQL.<port>".
    local sock="$REAL_DATA/.s.PGSQL.$PG_PORT"
    if [ "${#sock}" -le 107 ]; then
        printf '%s' "$REAL_DATA"
    else
        printf '/tmp/symposium-pg-%s' "$(printf '%s' "$REAL_DATA" | sha256sum | cut -c1-12)"
    fi
}

sql_quote() { local s="${1//\'/\'\'}"; printf "'%s'" "$s"; }

write_conf() {
    local sock="$1" durable
    if [ "$PG_MODE" = "throwaway" ]; then durable=off; else durable=on; fi
    as_server tee "$REAL_DATA/symposium.conf" >/dev/null <<EOF
# Written by infra/pg.sh on every start (PG_MODE=$PG_MODE). Change pg.sh, not this file.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = $(sql_quote "$sock")
max_connections = 200
timezone = 'UTC'
log_timezone = 'UTC'
fsync = $durable
synchronous_commit = $durable
full_page_writes = $durable
# The data lives in memory or on SSD: a random read costs little more than a sequential one. At the default (4)
# the planner scanned every booking to answer a 300-slot availability list (58 ms instead of 2 ms: docs/adr/0028).
random_page_cost = 1.1
EOF
}

init_cluster() {
    if [ -n "$(ls -A -- "$REAL_DATA" 2>/dev/null)" ]; then
        die "$REAL_DATA is not empty but holds no PostgreSQL cluster (no PG_VERSION): move it away or set PG_DATA elsewhere"
    fi
    local locale=C
    if locale -a 2>/dev/null | grep -Eqix 'c\.utf-?8'; then locale=C.UTF-8; fi
    note "initdb $REAL_DATA (locale $locale, $("$PG_BIN/initdb" --version))"
    local out
    if ! out="$(as_server "$PG_BIN/initdb" -D "$REAL_DATA" -U postgres --auth=trust -E UTF8 \
            --locale="$locale" 2>&1)"; then
        printf '%s\n' "$out" >&2
        die "initdb failed (output above)"
    fi
    printf "\ninclude_if_exists 'symposium.conf'\n" | as_server tee -a "$REAL_DATA/postgresql.conf" >/dev/null
}

print_log_tail() {
    local log="$REAL_DATA/server.log"
    if [ -r "$log" ]; then
        printf -- '--- last lines of %s ---\n' "$log" >&2
        tail -n 30 -- "$log" >&2
        printf -- '---\n' >&2
    fi
}

# ---------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------
cmd_start() {
    find_pg_bin
    resolve_existing
    pick_server_user
    mkdir -p -- "$(dirname -- "$PG_DATA")" 2>/dev/null || true
    take_lock

    if server_status; then
        local running_port
        running_port="$(pid_file_line 4)"
        if [ "$running_port" != "$PG_PORT" ]; then
            die "the cluster at $PG_DATA is already running, but on port $running_port, not PG_PORT=$PG_PORT: run 'PG_PORT=$running_port $0 stop' first"
        fi
        note "already running on 127.0.0.1:$PG_PORT (pid $(pid_file_line 1), data $PG_DATA); nothing to do"
        return 0
    fi

    local free
    free="$(free_mb "$REAL_DATA")"
    if [ "$free" -lt "$PG_MIN_FREE_MB" ]; then
        die "disk almost full: only ${free} MB free for $REAL_DATA (need ${PG_MIN_FREE_MB} MB); free some space (df -h) and retry"
    fi

    if port_in_use "$PG_PORT"; then
        local who=""
        who="$(ss -ltnpH "sport = :$PG_PORT" 2>/dev/null | sed 's/^/    /' | head -n 3 || true)"
        die "port $PG_PORT is already taken by another program; stop it or set PG_PORT to a free port${who:+
$who}"
    fi

    prepare_data_dir
    if ! have_cluster; then init_cluster; fi

    local sock
    sock="$(socket_dir)"
    if [ "$sock" != "$REAL_DATA" ]; then
        note "data path too long for a unix socket; the socket goes to $sock"
        mkdir -p -- "$sock"
        if is_root; then chown "$SERVER_USER:" -- "$sock"; fi
        chmod 700 -- "$sock"
    fi
    write_conf "$sock"

    note "starting PostgreSQL ($PG_MODE) on 127.0.0.1:$PG_PORT, data $PG_DATA, log $REAL_DATA/server.log"
    if ! as_server "$PG_BIN/pg_ctl" start -D "$REAL_DATA" -l "$REAL_DATA/server.log" \
            -w -t "$READY_TIMEOUT" -s; then
        print_log_tail
        die "PostgreSQL failed to start (server log above)"
    fi

    local waited=0
    until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -t 1; do
        waited=$((waited + 1))
        if [ "$waited" -ge "$READY_TIMEOUT" ]; then
            print_log_tail
            die "PostgreSQL started but isn't accepting connections on 127.0.0.1:$PG_PORT after ${READY_TIMEOUT} s"
        fi
        sleep 1
    done
    note "ready: $(cmd_url)"
}

cmd_stop() {
    find_pg_bin
    resolve_existing
    if [ ! -e "$REAL_DATA" ]; then
        note "not running (no cluster at $PG_DATA)"
        return 0
    fi
    pick_server_user
    take_lock
    if ! server_status; then
        note "not running (data $PG_DATA)"
        return 0
    fi
    note "stopping PostgreSQL on port $(pid_file_line 4) (data $PG_DATA)"
    as_server "$PG_BIN/pg_ctl" stop -D "$REAL_DATA" -m fast -w -t 60 -s \
        || { print_log_tail; die "pg_ctl stop failed"; }
    note "stopped"
}

cmd_status() {
    find_pg_bin
    resolve_existing
    if [ ! -e "$REAL_DATA" ]; then
        note "not running (no cluster at $PG_DATA)"
        return 3
    fi
    pick_server_user
    if server_status; then
        note "running: pid $(pid_file_line 1), 127.0.0.1:$(pid_file_line 4), socket dir $(pid_file_line 5), data $PG_DATA"
        return 0
    fi
    note "not running (data $PG_DATA)"
    return 3
}

cmd_url() {
    printf 'Host=127.0.0.1;Port=%s;Username=postgres\n' "$PG_PORT"
}

cmd_destroy() {
    cmd_stop
    resolve_existing
    if [ -d "$REAL_DATA" ] && ! have_cluster && [ -n "$(ls -A -- "$REAL_DATA")" ]; then
        die "refusing to delete $REAL_DATA: it holds no PostgreSQL cluster (no PG_VERSION)"
    fi
    if [ -e "$REAL_DATA" ]; then
        rm -rf -- "$REAL_DATA"
        note "deleted $REAL_DATA"
    fi
    if [ -L "$PG_DATA" ]; then rm -f -- "$PG_DATA"; fi
}

main() {
    [ $# -eq 1 ] || usage
    validate_settings
    case "$1" in
        start) cmd_start ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        url) cmd_url ;;
        destroy) cmd_destroy ;;
        -h|--help|help) usage ;;
        *) usage ;;
    esac
}

main "$@"
