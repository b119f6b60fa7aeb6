#!/usr/bin/env bash
# The hand-made temp instance `check` is measured against: initdb, start, one statement, stop, remove.
# As root PostgreSQL must run as the postgres user, as a person would do it (runuser).
set -euo pipefail
as=()
dir=$(mktemp -d)
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; as=(runuser -u postgres --); fi
bin=${PG_BIN:?PG_BIN is the directory of initdb and pg_ctl}
"${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust >/dev/null
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p ${PORT:-54999} -k $dir -c listen_addresses=''" start >/dev/null
"${as[@]}" psql -X -h "$dir" -p "${PORT:-54999}" -U postgres -c 'SELECT 1' postgres >/dev/null
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -w stop >/dev/null
rm -rf "$dir"
