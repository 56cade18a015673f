#!/usr/bin/env bash
# Regenerates samples/stampede/fixtures/ with real servers on this machine (Debian 12: redis-server
# 7.0.15, PostgreSQL 15.18, PgBouncer 1.18.0, Python 3). Run as root: Postgres and PgBouncer refuse
# to run as root, so they run as the `postgres` user; everything listens on loopback only, in a
# temporary directory that is removed at the end.
#
# What happens: stampede_app.py warms 200 leaderboard pages into Redis with one fixed TTL, then 40
# clients read them; on a miss each client queries Postgres through PgBouncer (pool of 8) and sets
# the page back. Every page expires at the same second, so every client misses and queues for the
# pool at once. Meanwhile the capture loops below run the commands an SRE would leave running:
#
#   while sleep 1; do date -Is; redis-cli -p PORT INFO stats; done            > redis_info_stats.log
#   redis-cli --no-raw -p PORT SLOWLOG GET 128                                   > redis_slowlog.txt
#   while sleep 1; do psql -c "\copy (select now() as captured_at, … from pg_stat_activity) to stdout csv header"; done > pg_stat_activity.csv
#   while sleep 1; do date -Is; psql -p BOUNCER -U app pgbouncer -c 'SHOW POOLS'; done > pgbouncer_pools.log
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
OUT=$HERE/fixtures
mkdir -p "$OUT"
TMP=$(mktemp -d)
chmod 1777 "$TMP"
REDIS=16379; PG=15432; BOUNCER=16432
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  redis-cli -p $REDIS shutdown nosave >/dev/null 2>&1 || true
  [ -f "$TMP/bouncer.pid" ] && kill "$(cat "$TMP/bouncer.pid")" 2>/dev/null || true
  [ -d "$TMP/pg" ] && runuser -u postgres -- pg_ctl -D "$TMP/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
as_pg() { runuser -u postgres -- "$@"; }

# Redis: no persistence; commands slower than 100 µs go to the slow log.
redis-server --port $REDIS --bind 127.0.0.1 --dir "$TMP" --save '' --appendonly no \
  --slowlog-log-slower-than 100 --slowlog-max-len 128 --daemonize yes --logfile "$TMP/redis.log"

# Postgres: 20 connections at most, trust on loopback (a throwaway cluster).
mkdir "$TMP/pg" && chown postgres "$TMP/pg"
as_pg initdb -D "$TMP/pg" -U postgres --auth=trust >/dev/null
as_pg pg_ctl -D "$TMP/pg" -l "$TMP/pg.log" -w \
  -o "-p $PG -k $TMP -c listen_addresses=127.0.0.1 -c max_connections=20" start >/dev/null
psql -h "$TMP" -p $PG -U postgres -qc "create role app login" -c "create database app owner app"

# PgBouncer: transaction pooling, 8 server connections for every client.
cat > "$TMP/pgbouncer.ini" <<INI
[databases]
app = host=127.0.0.1 port=$PG dbname=app user=app
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER
unix_socket_dir =
auth_type = trust
auth_file = $TMP/users.txt
admin_users = app
pool_mode = transaction
default_pool_size = 8
max_client_conn = 200
pidfile = $TMP/bouncer.pid
logfile = $TMP/bouncer.log
INI
echo '"app" ""' > "$TMP/users.txt"
chown postgres "$TMP"/pgbouncer.ini "$TMP/users.txt"
as_pg pgbouncer -d "$TMP/pgbouncer.ini"
sleep 1

ACTIVITY="select now() as captured_at, pid, usename, application_name, client_addr, backend_type, state, wait_event_type, wait_event,
  round(extract(epoch from now() - xact_start)::numeric, 3) as xact_age_s, round(extract(epoch from now() - query_start)::numeric, 3) as query_age_s,
  current_setting('max_connections')::int as max_connections
  from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()"
(while sleep 1; do date -Is; redis-cli -p $REDIS INFO stats; done > "$TMP/redis_info_stats.log") & PIDS+=($!)
(while sleep 1; do psql -h "$TMP" -p $PG -U postgres -qX -c "\\copy ($ACTIVITY) to stdout csv header"; done > "$TMP/pg_stat_activity.csv") & PIDS+=($!)
(while sleep 1; do date -Is; psql -h 127.0.0.1 -p $BOUNCER -U app -X pgbouncer -c 'SHOW POOLS'; done > "$TMP/pgbouncer_pools.log") & PIDS+=($!)
sleep 5

python3 "$HERE/stampede_app.py" --redis-port $REDIS --db-port $BOUNCER --pages 200 --ttl 30 --clients 40 --seconds 75 \
  --metrics "$OUT/app_metrics.csv" --events "$OUT/app_events.jsonl"
sleep 3
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
PIDS=()
wait 2>/dev/null || true
redis-cli --no-raw -p $REDIS SLOWLOG GET 128 > "$OUT/redis_slowlog.txt"
cp "$TMP/redis_info_stats.log" "$TMP/pg_stat_activity.csv" "$TMP/pgbouncer_pools.log" "$OUT/"
# A single INFO (every section) and one SHOW POOLS, as pasted into a ticket.
redis-cli -p $REDIS INFO > "$OUT/redis_info_all.txt"
psql -h 127.0.0.1 -p $BOUNCER -U app -X pgbouncer -c 'SHOW POOLS' > "$OUT/pgbouncer_pools_once.txt"
sed -i -e "s|$TMP|.|g" "$OUT"/*
ls -l "$OUT"
