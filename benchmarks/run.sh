#!/usr/bin/env bash
# Benchmarks the booking path against PostgreSQL itself on this machine (docs/benchmarks.md, issue #8).
#
# Usage: bash benchmarks/run.sh        (about 6 minutes; writes benchmarks/results/<date>-<commit>.md and a row of
#                                       benchmarks/results/history.csv)
#
# What it does: a fresh throwaway PostgreSQL (infra/pg.sh, own data folder and port), the app in Release with the
# benchmark's runtime and pool settings (below; the product itself runs on .NET's and Npgsql's defaults,
# docs/adr/0073), symposia seeded through the organizer API, the load driver's scenarios (S1 closed loop at 8/16/32
# connections, S3 open loop at half of S1's peak, S4: five paced rushes of 1,000 attendees within 1 s and five bursts
# within 50 ms for 300 slots, each with the invariant checker, and the same rushes on PostgreSQL alone
# (benchmarks/adr/0034, 0040, 0074), S5 reject path, availability GET), pgbench replaying the same SQL
# (benchmarks/pgbench/), the app's peak RSS, then the markdown report. Everything it starts is stopped on exit.
#
# Environment:
#   BENCH_PG_PORT   port of the benchmark's PostgreSQL (default 5474)
#   BENCH_PORT      HTTP port of the app (default 5083)
#   BENCH_SECONDS   length of each closed-loop run; S3 runs twice as long (default 5)
#   BENCH_REPORT    report path (default benchmarks/results/<UTC date>-<short commit>.md)
#   BENCH_HISTORY   the CSV the run appends its row to (default benchmarks/results/history.csv)
#   BENCH_FASTEST_RATE  bookings/s the pools of seeded slots are sized for (default 5000, benchmarks/adr/0074); a run
#                   that would empty its pool at that rate stops by count instead
#   BENCH_WORK      folder for logs and raw outputs (default .data/bench; wiped at start)
#   BENCH_TRANSPORT how the app and pgbench reach PostgreSQL: tcp (127.0.0.1, the default) or socket (its unix
#                   socket); both use the same one, so the ratios compare like with like (docs/benchmarks.md)
#   BENCH_PROXY     none (the default: the driver talks to one app process) or nginx: two replicas of the app on
#                   BENCH_PORT+1 and +2 behind a local nginx on BENCH_PORT (plain HTTP on loopback; its own config, pid
#                   and logs under BENCH_WORK/nginx), the same scenarios through it, the app's CPU time summed over both
#                   replicas; the report sets its figures beside the history's direct run (docs/benchmarks.md, "Through nginx")
#   BENCH_ONLY      dashboard: instead of the scenarios, time the organizers' dashboard page on a symposium of 1,000
#                   bookings (BENCH_REQUESTS requests, default 200; docs/benchmarks.md, "The dashboard"), print its
#                   median and p95, and stop; no report, no history row
#                   draw: instead of the scenarios, time the draw of 5,000 requests × 5 choices onto 1,000 slots and the
#                   app's RSS around it, then the same 5,000 people as a first-come rush (docs/benchmarks.md, "The draw"),
#                   check the draw with tools/verify-draw.py, print two lines, and stop; no report, no history row
set -euo pipefail

readonly ME="bench"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
readonly SCRIPT_DIR REPO_ROOT
readonly PG="$REPO_ROOT/infra/pg.sh"
readonly WEB="$REPO_ROOT/src/SymposiumBooking.Web"
readonly DRIVER="$SCRIPT_DIR/SymposiumBooking.LoadDriver"
readonly PGBENCH_SQL="$SCRIPT_DIR/pgbench"
readonly DB_NAME="symposium_bench"
readonly ORGANIZER_EMAIL="bench.organizer@bench.example.org"
ORGANIZER_PASSWORD="Bench-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-1!"
readonly ORGANIZER_PASSWORD

note() { printf '%s: %s\n' "$ME" "$*"; }
die() { printf '%s: error: %s\n' "$ME" "$*" >&2; exit 1; }

