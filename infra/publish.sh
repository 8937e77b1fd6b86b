#!/usr/bin/env bash
# The production build: what an operator copies to a server (docs/operations.md, "From nothing to a running service").
#
# Usage: bash infra/publish.sh OUT
#   OUT/app/             `dotnet publish` of the web app, Release, framework-dependent (it runs on the machine's .NET
#                        runtime, with .NET's defaults: docs/adr/0073). Start it from that folder (its content root):
#                        cd OUT/app && dotnet SymposiumBooking.Web.dll
#   OUT/migrations.sql   every EF Core migration as one idempotent SQL script: apply it as the schema owner with psql
#                        before starting a new version (docs/adr/0090). The app never migrates in Production.
#
# The smoke test (infra/smoke-production.sh), the Dockerfile and the release job all publish with this script.
set -euo pipefail

readonly ME="publish.sh"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
readonly SCRIPT_DIR REPO_ROOT
readonly WEB_PROJECT="$REPO_ROOT/src/SymposiumBooking.Web/SymposiumBooking.Web.csproj"

note() { printf '%s: %s\n' "$ME" "$*"; }
die() { printf '%s: error: %s\n' "$ME" "$*" >&2; exit 1; }

[ $# -eq 1 ] && [ -n "$1" ] || die "usage: bash infra/publish.sh OUT"
command -v dotnet >/dev/null 2>&1 || die "'dotnet' not found: install the .NET 10 SDK and put 'dotnet' on PATH"
mkdir -p -- "$1"
OUT="$(cd "$1" && pwd -P)"
readonly OUT

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

# A stale file from an older version (a page or a dll since removed) must not linger beside the new ones.
rm -rf -- "$OUT/app"
note "dotnet publish -c Release -o $OUT/app"
dotnet publish "$WEB_PROJECT" -c Release -o "$OUT/app" -nologo -v q \
    || die "dotnet publish failed"

# dotnet-ef is the repository's local tool (dotnet-tools.json); --no-build reads the assembly the publish just built.
note "dotnet ef migrations script --idempotent -> $OUT/migrations.sql"
(cd "$REPO_ROOT" && dotnet tool restore -v q >/dev/null) || die "dotnet tool restore failed"
(cd "$REPO_ROOT" && dotnet ef migrations script --idempotent --no-build --configuration Release \
    --project "$WEB_PROJECT" --output "$OUT/migrations.sql.tmp") \
    || die "dotnet ef migrations script failed"
mv -- "$OUT/migrations.sql.tmp" "$OUT/migrations.sql"
note "done: $OUT/app ($(du -sh "$OUT/app" | cut -f1)) and $OUT/migrations.sql"
