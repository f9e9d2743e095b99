#!/usr/bin/env bash
# Restore a pg_backup.sh dump into a NEW database and compare it with the backup's manifest
# (row count and checksum of every table). Never restores over a live database.
# Arguments: BACKUP_DIR SOURCE_DATABASE TARGET_DATABASE OWNER_ROLE.
set -euo pipefail
dir=${1:?backup directory}
src=${2:?database the dump was taken from}
dst=${3:?new database to restore into}
owner=${4:?role that will own the restored objects}
createdb --no-password --owner="$owner" "$dst"
pg_restore --no-password --exit-on-error --no-owner --role="$owner" --dbname="$dst" "$dir/$src.dump"
psql --no-password --dbname="$dst" --tuples-only --no-align --field-separator=' ' --quiet <<'SQL' >"$dir/$dst.restored.manifest"
SELECT format('SELECT %L, count(*), md5(coalesce(string_agg(t::text, %L ORDER BY t::text), %L)) FROM %I.%I t',
              schemaname || '.' || tablename, E'\n', '', schemaname, tablename)
  FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
 ORDER BY schemaname, tablename
\gexec
SQL
if diff -u "$dir/$src.manifest" "$dir/$dst.restored.manifest"; then
  echo "restore verified: $(wc -l <"$dir/$src.manifest") tables, same row counts and checksums"
else
  echo "RESTORE DIFFERS from the backup manifest" >&2
  exit 1
fi