export PG_PORT="${BENCH_PG_PORT:-5474}"
export PG_DATA="$REPO_ROOT/.data/pg-bench"
export PG_MODE=throwaway
HTTP_PORT="${BENCH_PORT:-5083}"
SECONDS_PER_RUN="${BENCH_SECONDS:-5}"
WORK="${BENCH_WORK:-$REPO_ROOT/.data/bench}"
COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD)"
if [ -n "$(git -C "$REPO_ROOT" status --porcelain -- src benchmarks ':!benchmarks/results' 2>/dev/null)" ]; then COMMIT="$COMMIT-dirty"; fi
REPORT="${BENCH_REPORT:-$SCRIPT_DIR/results/$(date -u +%Y-%m-%d)-$COMMIT.md}"
HISTORY="${BENCH_HISTORY:-$SCRIPT_DIR/results/history.csv}"
FASTEST_RATE="${BENCH_FASTEST_RATE:-5000}"
[[ "$SECONDS_PER_RUN" =~ ^[0-9]+$ ]] || die "BENCH_SECONDS must be a whole number of seconds"
[[ "$FASTEST_RATE" =~ ^[0-9]+$ ]] || die "BENCH_FASTEST_RATE must be a whole number of bookings per second"
PROXY="${BENCH_PROXY:-none}"
case "$PROXY" in
    none | nginx) ;;
    *) die "BENCH_PROXY is none or nginx" ;;
esac
if [ "$PROXY" = nginx ]; then
    [ -n "${BENCH_REPORT:-}" ] || REPORT="$SCRIPT_DIR/results/$(date -u +%Y-%m-%d)-$COMMIT-nginx.md"
    NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
    if [ ! -x "$NGINX" ]; then
        [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 \
            || die "nginx not found: run 'sudo apt-get install -y nginx' (Debian's package), or run this script as root"
        note "nginx not found; installing it: apt-get install -y nginx"
        DEBIAN_FRONTEND=noninteractive apt-get install -y nginx >/dev/null || die "apt-get install -y nginx failed"
        NGINX=/usr/sbin/nginx
    fi
fi

command -v dotnet >/dev/null 2>&1 || die "'dotnet' not found: install the .NET 10 SDK"

APP_PIDS=()
NGINX_PID=""
STARTED_PG=0
# Stops what the run started: nginx first, then the app's processes.
stop_apps() {
    local pid
    for pid in $NGINX_PID "${APP_PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    APP_PIDS=()
    NGINX_PID=""
}
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_apps
    if [ "$STARTED_PG" -eq 1 ]; then bash "$PG" stop >/dev/null || true; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf -- "$WORK"
mkdir -p -- "$WORK"

# --- PostgreSQL: fresh every run ----------------------------------------------------------------
bash "$PG" destroy >/dev/null
STARTED_PG=1
bash "$PG" start
PG_BIN_DIR="$(dirname "$(printf '%s\n' /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -n 1)")"
[ -x "$PG_BIN_DIR/pgbench" ] || die "pgbench not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
# TCP by default, as the app reaches a database server. The unix socket (BENCH_TRANSPORT=socket) made pgbench faster
# than it made the app, and the rush slower (round 3 of docs/benchmarks.md as of 2fe336f). pgbench always connects the same way.
case "${BENCH_TRANSPORT:-tcp}" in
    socket) PG_HOST="$(sed -n 5p "$PG_DATA/postmaster.pid")" ;;
    tcp) PG_HOST=127.0.0.1 ;;
    *) die "BENCH_TRANSPORT is socket or tcp" ;;
