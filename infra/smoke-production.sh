#!/usr/bin/env bash
# The production smoke test: the operator's path of docs/operations.md, run on this machine and checked through nginx.
# infra/test.sh runs it after dotnet test; it also runs alone: bash infra/smoke-production.sh (a few minutes, most of
# them the publish).
#
# What it does, in order (docs/operations.md, "How this path is proven"):
#   publish (infra/publish.sh) -> its own PostgreSQL with password auth for the two roles -> infra/prod/roles.sql ->
#   migrations.sql applied as symposium_owner (twice: it is idempotent) -> a mail sink (the load driver's smtp-sink) ->
#   two replicas of the published app in Production, connected as symposium_app, with only the documented settings ->
#   nginx (Debian's package) with infra/nginx/symposium-booking.conf rendered for loopback and a self-signed
#   certificate -> the checks, each through nginx unless it says otherwise:
#     health, HTTP->HTTPS redirect, HSTS, no demo symposium or account, the bootstrap organizer signs in;
#     a booking (with its intake), its mail through SMTP, the booking and staff cookies Secure;
#     the intake audit and the sign-in limit see the client's address, not nginx's, and a forged X-Forwarded-For is
#     ignored (curl from 127.0.0.x source addresses);
#     three booking rushes (the load driver's smoke-rush): plain, with replica 1 killed (kill -9) midway, with
#     PostgreSQL stopped and started midway;
#     a backup (infra/backup.sh) restored (infra/restore.sh) into a new cluster, its key ring checked with the
#     key-encryption key (`keys check`) and refused with a wrong one, and the intake read back from a replica on it;
#     the app refuses to start without its connection string, and with an http:// public base URL;
#     the app's role never lacked a privilege (no "permission denied" in the logs).
# A failed check does not stop the others; the summary line counts them and the exit code is 1 if any failed. A step
# the checks need (publish, PostgreSQL, nginx, the replicas' start) stops the script at once.
# Everything it starts is stopped on exit; on failure it prints the tails of the logs (all under SMOKE_WORK).
#
# Environment:
#   SMOKE_WORK       working folder (default <repo>/.data/smoke; wiped at start)
#   SMOKE_PORT_BASE  first of the 10 loopback ports it uses (default 5490): PostgreSQL +0, restored PostgreSQL +1,
#                    replicas +2 and +3, the replica on the restored database +4, nginx HTTPS +5 and HTTP +6, the mail
#                    sink +7, the refused starts +8
# Runs as root (like CI) or as a user with passwordless sudo when nginx/jq must be installed.
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

readonly ME="smoke-production"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
readonly SCRIPT_DIR REPO_ROOT
readonly PG_SH="$SCRIPT_DIR/pg.sh"
readonly SITE_CONF="$SCRIPT_DIR/nginx/symposium-booking.conf"
readonly ROLES_SQL="$SCRIPT_DIR/prod/roles.sql"
readonly UNIT="$SCRIPT_DIR/prod/symposium-booking@.service"
readonly DRIVER_PROJECT="$REPO_ROOT/benchmarks/SymposiumBooking.LoadDriver"

WORK="${SMOKE_WORK:-$REPO_ROOT/.data/smoke}"
BASE="${SMOKE_PORT_BASE:-5490}"
[[ "$BASE" =~ ^[0-9]+$ ]] && [ "$BASE" -ge 1024 ] && [ "$BASE" -le 65000 ] || { echo "$ME: SMOKE_PORT_BASE must be a port number" >&2; exit 2; }
readonly PG_PORT_MAIN=$((BASE)) PG_PORT_RESTORED=$((BASE + 1))
readonly APP1_PORT=$((BASE + 2)) APP2_PORT=$((BASE + 3)) APP3_PORT=$((BASE + 4))
readonly HTTPS_PORT=$((BASE + 5)) HTTP_PORT=$((BASE + 6)) SMTP_PORT=$((BASE + 7)) REFUSED_PORT=$((BASE + 8))
readonly SITE="booking.symposium.test"   # a name, not an IP: ASP.NET Core sends no HSTS to localhost or 127.0.0.1
readonly BASE_URL="https://$SITE:$HTTPS_PORT"
readonly DB_NAME="symposium"

note() { printf '%s: %s\n' "$ME" "$*"; }
die() { printf '%s: error: %s\n' "$ME" "$*" >&2; exit 1; }

random_alnum() { local s; s="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"; printf '%s' "${s:0:$1}"; }

# ---------------------------------------------------------------------------------------------
# Checks: a failed one is counted and reported, the others still run
# ---------------------------------------------------------------------------------------------
PASSED=0
FAILED=0
FAILURES=()
pass() { PASSED=$((PASSED + 1)); note "ok   $1"; }
fail() { FAILED=$((FAILED + 1)); FAILURES+=("$1${2:+: $2}"); printf '%s: FAIL %s%s\n' "$ME" "$1" "${2:+: $2}" >&2; }

