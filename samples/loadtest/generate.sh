#!/usr/bin/env bash
# Regenerates samples/loadtest/fixtures/ with the real load-test tools on this machine (Debian 12,
# 2 shared cores, Node 20): wrk 4.1.0 and Locust 2.12.1 (`apt-get install -y wrk python3-locust`).
# Each tool steps the concurrency up against inventory_server.mjs until it breaks. JMeter runs
# separately (`./generate.sh jmeter`): Debian 12's jmeter 2.13 cannot load any test plan file
# (`ForbiddenClassException: org.apache.jmeter.save.ScriptWrapper` from the newer xstream it is
# packaged with), so its engine runs a plan built in code; see README.md.
#
#   baseline/         --mode sharded  (per-inventory shard locks): the build a pull request is gated against
#   candidate/        --mode coarse   (one store-wide lock): the regression the gate must catch
#   baseline-rerun/   --mode sharded  again: the same build measured again, which the gate must pass
#   candidate-cpu/    --mode sharded --sign-iterations 4000: every request is signed synchronously
#                     before it locks; throughput collapses and the locks see less traffic, so their
#                     wait per second falls, which the gate must not call an improvement (wrk only)
#
# `./generate.sh candidate-cpu` regenerates that one side and leaves the others as they are;
# `./generate.sh jmeter` makes fixtures/jmeter/inventory_coarse.jtl.gz with JMeter 2.13 (apt-get install -y jmeter).
# wrk runs three times per side (the repeated runs the gate's noise test needs), the sides
# interleaved; the server is restarted for every run and writes its own lock statistics
# (lock_stats_N.json) when stopped. Run it on an otherwise idle machine: the spread is real.
# Nothing here holds an absolute path (wrk and Locust print the URL only).
set -euo pipefail
cd "$(dirname "$0")"
OUT=$PWD/fixtures
PORT=${PORT:-18480}
URL=http://127.0.0.1:$PORT/
WRK_STEPS=(8 32 128 512)
WRK_SECONDS=3

SERVER_PID=
start_server() { # mode, lock-stats file, extra flags…
  node inventory_server.mjs --port "$PORT" --mode "$1" --max-waiters 200 --lock-stats "$2" "${@:3}" > /dev/null &
  SERVER_PID=$!
  for _ in $(seq 50); do curl -sf "${URL}health" > /dev/null && return; sleep 0.1; done
  echo "server did not start" >&2; exit 1
}
stop_server() { kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; }
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true' EXIT

wrk_run() { # dir, mode, run number, extra server flags…
  local dir=$OUT/$1
  start_server "$2" "$dir/lock_stats_$3.json" "${@:4}"
  for c in "${WRK_STEPS[@]}"; do
    wrk -t2 -c"$c" -d"${WRK_SECONDS}s" --latency "$URL" >> "$dir/wrk_$3.txt"
  done
  stop_server
}

run_locust() { # dir, mode
  local dir=$OUT/$1
  start_server "$2" /dev/null
  (cd "$dir" && locust -f ../../locustfile.py --headless --host "$URL" --csv locust --only-summary > /dev/null 2>&1) || true
  stop_server
  rm -f "$dir"/locust_failures.csv "$dir"/locust_exceptions.csv
}

if [ "${1:-}" = jmeter ]; then
  # JMeter 2.13's engine on a plan built in code (jmeter/SteppedPlan.java: the packaged jmeter cannot
  # load a .jmx, see README.md): 8, 32 and 128 threads for 5 s each against the store-wide lock with
  # a queue of 64, so the last step is answered 503 in part.
  CLASSES=$(mktemp -d)
  JARS=/usr/share/jmeter/bin/ApacheJMeter.jar:/usr/share/jmeter/lib/jorphan.jar:$(ls /usr/share/jmeter/lib/ext/*.jar | tr '\n' ':')
  javac -d "$CLASSES" -cp "$JARS" jmeter/SteppedPlan.java
  mkdir -p "$OUT/jmeter"
  node inventory_server.mjs --port "$PORT" --mode coarse --max-waiters 64 > /dev/null &
  SERVER_PID=$!
  for _ in $(seq 50); do curl -sf "${URL}health" > /dev/null && break; sleep 0.1; done
  rm -f "$OUT"/jmeter/inventory_coarse.jtl*
  (cd "$CLASSES" && java -cp "$CLASSES:$JARS" SteppedPlan 127.0.0.1 "$PORT" "$OUT/jmeter/inventory_coarse.jtl" 5 8 32 128 > /dev/null)
  gzip -9nf "$OUT/jmeter/inventory_coarse.jtl"
  kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true
  rm -rf "$CLASSES"
  ls -l "$OUT"/jmeter/
  exit 0
fi

if [ "${1:-}" = candidate-cpu ]; then
  rm -rf "$OUT/candidate-cpu"; mkdir -p "$OUT/candidate-cpu"
  for run in 1 2 3; do wrk_run candidate-cpu sharded "$run" --sign-iterations 4000; done
  ls -l "$OUT"/candidate-cpu/
  exit 0
fi

rm -rf "$OUT"/{baseline,candidate,baseline-rerun}; mkdir -p "$OUT"/{baseline,candidate,baseline-rerun}
# Interleaved, so that whatever else the shared machine does falls on every side alike.
for run in 1 2 3; do
  wrk_run baseline sharded "$run"
  wrk_run candidate coarse "$run"
  wrk_run baseline-rerun sharded "$run"
done
run_locust baseline sharded
run_locust candidate coarse
ls -l "$OUT"/*/
