-- The database and its two roles for production (docs/operations.md, docs/adr/0091). Run it as a superuser; running it
-- again changes nothing but the two passwords:
--
--   SYMPOSIUM_OWNER_PASSWORD=... SYMPOSIUM_APP_PASSWORD=... \
--     psql -X -v ON_ERROR_STOP=1 -U postgres -d postgres -f infra/prod/roles.sql
--
-- psql variable `dbname` (-v dbname=...) names the database; default symposium. The passwords are read from the
-- environment (\getenv), so they appear in no command line.
--
--   symposium_owner  owns the database and every table in it; migrations (OUT/migrations.sql) run as this role.
--                    Not a superuser: the one extension the schema needs, btree_gist, is a trusted extension that a
--                    database owner may create.
--   symposium_app    what the app connects as: reads and writes rows, uses sequences, nothing else. It owns nothing,
--                    so it can neither create, alter nor drop a table; advisory locks need no privilege.

\set ON_ERROR_STOP on
\if :{?dbname}
\else
  \set dbname symposium
\endif
\getenv owner_password SYMPOSIUM_OWNER_PASSWORD
\getenv app_password SYMPOSIUM_APP_PASSWORD
\if :{?owner_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'roles.sql: SYMPOSIUM_OWNER_PASSWORD is not set in the environment'; END $$;
\endif
\if :{?app_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'roles.sql: SYMPOSIUM_APP_PASSWORD is not set in the environment'; END $$;
\endif
SELECT :'owner_password' = '' OR :'app_password' = '' AS password_empty \gset
\if :password_empty
  DO $$ BEGIN RAISE EXCEPTION 'roles.sql: SYMPOSIUM_OWNER_PASSWORD and SYMPOSIUM_APP_PASSWORD must not be empty'; END $$;
\endif

SELECT 'CREATE ROLE symposium_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'symposium_owner') \gexec
SELECT 'CREATE ROLE symposium_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'symposium_app') \gexec
ALTER ROLE symposium_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
ALTER ROLE symposium_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';

SELECT format('CREATE DATABASE %I OWNER symposium_owner ENCODING ''UTF8''', :'dbname')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'dbname') \gexec
SELECT format('ALTER DATABASE %I OWNER TO symposium_owner', :'dbname') \gexec
-- Only the two roles connect to it.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'dbname') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO symposium_app', :'dbname') \gexec

\connect :dbname
-- PostgreSQL 15 already gives schema public to the database owner and takes CREATE from everyone else; said here so
-- the script means the same on an older server.
ALTER SCHEMA public OWNER TO symposium_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO symposium_app;

-- What the migrations create from now on (run as symposium_owner) ...
ALTER DEFAULT PRIVILEGES FOR ROLE symposium_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO symposium_app;
ALTER DEFAULT PRIVILEGES FOR ROLE symposium_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO symposium_app;
-- ... and what they created before this script ran (a database that was migrated first).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO symposium_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO symposium_app;
