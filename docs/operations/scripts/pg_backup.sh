#!/usr/bin/env bash
# Back up one database of the platform's PostgreSQL: a custom-format dump (restorable table by
# table), the roles without their passwords, and a manifest of row counts to verify a restore.
# Uses the libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD; arguments: DATABASE BACKUP_DIR.
set -euo pipefail
db=${1:?database}
out=${2:?backup directory}
mkdir -p "$out"
pg_dump --format=custom --compress=6 --no-password --dbname="$db" --file="$out/$db.dump"
pg_dumpall --globals-only --no-role-passwords --no-password >"$out/globals.sql"
# Manifest: exact row count and content checksum of every table, in a stable order.
psql --no-password --dbname="$db" --tuples-only --no-align --field-separator=' ' --quiet <<'SQL' >"$out/$db.manifest"
SELECT format('SELECT %L, count(*), md5(coalesce(string_agg(t::text, %L ORDER BY t::text), %L)) FROM %I.%I t',
              schemaname || '.' || tablename, E'\n', '', schemaname, tablename)
  FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
 ORDER BY schemaname, tablename
\gexec
SQL
echo "backup of $db: $(du -h "$out/$db.dump" | cut -f1) dump, $(wc -l <"$out/$db.manifest") tables in manifest"