esac
[ -n "$PG_HOST" ] || die "no socket directory in $PG_DATA/postmaster.pid"
if [ "$PG_HOST" = 127.0.0.1 ]; then echo "TCP (127.0.0.1:$PG_PORT)" >"$WORK/transport.txt"; else echo "its unix socket ($PG_HOST)" >"$WORK/transport.txt"; fi
psql() { "$PG_BIN_DIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres "$@"; }
psql -d postgres -c "create database $DB_NAME"
# >>> The database pool the app and the driver's rush on PostgreSQL alone use: small (2 × cores + 8: the database shares
# the cores), statements prepared after a few uses, no DISCARD ALL round trip when a connection goes back to the pool
# (the app keeps no session state). The product takes the connection string as given (docs/adr/0073); this is the one
# the booking path is measured with, and what docs/benchmarks.md suggests on a small machine.
POOL_SETTINGS="Maximum Pool Size=$((2 * $(nproc) + 8));Max Auto Prepare=64;No Reset On Close=true"
# <<<
DB_URL="Host=$PG_HOST;Port=$PG_PORT;Username=postgres;Database=$DB_NAME;$POOL_SETTINGS"
echo "$POOL_SETTINGS" >"$WORK/pool.txt"

# --- Build -----------------------------------------------------------------------------------------
note "building the app and the load driver (Release)"
dotnet build "$WEB" -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log"; die "build failed"; }
dotnet build "$DRIVER" -c Release -nologo -v q >>"$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log"; die "build failed"; }
WEB_DLL="$WEB/bin/Release/net10.0/SymposiumBooking.Web.dll"
DRIVER_DLL="$DRIVER/bin/Release/net10.0/SymposiumBooking.LoadDriver.dll"

# >>> The app's configuration for the benchmark: the ONE place to change it (env vars, as in appsettings).
APP_ENV=(
    "ASPNETCORE_ENVIRONMENT=Production"
    "ConnectionStrings__Booking=$DB_URL"
    "Database__MigrateOnStartup=true"
    "Demo__Seed=false"
    "Bootstrap__OrganizerEmail=$ORGANIZER_EMAIL"
    "Bootstrap__OrganizerPassword=$ORGANIZER_PASSWORD"
    "DataProtection__KeyEncryptionKey=$(head -c 32 /dev/urandom | base64)"
    # Production refuses to start without an https public address, an SMTP server and a real sender
    # (docs/operations.md, "Settings"); links are never opened here and no mail is sent (the outbox is off).
    "App__PublicBaseUrl=https://booking.benchmark.test/"
    "Mail__Smtp__Host=127.0.0.1"
    "Mail__FromAddress=booking@benchmark.test"
    # Stripe off (no key): the benchmark books "payment: atTable".
    # Outbox rows are written in every booking's transaction (that cost is measured); sending them is a
    # background job, off for the run.
    "Outbox__Enabled=false"
    # Request-path logging at Warning (the hosting layer already is; this turns the rest down too).
    "Logging__LogLevel__Default=Warning"
    # Every simulated attendee comes from 127.0.0.1: the per-address limits stay on (their cost is measured)
    # but high enough never to refuse (docs/therapists.md, "Access control").
    "RateLimits__Booking__PermitLimit=100000000"
    "RateLimits__SignIn__PermitLimit=100000"
    "RateLimits__Waitlist__PermitLimit=100000000"
    "RateLimits__InFlightPerAddress=100000000"
    # The runtime for a machine whose cores PostgreSQL shares (docs/benchmarks.md, "On a small machine"; benchmarks/adr/0027,
    # 0041): workstation GC (one heap, lower RSS), no thread-pool spinning before a worker sleeps, no hill climbing (one
    # worker per core unless starved). The product runs on .NET's defaults. The startup hook prints what the runtime
    # reports, checked below.
    "DOTNET_gcServer=0"
    "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0"
    "DOTNET_HillClimbing_Disable=1"
    "DOTNET_STARTUP_HOOKS=$DRIVER_DLL"
)
# <<<

# The dashboard is a page, and Production serves pages only over HTTPS: the driver says so with X-Forwarded-Proto, as
# nginx would, which the app believes only from a known proxy (docs/adr/0096).
if [ "${BENCH_ONLY:-}" = dashboard ]; then APP_ENV+=("Proxy__KnownProxies__0=127.0.0.1"); fi
# The draw's benchmark times the organizer's POST …/draw: the housekeeping round, which also runs a draw once requests
# close, must not get there first.
if [ "${BENCH_ONLY:-}" = draw ]; then APP_ENV+=("Housekeeping__Interval=12:00:00"); fi

