#!/usr/bin/env bash
# A real lock pile-up in PostgreSQL 15.18, captured with pg_stat_activity snapshots every second
# (fixtures/pg_stat_activity_lock_pileup.csv). Run as root; Postgres runs as the `postgres` user
# on a loopback port in a temporary directory, removed at the end.
#
# One session opens a transaction, updates the hot row and then sits idle in that transaction for
# 8 s (an application that does network I/O inside its transaction); 12 pgbench clients update the
# same row meanwhile and every one of them waits on its lock (wait_event_type Lock, transactionid).
set -euo pipefail
cd "$(dirname "$0")"
OUT=$PWD/fixtures
mkdir -p "$OUT"
TMP=$(mktemp -d)
chmod 1777 "$TMP"
PG=15433
CAPTURE=
cleanup() {
  [ -n "$CAPTURE" ] && kill "$CAPTURE" 2>/dev/null || true
  runuser -u postgres -- pg_ctl -D "$TMP/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
mkdir "$TMP/pg" && chown postgres "$TMP/pg"
runuser -u postgres -- initdb -D "$TMP/pg" -U postgres --auth=trust >/dev/null
runuser -u postgres -- pg_ctl -D "$TMP/pg" -l "$TMP/pg.log" -w -o "-p $PG -k $TMP -c listen_addresses=127.0.0.1 -c max_connections=20" start >/dev/null
sql() { psql -h "$TMP" -p $PG -U postgres -qX "$@"; }
sql -c "create table accounts (id int primary key, balance bigint)" -c "insert into accounts select g, 0 from generate_series(1, 100) g"
echo 'update accounts set balance = balance + 1 where id = 1;' > "$TMP/hot_row.sql"

ACTIVITY="select now() as captured_at, pid, usename, application_name, backend_type, state, wait_event_type, wait_event,
  round(extract(epoch from now() - xact_start)::numeric, 3) as xact_age_s, current_setting('max_connections')::int as max_connections
  from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()"
(while sleep 1; do sql -c "\\copy ($ACTIVITY) to stdout csv header"; done > "$TMP/activity.csv") & CAPTURE=$!
sleep 3
# The transaction left open: psql reads the commit only after the sleep.
( echo "begin; update accounts set balance = balance - 10 where id = 1;"; sleep 8; echo "commit;" ) | sql -v ON_ERROR_STOP=1 &
sleep 1
pgbench -h "$TMP" -p $PG -U postgres -n -c 12 -j 2 -T 10 -f "$TMP/hot_row.sql" postgres > "$TMP/pgbench.txt" 2>&1
sleep 3
kill $CAPTURE; CAPTURE=
wait 2>/dev/null || true
sed -e "s|$TMP|.|g" "$TMP/activity.csv" > "$OUT/pg_stat_activity_lock_pileup.csv"
grep -E 'tps|latency average' "$TMP/pgbench.txt" | sed -e "s|$TMP|.|g"
