#!/usr/bin/env bash
# Regenerates samples/locks/fixtures/trends/: the coarse-lock inventory server captured at four load
# levels (2, 4, 8 and 16 worker threads, one second each), for the trends per lock over N captures.
# Each level is captured by the program's own counters (lock-stats JSON, with its capturedAt). Not by
# `perf lock record` here: on this machine (Debian 12, perf 6.1, kernel 6.18, 2 cores) it now records
# no lock events at all (a 4 KB perf.data, an empty contention table), although generate.sh's captures
# were made with it. Absolute paths are stripped: the build directory becomes `.`.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
OUT=$HERE/fixtures/trends
BUILD=$(mktemp -d)
trap 'rm -rf "$BUILD"' EXIT
mkdir -p "$OUT"

cd "$BUILD"
cp "$HERE/inventory_server.cpp" .
g++ -std=c++17 -O1 -g -fno-omit-frame-pointer -fdebug-prefix-map="$PWD"=. -pthread -DTRACK_LOCKS inventory_server.cpp -o inventory_server_tracked

for THREADS in 2 4 8 16; do
  AFTERMATH_LOCK_STATS="$OUT/lock_stats_coarse_t$THREADS.json" ./inventory_server_tracked $THREADS 1000 coarse > /dev/null
  # capturedAt has whole seconds: a pause keeps the next capture's time apart.
  sleep 1
done
ls -la "$OUT"
