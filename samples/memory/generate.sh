#!/usr/bin/env bash
# Regenerates samples/memory/fixtures/ from real processes on this machine (Debian 12, kernel 6.18,
# Node 20, g++ 12.2). Run as root (the cgroup part creates a child memory cgroup).
#
# The capture loops are the ones docs/timeline.md tells people to leave running:
#   while sleep 2; do date -Is; cat /proc/PID/status;       done > status.log
#   while sleep 2; do date -Is; cat /proc/PID/smaps_rollup; done > smaps_rollup.log
#   while sleep 1; do date -Is; cat $CG/memory.stat $CG/memory.oom_control; done > cgroup.log   (v1)
#   while sleep 1; do date -Is; cat $CG/memory.stat $CG/memory.events;      done > cgroup.log   (v2)
#
# This container mounts the memory controller as cgroup v1 (the v2 hierarchy at
# /sys/fs/cgroup/unified has no memory controller), so the cgroup captures are v1 files; the
# cgroup v2 fixtures under typed/ are typed from the kernel's documentation (see typed/README.md).
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
OUT=$HERE/fixtures
mkdir -p "$OUT"
BUILD=$(mktemp -d)
CG=
cleanup() { [ -n "$CG" ] && rmdir "$CG" 2>/dev/null || true; rm -rf "$BUILD"; }
trap cleanup EXIT

capture() { # pid interval file...: one dated capture of each /proc file per interval, until the process ends
  local pid=$1 every=$2; shift 2
  while kill -0 "$pid" 2>/dev/null; do
    for f in "$@"; do { date -Is; cat "/proc/$pid/$f"; } >> "$BUILD/$pid.$f.log" 2>/dev/null || true; done
    sleep "$every"
  done
}

# 1. Node leaking Buffers outside the JS heap (ArrayBuffer backing stores), with a heap snapshot at the end.
node "$HERE/buffer_leak.mjs" 30 "$BUILD/buffer_leak.heapsnapshot" > /dev/null &
NODE=$!
capture $NODE 2 status smaps_rollup
mv "$BUILD/$NODE.status.log" "$OUT/node_buffer_leak.status.log"
mv "$BUILD/$NODE.smaps_rollup.log" "$OUT/node_buffer_leak.smaps_rollup.log"
gzip -9n < "$BUILD/buffer_leak.heapsnapshot" > "$OUT/node_buffer_leak.heapsnapshot.gz"

# 2. C++ leaking malloc'd memory.
g++ -std=c++17 -O1 "$HERE/malloc_leak.cpp" -o "$BUILD/malloc_leak"
"$BUILD/malloc_leak" 30 &
CPP=$!
capture $CPP 2 status smaps_rollup
mv "$BUILD/$CPP.status.log" "$OUT/cpp_malloc_leak.status.log"
mv "$BUILD/$CPP.smaps_rollup.log" "$OUT/cpp_malloc_leak.smaps_rollup.log"

# One capture each, as pasted into a ticket (this shell's own files).
cat /proc/self/status > "$OUT/single.status.txt"

# 3. The same C++ leak in a child memory cgroup limited to 48 MiB (swap included): the kernel's OOM
#    killer ends it, and memory.oom_control counts the kill.
CG=/sys/fs/cgroup/memory$(grep -E '^[0-9]+:memory:' /proc/self/cgroup | cut -d: -f3)/aftermath-leak
mkdir "$CG"
echo $((48 << 20)) > "$CG/memory.limit_in_bytes"
echo $((48 << 20)) > "$CG/memory.memsw.limit_in_bytes" 2>/dev/null || true
sh -c "echo \$\$ > $CG/cgroup.procs; exec $BUILD/malloc_leak 60" &
LEAK=$!
(while sleep 1; do date -Is; cat "$CG/memory.stat" "$CG/memory.oom_control"; done > "$BUILD/cgroup.log") &
LOOP=$!
wait $LEAK || echo "malloc_leak ended with status $? (137 = SIGKILL from the OOM killer)"
sleep 2
kill $LOOP
mv "$BUILD/cgroup.log" "$OUT/cgroup_v1_oom.log"
ls -l "$OUT"
