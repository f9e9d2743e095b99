#!/usr/bin/env bash
# Set a PostgreSQL role's password to the value read from stdin, without the value appearing in a
# command line, the shell history or the server's statement log. Run as a superuser
# (PGUSER=postgres). Arguments: ROLE.
set -euo pipefail
role=${1:?role}
IFS= read -r newpw
[ ${#newpw} -ge 16 ] || { echo "refusing a password shorter than 16 characters" >&2; exit 1; }
# psql variables are interpolated into the statement by psql itself (:'pw' quotes it safely);
# log_statement=none for this session keeps the literal out of the server log.
psql --no-password --quiet -v ON_ERROR_STOP=1 -v role="$role" -v pw="$newpw" <<'SQL'
SET log_statement = 'none';
ALTER ROLE :"role" PASSWORD :'pw';
SQL
echo "password of role $role changed"