# >>> The load driver's runtime settings: it shares the two cores with what it measures, so its JIT must not compile
# during a measured run (benchmarks/adr/0035). Without them it compiled 100–900 methods, for up to 3 s of compile time, in
# each rush. No instrumented tier (TieredPGO=0) and no delay before call counting: a hot method is compiled once, fully
# optimized, as soon as the warm-up has called it 30 times. The report's "driver JIT" column shows what is left.
DRIVER_ENV=(
    "DOTNET_TieredPGO=0"
    "DOTNET_TC_CallCountingDelayMs=0"
)
# <<<

# start_app <port> <log>: one app process on 127.0.0.1:<port>, waited for until ready; its process id joins APP_PIDS.
start_app() {
    local port="$1" log="$2" pid
    # From the project folder, as `dotnet run` does: that is the content root holding appsettings.json.
    (cd "$WEB" && exec env "${APP_ENV[@]}" "ASPNETCORE_URLS=http://127.0.0.1:$port" DOTNET_NOLOGO=1 dotnet "$WEB_DLL") >"$log" 2>&1 &
    pid=$!
    APP_PIDS+=("$pid")
    for _ in $(seq 1 120); do
        if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then return 0; fi
        kill -0 "$pid" 2>/dev/null || { tail -n 30 "$log"; die "the app exited"; }
        sleep 0.5
    done
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null || die "the app on port $port did not become ready"
}

# start_nginx <app port>...: nginx on 127.0.0.1:$HTTP_PORT in front of the app's processes, round robin (nginx's
# default), connections kept alive on both sides as a production site keeps them, no access log (the app's request
# logging is off too); its config, pid, logs and temp folders in $WORK/nginx.
start_nginx() {
    local ngx="$WORK/nginx" port upstreams="" user=""
    mkdir -p "$ngx/tmp"
    for port in "$@"; do upstreams+="        server 127.0.0.1:$port;"$'\n'; done
    if [ "$(id -u)" -eq 0 ]; then user="user root;"; fi # its workers can then use the folders made here
    cat >"$ngx/nginx.conf" <<NGINX_CONF
worker_processes auto;
$user
pid $ngx/nginx.pid;
error_log $ngx/error.log warn;
worker_rlimit_nofile 16384;
events { worker_connections 8192; }
http {
    access_log off;
    client_body_temp_path $ngx/tmp/body;
    proxy_temp_path $ngx/tmp/proxy;
    fastcgi_temp_path $ngx/tmp/fastcgi;
    uwsgi_temp_path $ngx/tmp/uwsgi;
    scgi_temp_path $ngx/tmp/scgi;
    upstream symposium_booking {
$upstreams        keepalive 64;
        keepalive_requests 1000000;
    }
    server {
        listen 127.0.0.1:$HTTP_PORT;
        keepalive_requests 1000000;
        client_max_body_size 256k;
        location / {
            proxy_pass http://symposium_booking;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_buffers 16 16k;
            proxy_max_temp_file_size 0;
        }
    }
}
NGINX_CONF
    "$NGINX" -t -q -e "$ngx/error.log" -p "$ngx" -c "$ngx/nginx.conf" || { tail -n 20 "$ngx/error.log"; die "nginx refused its config"; }
    "$NGINX" -e "$ngx/error.log" -p "$ngx" -c "$ngx/nginx.conf" -g 'daemon off;' >"$ngx/stdout.log" 2>&1 &
    NGINX_PID=$!
    for _ in $(seq 1 40); do
        if curl -fsS "http://127.0.0.1:$HTTP_PORT/health/ready" >/dev/null 2>&1; then return 0; fi
        kill -0 "$NGINX_PID" 2>/dev/null || { tail -n 20 "$ngx/error.log"; die "nginx exited"; }
        sleep 0.25
    done
    die "nginx on port $HTTP_PORT did not answer /health/ready"
}

PROXY_LABEL=""
if [ "$PROXY" = nginx ]; then
    # One after the other: the first applies the migrations, the second finds them applied.
    for r in 1 2; do
        note "starting replica $r of the app on http://127.0.0.1:$((HTTP_PORT + r)) (Release, log $WORK/app-$r.log)"
        start_app "$((HTTP_PORT + r))" "$WORK/app-$r.log"
    done
    ln -sf app-1.log "$WORK/app.log"
    start_nginx "$((HTTP_PORT + 1))" "$((HTTP_PORT + 2))"
    PROXY_LABEL="nginx $("$NGINX" -v 2>&1 | sed -n 's|.*nginx/||p') with two replicas"
    note "$PROXY_LABEL: nginx on http://127.0.0.1:$HTTP_PORT (log $WORK/nginx/error.log)"
