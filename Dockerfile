# syntax=docker/dockerfile:1
# The production image (docs/operations.md, "Containers and Kubernetes"). Not built on the project's own machines (no
# container runtime works there): tests/SymposiumBooking.Web.Tests/Platform/DeploymentFilesTests.cs checks it offline.
#
#   docker build -t symposium-booking .                   the app (the last stage)
#   docker build --target migrate -t symposium-booking-migrate .   psql and OUT/migrations.sql, run as the schema owner

# --- build: the same publish as the production smoke test and the release job (infra/publish.sh) ---------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so a change to the code reuses the restored packages and tools.
COPY global.json Directory.Build.props Directory.Packages.props dotnet-tools.json ./
COPY src/SymposiumBooking.Domain/SymposiumBooking.Domain.csproj src/SymposiumBooking.Domain/
COPY src/SymposiumBooking.Web/SymposiumBooking.Web.csproj src/SymposiumBooking.Web/
RUN dotnet restore src/SymposiumBooking.Web/SymposiumBooking.Web.csproj && dotnet tool restore
COPY . .
# .git is not sent to the builder (.dockerignore): the commit for the version comes as a build argument
# (docker build --build-arg SOURCE_REVISION=$(git rev-parse HEAD) .); MSBuild reads it from the environment.
ARG SOURCE_REVISION=""
RUN SourceRevisionId="$SOURCE_REVISION" bash infra/publish.sh /out

# --- migrate: applies the idempotent migrations script as the schema owner (compose.yaml, infra/k8s/migrate-job.yaml) --
FROM postgres:17 AS migrate
COPY --from=build /out/migrations.sql /migrations/migrations.sql
USER postgres
# MIGRATE_URL: a libpq connection URI for symposium_owner, e.g. postgresql://symposium_owner:...@db:5432/symposium
CMD ["sh", "-c", "exec psql \"$MIGRATE_URL\" -X -v ON_ERROR_STOP=1 -f /migrations/migrations.sql"]

# --- runtime: the app, as the image's non-root user ----------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /out/app ./
ENV ASPNETCORE_ENVIRONMENT=Production
# The aspnet image listens on 8080 (ASPNETCORE_HTTP_PORTS) and defines APP_UID, its unprivileged "app" user.
USER $APP_UID
EXPOSE 8080
# The image has no curl or wget: the app probes itself (dotnet SymposiumBooking.Web.dll health, docs/adr/0108).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/SymposiumBooking.Web.dll", "health", "http://127.0.0.1:8080/health/live"]
ENTRYPOINT ["dotnet", "/app/SymposiumBooking.Web.dll"]