# ---------------------------------------------------------------------------------------------
# Everything started here is stopped on exit
# ---------------------------------------------------------------------------------------------
declare -A PIDS=()            # name -> pid of what this script started
PG_STARTED=()                 # data folders of the clusters this script started
stop_pid() {
    local pid="$1"
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        timeout 20 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}
print_tails() {
    local f
    for f in "$WORK"/logs/*.log "$WORK"/nginx/error.log "$WORK"/pg/server.log "$WORK"/pg-restored/server.log; do
        [ -s "$f" ] || continue
        printf -- '--- last lines of %s ---\n' "$f" >&2
        tail -n 25 -- "$f" >&2
    done
}
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    local rc=$? name data
    trap - EXIT INT TERM
    if [ "$rc" -ne 0 ]; then print_tails; fi
    for name in "${!PIDS[@]}"; do stop_pid "${PIDS[$name]}"; done
    for data in "${PG_STARTED[@]}"; do PG_DATA="$data" bash "$PG_SH" stop >/dev/null 2>&1 || true; done
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# Tools: nginx, curl, openssl, jq from Debian when missing
# ---------------------------------------------------------------------------------------------
install_tools() {
    local missing=()
    command -v nginx >/dev/null 2>&1 || missing+=(nginx)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    command -v jq >/dev/null 2>&1 || missing+=(jq)
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    [ "${#missing[@]}" -gt 0 ] || return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo -n true 2>/dev/null || die "installing ${missing[*]} needs root: run 'sudo apt-get install -y ${missing[*]}'"
        sudo=(sudo -n)
    fi
    note "installing ${missing[*]} (apt-get)"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || die "apt-get update failed"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
        || die "apt-get install ${missing[*]} failed"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for <what> <pid or ""> <command...>: polls the command for up to 60 s; dies if the process exits first.
wait_for() {
    local what="$1" pid="$2" i
    shift 2
    for i in $(seq 1 240); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then die "$what exited (see its log below)"; fi
        sleep 0.25
    done
    die "$what was not ready after 60 s"
}

# ---------------------------------------------------------------------------------------------
# Start
# ---------------------------------------------------------------------------------------------
START_SECONDS=$SECONDS
command -v dotnet >/dev/null 2>&1 || die "'dotnet' not found: install the .NET 10 SDK"
DOTNET="$(command -v dotnet)"
install_tools
NGINX="$(command -v nginx)"
PYTHON="$(command -v /usr/bin/python3 || command -v python3)"
for p in "$PG_PORT_MAIN" "$PG_PORT_RESTORED" "$APP1_PORT" "$APP2_PORT" "$APP3_PORT" "$HTTPS_PORT" "$HTTP_PORT" "$SMTP_PORT" "$REFUSED_PORT"; do
    port_free "$p" || die "port $p is taken: stop what uses it or set SMOKE_PORT_BASE"
done

# Clusters of an earlier run go first (their data folders are under WORK).
for data in "$WORK/pg" "$WORK/pg-restored"; do
    if [ -e "$data" ]; then PG_DATA="$data" bash "$PG_SH" destroy >/dev/null 2>&1 || true; fi
done
rm -rf -- "$WORK"
mkdir -p -- "$WORK/logs" "$WORK/home" "$WORK/mail" "$WORK/tls" "$WORK/nginx/tmp" "$WORK/rush"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# --- 1. Publish: the same command as the Dockerfile and the release job ---------------------------
PUB="$WORK/publish"
bash "$SCRIPT_DIR/publish.sh" "$PUB" >"$WORK/logs/publish.log" 2>&1 || { cat "$WORK/logs/publish.log" >&2; die "infra/publish.sh failed"; }
note "published to $PUB"
dotnet build "$DRIVER_PROJECT" -c Release -nologo -v q >"$WORK/logs/driver-build.log" 2>&1 \
    || { tail -n 30 "$WORK/logs/driver-build.log" >&2; die "building the load driver failed"; }
DRIVER_DLL="$DRIVER_PROJECT/bin/Release/net10.0/SymposiumBooking.LoadDriver.dll"

# --- 2. PostgreSQL: a cluster of our own; the two roles log in with a password ------------------
PSQL=""
# start_cluster <data folder> <port>: pg.sh's cluster (trust for the postgres superuser on loopback, as an operator's
# `sudo -u postgres psql` is), with scram-sha-256 password auth for the two roles.
start_cluster() {
    local data="$1" port="$2" real hba
    PG_DATA="$data" PG_PORT="$port" PG_MODE=throwaway bash "$PG_SH" start >>"$WORK/logs/pg.log" 2>&1 \
        || { cat "$WORK/logs/pg.log" >&2; die "infra/pg.sh start ($data) failed"; }
    PG_STARTED+=("$data")
    real="$(readlink -f -- "$data")"
    hba="$real/pg_hba.conf"
    # First match wins: these lines go before initdb's trust lines. Rewritten in place (keeps the file's owner).
    { printf 'host all symposium_owner,symposium_app 127.0.0.1/32 scram-sha-256\n'; grep -v 'symposium_owner,symposium_app' "$hba"; } >"$WORK/hba.tmp"
    cat "$WORK/hba.tmp" >"$hba"
    if [ -z "$PSQL" ]; then
        PSQL="$(printf '%s\n' /usr/lib/postgresql/*/bin/psql | sort -V | tail -n 1)"
        [ -x "$PSQL" ] || PSQL="$(command -v psql)" || die "psql not found"
    fi
    "$PSQL" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c 'select pg_reload_conf()' >/dev/null
}
as_superuser() { local port="$1"; shift; "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
as_role() { local role="$1" password="$2" port="$3"; shift 3; PGPASSWORD="$password" "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$role" -d "$DB_NAME" "$@"; }

OWNER_PASSWORD="$(random_alnum 24)"
APP_PASSWORD="$(random_alnum 24)"
create_roles() {
    SYMPOSIUM_OWNER_PASSWORD="$OWNER_PASSWORD" SYMPOSIUM_APP_PASSWORD="$APP_PASSWORD" \
        as_superuser "$1" -d postgres -f "$ROLES_SQL" >>"$WORK/logs/roles.log" 2>&1 \
        || { cat "$WORK/logs/roles.log" >&2; die "infra/prod/roles.sql failed"; }
}

start_cluster "$WORK/pg" "$PG_PORT_MAIN"
create_roles "$PG_PORT_MAIN"
create_roles "$PG_PORT_MAIN"   # again: the script is idempotent
note "PostgreSQL on 127.0.0.1:$PG_PORT_MAIN, roles symposium_owner and symposium_app"
if PGPASSWORD=wrong "$PSQL" -X -q -h 127.0.0.1 -p "$PG_PORT_MAIN" -U symposium_app -d "$DB_NAME" -c 'select 1' >/dev/null 2>&1; then
    fail "the app's role needs its password" "it signed in with a wrong one"
else
    pass "the app's role needs its password"
fi

# --- 3. Migrations: the idempotent script, as the owner ------------------------------------------
as_role symposium_owner "$OWNER_PASSWORD" "$PG_PORT_MAIN" -f "$PUB/migrations.sql" >"$WORK/logs/migrations.log" 2>&1 \
    || { tail -n 30 "$WORK/logs/migrations.log" >&2; die "applying migrations.sql as symposium_owner failed"; }
if as_role symposium_owner "$OWNER_PASSWORD" "$PG_PORT_MAIN" -f "$PUB/migrations.sql" >>"$WORK/logs/migrations.log" 2>&1; then
    pass "migrations.sql applies as the owner, and again without change"
else
    fail "migrations.sql applies as the owner, and again without change" "the second run failed (logs/migrations.log)"
fi
owned_by_app="$(as_role symposium_owner "$OWNER_PASSWORD" "$PG_PORT_MAIN" -At -c \
    "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and pg_get_userbyid(c.relowner) <> 'symposium_owner'")"
if [ "$owned_by_app" = "0" ]; then pass "every table belongs to symposium_owner"; else fail "every table belongs to symposium_owner" "$owned_by_app do not"; fi
if as_role symposium_app "$APP_PASSWORD" "$PG_PORT_MAIN" -c 'create table smoke_ddl (id int)' >/dev/null 2>&1 \
    || as_role symposium_app "$APP_PASSWORD" "$PG_PORT_MAIN" -c 'alter table bookings add column smoke_ddl int' >/dev/null 2>&1; then
    fail "the app's role can't change the schema" "it created or altered a table"
else
    pass "the app's role can't change the schema"
fi

# The systemd unit the replicas below are started by hand from (no systemd here); systemd-analyze still reads it.
if command -v systemd-analyze >/dev/null 2>&1; then
    unit_dir="$WORK/unit"
    mkdir -p "$unit_dir"
    cp -- "$UNIT" "$unit_dir/"
    ln -s "$(basename "$UNIT")" "$unit_dir/symposium-booking@$APP1_PORT.service"
    # Only what it says about the file's lines counts (a machine without /usr/bin/dotnet says more).
    complaints="$(SYSTEMD_UNIT_PATH="$unit_dir:" systemd-analyze verify "$unit_dir/symposium-booking@$APP1_PORT.service" 2>&1 \
        | grep -F "$unit_dir/symposium-booking@.service:" || true)"
    [ -z "$complaints" ] && pass "systemd-analyze verify accepts every line of the unit" \
        || fail "systemd-analyze verify accepts every line of the unit" "$(tr '\n' ' ' <<<"$complaints")"
else
    note "no systemd-analyze: the unit file is not verified"
fi

# --- 4. The mail server and the certificate ------------------------------------------------------
(exec "$DOTNET" "$DRIVER_DLL" smtp-sink --port "$SMTP_PORT" --dir "$WORK/mail") >"$WORK/logs/smtp-sink.log" 2>&1 &
PIDS[smtp]=$!
wait_for "the mail sink" "${PIDS[smtp]}" bash -c "exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT"

CERT="$WORK/tls/cert.pem"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$SITE" \
    -addext "subjectAltName=DNS:$SITE,IP:127.0.0.1" -keyout "$WORK/tls/key.pem" -out "$CERT" >"$WORK/logs/openssl.log" 2>&1 \
    || { cat "$WORK/logs/openssl.log" >&2; die "openssl could not make the certificate"; }
rm -f -- "$WORK/logs/openssl.log"

# --- 5. Two replicas, Production, only the documented settings (docs/operations.md, "Settings") ---
ORGANIZER_EMAIL="organizer@$SITE"
ORGANIZER_PASSWORD="Smoke-$(random_alnum 16)-1!"
KEK="$(head -c 32 /dev/urandom | base64)"
app_connection() { printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=symposium_app;Password=%s' "$1" "$DB_NAME" "$APP_PASSWORD"; }
owner_connection() { printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=symposium_owner;Password=%s' "$1" "$DB_NAME" "$OWNER_PASSWORD"; }
owner_url() { printf 'postgresql://symposium_owner:%s@127.0.0.1:%s/%s' "$OWNER_PASSWORD" "$1" "$DB_NAME"; }
readonly SIGN_IN_LIMIT=5
# >>> The replicas' settings: what an operator writes in /etc/symposium-booking/env (the unit adds the rest, below).
APP_SETTINGS=(
    "App__PublicBaseUrl=$BASE_URL/"
    "DataProtection__KeyEncryptionKey=$KEK"
    "Bootstrap__OrganizerEmail=$ORGANIZER_EMAIL"
    "Bootstrap__OrganizerPassword=$ORGANIZER_PASSWORD"
    "Proxy__KnownProxies__0=127.0.0.1"
    "Mail__Smtp__Host=127.0.0.1"
    "Mail__Smtp__Port=$SMTP_PORT"
    "Mail__Smtp__Security=None"
    "Mail__FromAddress=booking@$SITE"
    "Mail__ReplyTo=organizers@$SITE"
    # The smoke's own limits: sign-in low, for the per-client check below; the rushes come from one address, so the
    # booking limits are out of their way (as in benchmarks/run.sh).
    "RateLimits__SignIn__PermitLimit=$SIGN_IN_LIMIT"
    "RateLimits__Booking__PermitLimit=100000000"
    "RateLimits__InFlightPerAddress=100000000"
)
# <<<
# The unit's own Environment= lines for the replica on <port> (%i), HOME aside: systemd's ExecStart, by hand.
unit_env() { sed -n 's/^Environment=//p' "$UNIT" | grep -v '^HOME=' | sed "s/%i/$1/g"; }
# (app_env <port> <setting=value...> <command...>): in a subshell, which it replaces: runs the command from the
# published app's folder (its content root, the unit's WorkingDirectory) with nothing of this shell's environment
# but PATH and HOME: the unit's settings, then those given (which win, as EnvironmentFile= wins over Environment=).
app_env() {
    local port="$1" unit_settings=()
    shift
    mapfile -t unit_settings < <(unit_env "$port")
    cd "$PUB/app" && exec env -i PATH="/usr/local/bin:/usr/bin:/bin" HOME="$WORK/home" "${unit_settings[@]}" "$@"
}
# start_replica <name> <port> <database port>: the unit's ExecStart.
start_replica() {
    local name="$1" port="$2" db_port="$3"
    (app_env "$port" "${APP_SETTINGS[@]}" "ConnectionStrings__Booking=$(app_connection "$db_port")" \
        "$DOTNET" SymposiumBooking.Web.dll >>"$WORK/logs/$name.log" 2>&1) &   # appended: a restart keeps the first log
    PIDS[$name]=$!
}
# A replica directly, as nginx would ask it (127.0.0.1 is the known proxy).
direct() { curl -sS -H "Host: $SITE" -H 'X-Forwarded-Proto: https' "$@"; }
ready() { [ "$(direct -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health/ready" 2>/dev/null)" = 200 ]; }

start_replica app-1 "$APP1_PORT" "$PG_PORT_MAIN"
start_replica app-2 "$APP2_PORT" "$PG_PORT_MAIN"
wait_for "replica 1" "${PIDS[app-1]}" ready "$APP1_PORT"
wait_for "replica 2" "${PIDS[app-2]}" ready "$APP2_PORT"
note "replicas on 127.0.0.1:$APP1_PORT and :$APP2_PORT (pids ${PIDS[app-1]}, ${PIDS[app-2]})"

# --- 6. nginx: the documented site file, rendered for loopback -----------------------------------
mkdir -p "$WORK/nginx"
# Each line below: text of the documented file | what it becomes here (empty: the line goes) | on how many lines it
# must be found. A documented file that no longer says what this rendering expects stops the smoke.
render_site() {
    local out="$WORK/nginx/site.conf" expected
    cp -- "$SITE_CONF" "$out"
    while IFS='|' read -r from to expected; do
        [ "$(grep -cF -- "$from" "$out")" = "$expected" ] \
            || die "infra/nginx/symposium-booking.conf: expected $expected line(s) with '$from' (the smoke renders it by these)"
        if [ -z "$to" ]; then
            grep -vF -- "$from" "$out" >"$out.tmp" || true
        else
            awk -v from="$from" -v to="$to" '{ i = index($0, from); if (i) $0 = substr($0, 1, i - 1) to substr($0, i + length(from)); print }' "$out" >"$out.tmp"
        fi
        mv -- "$out.tmp" "$out"
    done <<EOF
server 127.0.0.1:5001 |server 127.0.0.1:$APP1_PORT |1
server 127.0.0.1:5002 |server 127.0.0.1:$APP2_PORT |1
listen [::]:80;||1
listen [::]:443 ssl http2;||1
listen 80;|listen 127.0.0.1:$HTTP_PORT;|1
listen 443 ssl http2;|listen 127.0.0.1:$HTTPS_PORT ssl http2;|1
/etc/letsencrypt/live/booking.example.org/fullchain.pem|$CERT|1
/etc/letsencrypt/live/booking.example.org/privkey.pem|$WORK/tls/key.pem|1
server_name booking.example.org;|server_name $SITE;|2
EOF
}
render_site
# The rest of what Debian's /etc/nginx/nginx.conf holds, with this run's own paths (docs/operations.md, "Behind nginx").
{
    if [ "$(id -u)" -eq 0 ]; then echo "user root;"; fi   # workers must reach WORK, which may be under /root
    cat <<EOF
worker_processes auto;
worker_rlimit_nofile 16384;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log $WORK/nginx/access.log;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    default_type application/octet-stream;
    sendfile on;
    server_tokens off;
    include $WORK/nginx/site.conf;
}
EOF
} >"$WORK/nginx/nginx.conf"
NGINX_ARGS=(-p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log")
"$NGINX" "${NGINX_ARGS[@]}" -t >"$WORK/logs/nginx-t.log" 2>&1 || { cat "$WORK/logs/nginx-t.log" >&2; die "nginx -t refused the rendered site"; }
(exec "$NGINX" "${NGINX_ARGS[@]}" -g 'daemon off;' >"$WORK/logs/nginx.log" 2>&1) &
PIDS[nginx]=$!
site() { curl -sS --cacert "$CERT" --resolve "$SITE:$HTTPS_PORT:127.0.0.1" --resolve "$SITE:$HTTP_PORT:127.0.0.1" "$@"; }
wait_for "nginx" "${PIDS[nginx]}" site -f -o /dev/null "$BASE_URL/health/ready"
note "nginx on https://$SITE:$HTTPS_PORT (127.0.0.1), $("$NGINX" -v 2>&1)"

# ---------------------------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------------------------
# status <curl args...>: the HTTP status code only.
status() { site -o /dev/null -w '%{http_code}' "$@" || true; }
# from <n> <curl args...>: a request from source address 127.0.0.<n>: each check its own client.
from() { local n="$1"; shift; site --interface "127.0.0.$n" "$@"; }
json_post() { local n="$1" url="$2" body="$3"; shift 3; from "$n" -H 'content-type: application/json' -d "$body" "$@" "$url"; }
login_body() { jq -cn --arg e "$1" --arg p "$2" '{email: $e, password: $p}'; }

# Health and transport
code="$(status "$BASE_URL/health/ready")"
[ "$code" = 200 ] && pass "/health/ready answers 200 through nginx" || fail "/health/ready answers 200 through nginx" "got $code"
redirect="$(site -o /dev/null -w '%{http_code} %{redirect_url}' "http://$SITE:$HTTP_PORT/book" || true)"
[[ "$redirect" == "301 https://$SITE/book" ]] && pass "plain HTTP redirects to HTTPS" || fail "plain HTTP redirects to HTTPS" "got '$redirect'"
headers="$(site -D - -o /dev/null "$BASE_URL/" || true)"
if grep -qi '^strict-transport-security: max-age=' <<<"$headers"; then
    pass "Strict-Transport-Security is sent"
else
    fail "Strict-Transport-Security is sent" "no such header on GET /"
fi

# No demo data, no demo account; the bootstrap organizer signs in (each from its own address: the sign-in limit is low)
code="$(status "$BASE_URL/api/v1/symposia/current")"
[ "$code" = 404 ] && pass "no symposium is current (no demo data)" || fail "no symposium is current (no demo data)" "GET /api/v1/symposia/current answered $code"
for demo in "organizer@demo.symposium.test|Demo-Organizer-2027!" "maria.keller@demo.symposium.test|Demo-Therapist-2027!"; do
    code="$(json_post 10 "$BASE_URL/api/v1/auth/login" "$(login_body "${demo%%|*}" "${demo#*|}")" -o /dev/null -w '%{http_code}' || true)"
    [ "$code" = 401 ] && pass "the demo account ${demo%%|*} does not exist" || fail "the demo account ${demo%%|*} does not exist" "sign-in answered $code"
done
TOKEN="$(json_post 11 "$BASE_URL/api/v1/auth/login" "$(login_body "$ORGANIZER_EMAIL" "$ORGANIZER_PASSWORD")" | jq -r '.accessToken // empty' || true)"
[ -n "$TOKEN" ] || die "the bootstrap organizer could not sign in through nginx"
pass "the bootstrap organizer signs in"
api() { local n="$1"; shift; from "$n" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' "$@"; }
count="$(api 11 "$BASE_URL/api/v1/symposia" | jq 'length' || echo "?")"
[ "$count" = 0 ] && pass "the database holds no symposium (no demo data)" || fail "the database holds no symposium (no demo data)" "GET /api/v1/symposia listed $count"

# A symposium of our own, one booking with an intake (year 2099: the rushes use other years)
# api_ok <method> <path> [json body]: the organizer's call from 127.0.0.11; prints the answer; dies unless it is 2xx.
api_ok() {
    local method="$1" path="$2" body="${3:-}" out
    out="$(api 11 -X "$method" ${body:+-d "$body"} -w '\n%{http_code}' "$BASE_URL$path" || true)"
    [[ "${out##*$'\n'}" == 2?? ]] || die "$method $path through nginx answered ${out##*$'\n'}: ${out%$'\n'*}"
    printf '%s' "${out%$'\n'*}"
}
SYMPOSIUM_ID="$(api_ok POST /api/v1/symposia '{"year":2099,"city":"Chicago","venueName":"Smoke Hall","venueAddress":"1 Test Way","timeZone":"America/Chicago","startDate":"2099-06-01","endDate":"2099-06-01","currency":"USD","reducedRateCents":2500,"standardRateCents":6000}' | jq -r .id)"
opens="$(date -u -d 'yesterday' +%Y-%m-%dT%H:%M:%S+00:00)"
api_ok PUT "/api/v1/symposia/$SYMPOSIUM_ID/policy" \
    "{\"bookingOpensAt\":\"$opens\",\"bookingClosesAt\":\"2099-06-02T00:00\",\"reducedRateLimitPerAttendee\":1,\"holdMinutes\":30,\"cancellationCutoffHours\":24}" >/dev/null
THERAPIST_ID="$(api_ok POST "/api/v1/symposia/$SYMPOSIUM_ID/therapists" "{\"name\":\"Smoke Therapist\",\"email\":\"therapist@$SITE\"}" | jq -r .id)"
SLOT_ID="$(api_ok POST "/api/v1/symposia/$SYMPOSIUM_ID/therapists/$THERAPIST_ID/shifts" \
    '{"date":"2099-06-01","start":"09:00","end":"10:00","sessionMinutes":30,"bufferMinutes":0,"breaks":[],"location":"Room A"}' | jq -r '.slots[0].id')"
api_ok POST "/api/v1/symposia/$SYMPOSIUM_ID/publish" >/dev/null
INTAKE_NOTE="smoke intake $(random_alnum 12)"
ATTENDEE_EMAIL="attendee.$(random_alnum 8 | tr 'A-Z' 'a-z')@$SITE"
BOOKING="$(json_post 13 "$BASE_URL/api/v1/bookings" "$(jq -cn --arg slot "$SLOT_ID" --arg email "$ATTENDEE_EMAIL" --arg note "$INTAKE_NOTE" '{
    slotId: $slot, name: "Smoke Attendee", email: $email, phone: "+1 312 555 0100", rate: "standard", payment: "atTable",
    confirmsCondition: false, intake: {headTurn: "left", headTilt: "none", painAreas: ["neckLeft"], lastBotoxInjection: null,
    dbs: "none", bloodThinners: false, recentNeckSurgery: false, comfortablePositions: ["seated"], note: $note, consent: true}}')" \
    -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" || true)"
BOOKING_ID="$(jq -r '.id // empty' <<<"$BOOKING" 2>/dev/null || true)"
BOOKING_TOKEN="$(jq -r '.token // empty' <<<"$BOOKING" 2>/dev/null || true)"
[ -n "$BOOKING_ID" ] && [ -n "$BOOKING_TOKEN" ] || die "booking through nginx failed: $BOOKING"
pass "a booking with its intake is made through nginx"

# Cookies: the booking's (the manage link swaps its token for one) and the staff's (the sign-in page)
cookie="$(from 13 -D - -o /dev/null "$BASE_URL/bookings/$BOOKING_ID?t=$BOOKING_TOKEN" | grep -i '^set-cookie: \(__Secure-\)\{0,1\}sb-booking-' || true)"
grep -qi '; secure' <<<"$cookie" && pass "the booking cookie is Secure" || fail "the booking cookie is Secure" "Set-Cookie: ${cookie:-none}"
jar="$WORK/staff-cookies.txt"
form="$(from 12 -c "$jar" -b "$jar" "$BASE_URL/account/sign-in" || true)"
antiforgery="$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p; s/.*value="\([^"]*\)" name="__RequestVerificationToken".*/\1/p' <<<"$form" | head -n 1)"
cookie="$(from 12 -c "$jar" -b "$jar" -D - -o /dev/null --data-urlencode "Email=$ORGANIZER_EMAIL" --data-urlencode "Password=$ORGANIZER_PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$antiforgery" "$BASE_URL/account/sign-in" | grep -i '^set-cookie: __Host-symposium.staff' || true)"
grep -qi '; secure' <<<"$cookie" && pass "the staff cookie is __Host- and Secure" || fail "the staff cookie is __Host- and Secure" "Set-Cookie: ${cookie:-none}"

# The intake, read by the organizer from 127.0.0.12 with a forged X-Forwarded-For: the audit names 127.0.0.12
note_read="$(api 12 -H 'X-Forwarded-For: 203.0.113.7' "$BASE_URL/api/v1/bookings/$BOOKING_ID/intake" | jq -r '.intake.note // empty' || true)"
[ "$note_read" = "$INTAKE_NOTE" ] && pass "the organizer reads the intake through nginx" || fail "the organizer reads the intake through nginx" "got '$note_read'"
audited="$(api 12 "$BASE_URL/api/v1/bookings/$BOOKING_ID/intake-reads" | jq -r '.[0].remoteIp // empty' || true)"
[ "$audited" = "127.0.0.12" ] && pass "the intake audit records the client's address, not nginx's or a forged one" \
    || fail "the intake audit records the client's address, not nginx's or a forged one" "remoteIp '$audited'"

# The sign-in limit counts per client. 127.0.0.2, forging a new X-Forwarded-For each time, signs in wrongly until
# both replicas refuse it (each counts on its own, docs/adr/0110; nginx takes them in turn): two 429s in a row. Then
# 127.0.0.3 asks both replicas, and neither refuses it: they counted 127.0.0.2, not nginx.
wrong_sign_in() { json_post "$1" "$BASE_URL/api/v1/auth/login" "$(login_body "nobody@$SITE" wrong-password)" "${@:2}" -w ' %{http_code}' || true; }
refusals=0 attempts=0 refused_body=""
while [ "$refusals" -lt 2 ] && [ "$attempts" -lt $((2 * SIGN_IN_LIMIT + 4)) ]; do
    attempts=$((attempts + 1))
    answer="$(wrong_sign_in 2 -H "X-Forwarded-For: 198.51.100.$attempts")"
    if [ "${answer##* }" = 429 ]; then refusals=$((refusals + 1)); refused_body="${answer% *}"; else refusals=0; fi
done
if [ "$refusals" -ge 2 ] && grep -q '"request.rate_limited"\|"auth.too_many_attempts"' <<<"$refused_body"; then
    pass "one client is refused (429) after the sign-in limit, whatever X-Forwarded-For it forges ($attempts attempts)"
else
    fail "one client is refused (429) after the sign-in limit, whatever X-Forwarded-For it forges" "not twice in a row in $attempts attempts"
fi
others="$(wrong_sign_in 3 -o /dev/null)$(wrong_sign_in 3 -o /dev/null)"   # " 401 401": -o drops the body
others="${others# }"
[ "$others" = "401 401" ] && pass "another client is not refused by either replica: the limit counts the client's address, not nginx's" \
    || fail "another client is not refused by either replica: the limit counts the client's address, not nginx's" "127.0.0.3 got $others"

# The booking's mail went out through SMTP
mail_file=""
for _ in $(seq 1 120); do
    mail_file="$(grep -l -i "^To:.*$ATTENDEE_EMAIL" "$WORK"/mail/*.eml 2>/dev/null | head -n 1 || true)"
    [ -n "$mail_file" ] && break
    sleep 0.25
done
if [ -n "$mail_file" ] && "$PYTHON" - "$mail_file" "$BOOKING_ID" "$BASE_URL/bookings/$BOOKING_ID?t=" <<'EOF'
import email, email.policy, sys
message = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
text = "".join(part.get_content() for part in message.walk() if part.get_content_maintype() == "text")
sys.exit(0 if sys.argv[2] in text and sys.argv[3] in text else 1)
EOF
then
    pass "the booking's mail went out through SMTP, with the manage link on the public address"
else
    fail "the booking's mail went out through SMTP, with the manage link on the public address" "${mail_file:-no mail to $ATTENDEE_EMAIL in 30 s} (logs/smtp-sink.log)"
fi

# --- The rushes: through nginx, across both replicas --------------------------------------------
driver_has() { local out; out="$("$DOTNET" "$DRIVER_DLL" "$1" 2>&1 || true)"; ! grep -q "unknown command" <<<"$out"; }
# rush <name> [midway shell command]
rush() {
    local name="$1" midway="${2:-}" args
    args=(smoke-rush --url "https://127.0.0.1:$HTTPS_PORT/" --ca-cert "$CERT" --db "$(owner_connection "$PG_PORT_MAIN")"
        --email "$ORGANIZER_EMAIL" --password "$ORGANIZER_PASSWORD" --out "$WORK/rush/$name")
    if [ -n "$midway" ]; then args+=(--midway "$midway"); fi
    mkdir -p "$WORK/rush/$name"
    if "$DOTNET" "$DRIVER_DLL" "${args[@]}" >"$WORK/logs/rush-$name.log" 2>&1; then
        pass "rush $name: no double booking, no lost answer, every retry converged ($(tail -n 1 "$WORK/logs/rush-$name.log"))"
    else
        fail "rush $name" "see logs/rush-$name.log: $(tail -n 3 "$WORK/logs/rush-$name.log" | tr '\n' ' ')"
    fi
}
if driver_has smoke-rush; then
    rush plain
    rush replica-killed "kill -9 ${PIDS[app-1]}"
    # systemd's Restart=always brings a killed replica back; here the script does.
    wait "${PIDS[app-1]}" 2>/dev/null || true
    start_replica app-1 "$APP1_PORT" "$PG_PORT_MAIN"
    wait_for "replica 1 (restarted)" "${PIDS[app-1]}" ready "$APP1_PORT"
    rush postgres-restarted "PG_DATA='$WORK/pg' PG_PORT=$PG_PORT_MAIN PG_MODE=throwaway bash '$PG_SH' stop && PG_DATA='$WORK/pg' PG_PORT=$PG_PORT_MAIN PG_MODE=throwaway bash '$PG_SH' start"
    wait_for "the replicas after PostgreSQL's restart" "" site -f -o /dev/null "$BASE_URL/health/ready"
else
    fail "the rushes" "the load driver has no smoke-rush command"
fi

# --- Backup, restore into a new cluster, the key ring and an intake read back --------------------
BACKUP="$WORK/backup/symposium.dump"
mkdir -p "$WORK/backup"
if [ ! -f "$SCRIPT_DIR/backup.sh" ] || [ ! -f "$SCRIPT_DIR/restore.sh" ]; then
    fail "backup and restore" "infra/backup.sh or infra/restore.sh is missing"
elif ! bash "$SCRIPT_DIR/backup.sh" --db "$(owner_url "$PG_PORT_MAIN")" --out "$BACKUP" >"$WORK/logs/backup.log" 2>&1; then
    fail "backup" "infra/backup.sh failed (logs/backup.log)"
else
    pass "infra/backup.sh took a backup ($(du -h "$BACKUP" | cut -f1))"
    start_cluster "$WORK/pg-restored" "$PG_PORT_RESTORED"
    create_roles "$PG_PORT_RESTORED"
    # restore.sh checks the restored key ring with the key itself (it runs the published app's `keys check`).
    if ! DataProtection__KeyEncryptionKey="$KEK" bash "$SCRIPT_DIR/restore.sh" --file "$BACKUP" \
            --db "$(owner_url "$PG_PORT_RESTORED")" --app "$PUB/app" >"$WORK/logs/restore.log" 2>&1; then
        fail "restore into a new cluster" "infra/restore.sh failed (logs/restore.log)"
    else
        pass "infra/restore.sh restored it into a new cluster and read its key ring with the key"
        # The same check as the app's role, with the replicas' settings; then with a wrong key.
        if (app_env "$REFUSED_PORT" "${APP_SETTINGS[@]}" "ConnectionStrings__Booking=$(app_connection "$PG_PORT_RESTORED")" \
                timeout 30 "$DOTNET" SymposiumBooking.Web.dll keys check) >"$WORK/logs/keys-check.log" 2>&1 \
            && grep -q 'keys readable' "$WORK/logs/keys-check.log"; then
            pass "keys check reads the restored key ring with the key-encryption key ($(grep -o '[0-9]* keys readable' "$WORK/logs/keys-check.log" | head -n 1))"
        else
            fail "keys check reads the restored key ring with the key-encryption key" "$(tail -n 2 "$WORK/logs/keys-check.log" | tr '\n' ' ')"
        fi
        rc=0
        (app_env "$REFUSED_PORT" "${APP_SETTINGS[@]}" "DataProtection__KeyEncryptionKey=$(head -c 32 /dev/urandom | base64)" \
            "ConnectionStrings__Booking=$(app_connection "$PG_PORT_RESTORED")" \
            timeout 30 "$DOTNET" SymposiumBooking.Web.dll keys check) >"$WORK/logs/keys-check-wrong.log" 2>&1 || rc=$?
        if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && grep -q 'KeyEncryptionKey' "$WORK/logs/keys-check-wrong.log"; then
            pass "keys check refuses a wrong key-encryption key, naming it (exit $rc)"
        else
            fail "keys check refuses a wrong key-encryption key, naming it" "exit $rc: $(tail -n 2 "$WORK/logs/keys-check-wrong.log" | tr '\n' ' ')"
        fi
        # A replica on the restored database answers the intake to the organizer (directly: nginx is not needed).
        start_replica app-restored "$APP3_PORT" "$PG_PORT_RESTORED"
        wait_for "the replica on the restored database" "${PIDS[app-restored]}" ready "$APP3_PORT"
        restored_token="$(direct -H 'content-type: application/json' -d "$(login_body "$ORGANIZER_EMAIL" "$ORGANIZER_PASSWORD")" \
            "http://127.0.0.1:$APP3_PORT/api/v1/auth/login" | jq -r '.accessToken // empty' || true)"
        note_read="$(direct -H "Authorization: Bearer $restored_token" "http://127.0.0.1:$APP3_PORT/api/v1/bookings/$BOOKING_ID/intake" \
            | jq -r '.intake.note // empty' || true)"
        [ "$note_read" = "$INTAKE_NOTE" ] && pass "the intake reads back from the restored database" \
            || fail "the intake reads back from the restored database" "got '$note_read'"
        stop_pid "${PIDS[app-restored]}"
        unset 'PIDS[app-restored]'
    fi
fi

# --- The app refuses to start on a missing or wrong setting --------------------------------------
# refused <what> <name pattern> <setting=value...>: the app, started with these settings, exits non-zero (not by the
# timeout) and names the setting.
refused() {
    local what="$1" pattern="$2" rc=0 log="$WORK/logs/refused-${1//[^A-Za-z0-9]/-}.log"
    shift 2
    (app_env "$REFUSED_PORT" "$@" timeout 30 "$DOTNET" SymposiumBooking.Web.dll) >"$log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && grep -Eq "$pattern" "$log"; then
        pass "the app refuses to start $what, naming the setting (exit $rc)"
    else
        fail "the app refuses to start $what, naming the setting" "exit $rc; $(grep -m 1 -E 'fail|crit|error|Unhandled' "$log" || tail -n 1 "$log")"
    fi
}
refused "without a connection string" 'ConnectionStrings(:|__)Booking' "${APP_SETTINGS[@]}"
refused "with an http:// public base URL" 'App(:|__)PublicBaseUrl' "${APP_SETTINGS[@]}" \
    "ConnectionStrings__Booking=$(app_connection "$PG_PORT_MAIN")" "App__PublicBaseUrl=http://$SITE/"

# --- The app's role had every privilege it needed ------------------------------------------------
denied="$(grep -l -i 'permission denied\|must be owner' "$WORK"/logs/app-*.log 2>/dev/null | xargs -r -n 1 basename | tr '\n' ' ' || true)"
[ -z "$denied" ] && pass "no 'permission denied' in the replicas' logs (the app's role suffices)" \
    || fail "no 'permission denied' in the replicas' logs (the app's role suffices)" "in $denied"

note "$((SECONDS - START_SECONDS)) s"
for failure in "${FAILURES[@]}"; do printf '%s: failed: %s\n' "$ME" "$failure" >&2; done
echo "$ME: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