else
    note "starting the app on http://127.0.0.1:$HTTP_PORT (Release, log $WORK/app.log)"
    start_app "$HTTP_PORT" "$WORK/app.log"
fi
APP_PID_LIST="$(IFS=,; echo "${APP_PIDS[*]}")"
# The settings took effect in the app's process, as its runtime reports them (StartupHook.cs in the driver).
grep -m 1 '^bench-runtime:' "$WORK/app.log" | sed 's/^bench-runtime: //' >"$WORK/runtime.txt" || true
grep -q 'server GC False' "$WORK/runtime.txt" && grep -q 'hill climbing disabled True,' "$WORK/runtime.txt" \
    && grep -q 'spin limit 0,' "$WORK/runtime.txt" \
    || die "the app's runtime is not as set: '$(cat "$WORK/runtime.txt")' (see $WORK/app.log)"
note "the app's runtime: $(cat "$WORK/runtime.txt")"

# --- Or only the dashboard ------------------------------------------------------------------------
if [ "${BENCH_ONLY:-}" = dashboard ]; then
    env "${DRIVER_ENV[@]}" dotnet "$DRIVER_DLL" dashboard --url "http://127.0.0.1:$HTTP_PORT/" --db "$DB_URL" \
        --email "$ORGANIZER_EMAIL" --password "$ORGANIZER_PASSWORD" --requests "${BENCH_REQUESTS:-200}"
    exit 0
fi

# --- Or only the draw ------------------------------------------------------------------------------
if [ "${BENCH_ONLY:-}" = draw ]; then
    rc=0
    env "${DRIVER_ENV[@]}" dotnet "$DRIVER_DLL" draw --url "http://127.0.0.1:$HTTP_PORT/" --db "$DB_URL" \
        --email "$ORGANIZER_EMAIL" --password "$ORGANIZER_PASSWORD" --app-pid "${APP_PIDS[0]}" --out "$WORK" || rc=$?
    python3 "$REPO_ROOT/tools/verify-draw.py" "$WORK/draw.json" || rc=1
    exit "$rc"
fi

# --- The app's scenarios ---------------------------------------------------------------------------
note "load average before: $(cat /proc/loadavg)"
env "${DRIVER_ENV[@]}" dotnet "$DRIVER_DLL" scenarios --url "http://127.0.0.1:$HTTP_PORT/" --db "$DB_URL" \
    --email "$ORGANIZER_EMAIL" --password "$ORGANIZER_PASSWORD" --out "$WORK" --seconds "$SECONDS_PER_RUN" --app-pid "$APP_PID_LIST" \
    --fastest-rate "$FASTEST_RATE" \
    || note "the scenarios reported invariant violations (see the report)"
# The app's peak RSS; with replicas, the larger one's.
for pid in "${APP_PIDS[@]}"; do grep VmHWM "/proc/$pid/status" | awk '{ print $2 }'; done | sort -n | tail -n 1 >"$WORK/rss-kb.txt"

# --- pgbench on the same SQL -----------------------------------------------------------------------
# Slot ids for the scripts: pgbench's own symposium (never booked by the app) and the sold-out rush symposium.
psql -d "$DB_NAME" -c "create table bench_slots (n int primary key, id uuid not null)" \
    -c "create table bench_rush_slots (n int primary key, id uuid not null)"
awk '{ print NR "," $1 }' "$WORK/pgbench-slots.txt" | psql -d "$DB_NAME" -c "\copy bench_slots from stdin with (format csv)"
awk '{ print NR "," $1 }' "$WORK/rush-slots.txt" | psql -d "$DB_NAME" -c "\copy bench_rush_slots from stdin with (format csv)"
psql -d "$DB_NAME" -c "create sequence bench_slot_seq" -c "vacuum analyze"
RUSH_SYMPOSIUM="$(jq -r .rushSymposium "$WORK/app.json")"
GET_DATE="$(jq -r .availabilityDate "$WORK/app.json")"
GET_THERAPIST="$(jq -r .availabilityTherapist "$WORK/app.json")"
PEAK_CONN="$(jq -r .peakConnections "$WORK/app.json")"
S3_RATE="$(jq -r .s3.run.targetRate "$WORK/app.json")"
NSLOTS="$(wc -l <"$WORK/rush-slots.txt")"
POOL="$(wc -l <"$WORK/pgbench-slots.txt")"

# length <clients> <seconds> <rate>: sets LENGTH, how long a booking run lasts. -T <seconds> when what is left of
# pgbench's pool of slots covers <seconds> at <rate> bookings/s; otherwise it stops by count, when the pool is empty
# (-t per client): pgbench past the last seeded slot would insert a booking without a symposium and abort
# (benchmarks/adr/0074).
LENGTH=()
length() {
    local clients="$1" seconds="$2" rate="$3" used left
    used="$(psql -d "$DB_NAME" -At -c "select case when is_called then last_value else 0 end from bench_slot_seq")"
    left=$((POOL - used))
    if [ $((rate * seconds)) -le "$left" ]; then
        LENGTH=(-T "$seconds")
    else
        [ $((left / clients)) -gt 0 ] || die "pgbench's pool of $POOL slots is empty: raise BENCH_FASTEST_RATE"
        note "pgbench: $left slots left, fewer than ${seconds} s at ${rate}/s: this run stops by count"
        LENGTH=(-t "$((left / clients))")
    fi
}

# pgbench <name> [pgbench args...]: one run, its output and load average before/after kept for the report.
bench() {
    local name="$1" before
    shift
    before="$(cut -d' ' -f1-3 /proc/loadavg)"
    (cd "$WORK" && "$PG_BIN_DIR/pgbench" -n -h "$PG_HOST" -p "$PG_PORT" -U postgres -M prepared -j 2 \
        -D nslots="$NSLOTS" -D rush_symposium="$RUSH_SYMPOSIUM" -D get_date="$GET_DATE" -D get_therapist="$GET_THERAPIST" \
        "$@" "$DB_NAME") >"$WORK/pgbench-$name.txt" 2>&1 \
        || { tail -n 20 "$WORK/pgbench-$name.txt"; die "pgbench $name failed"; }
    printf '%s → %s\n' "$before" "$(cut -d' ' -f1-3 /proc/loadavg)" >"$WORK/pgbench-$name.load"
    note "pgbench $name: $(grep -o 'tps = [0-9.]*' "$WORK/pgbench-$name.txt" | head -n 1)"
}
# The driver books half at the reduced rate, half at the standard rate: so does pgbench.
BOOK=(-f "$PGBENCH_SQL/book-standard.sql@1" -f "$PGBENCH_SQL/book-reduced.sql@1")
length 16 2 "$FASTEST_RATE"
bench warmup "${BOOK[@]}" -c 16 "${LENGTH[@]}"
for c in 8 16 32; do
    length "$c" "$SECONDS_PER_RUN" "$FASTEST_RATE"
    bench "S1-c$c" "${BOOK[@]}" -c "$c" "${LENGTH[@]}"
done
length 32 "$((SECONDS_PER_RUN * 2))" "${S3_RATE%.*}"
bench S3 "${BOOK[@]}" -c 32 -R "$S3_RATE" "${LENGTH[@]}" -l --log-prefix=pglog-S3
bench S5 -f "$PGBENCH_SQL/reject.sql@1" -f "$PGBENCH_SQL/reject-reduced.sql@1" -c "$PEAK_CONN" -T "$SECONDS_PER_RUN"
bench GET -f "$PGBENCH_SQL/availability.sql" -c "$PEAK_CONN" -T "$SECONDS_PER_RUN"
rm -f "$WORK/pgbench-warmup.txt" "$WORK/pgbench-warmup.load"

stop_apps

dotnet "$DRIVER_DLL" report --out "$WORK" --commit "$COMMIT" --report "$REPORT" --history "$HISTORY" ${PROXY_LABEL:+--proxy "$PROXY_LABEL"}
note "report: $REPORT; its row: $(tail -n 1 "$HISTORY")"
