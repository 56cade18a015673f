#!/usr/bin/env bash
# Regenerates samples/locks/fixtures/ with the real tools on this machine (Debian 12, kernel 6.18,
# perf 6.1.187, g++ 12.2, 2 cores). Run as root (or with perf_event_paranoid <= -1): the lock and
# syscall tracepoints need it. perf prints its tables on stderr, so every table is captured with 2>.
# Absolute paths are stripped: the build directory becomes `.`.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
OUT=$HERE/fixtures
BUILD=$(mktemp -d)
trap 'rm -rf "$BUILD"' EXIT
mkdir -p "$OUT"
strip_paths() { sed -e "s|$BUILD/||g" -e "s|$BUILD|.|g" -e "s|$HERE/||g" -e "s|$HERE|.|g"; }

# Tracepoints this kernel offers (lock:contention_begin/end, syscalls:sys_{enter,exit}_futex).
perf list 2>/dev/null | grep -E '^\s*(lock:|syscalls:sys_(enter|exit)_futex )' | sed 's/ \+/ /g' > "$OUT/perf_list_lock.txt"

cd "$BUILD"
cp "$HERE/inventory_server.cpp" .
g++ -std=c++17 -O1 -g -fno-omit-frame-pointer -fdebug-prefix-map="$PWD"=. -pthread inventory_server.cpp -o inventory_server
# The same program counting its own lock statistics (Aftermath lock-stats JSON, docs/locks.md).
g++ -std=c++17 -O1 -g -fno-omit-frame-pointer -fdebug-prefix-map="$PWD"=. -pthread -DTRACK_LOCKS inventory_server.cpp -o inventory_server_tracked

THREADS=16
# Throughput without any tracing: the number the incident is about. Three alternating runs per
# mode, because the 2 cores are shared with other work and one run can be unlucky.
rm -f "$OUT"/ops_*.txt
for RUN in 1 2 3; do
  for MODE in coarse sharded; do ./inventory_server $THREADS 2000 $MODE >> "$OUT/ops_$MODE.txt"; done
done
for MODE in coarse sharded; do
  AFTERMATH_LOCK_STATS="$OUT/lock_stats_$MODE.json" ./inventory_server_tracked $THREADS 2000 $MODE > /dev/null

  # perf lock: kernel lock tracepoints only. A pthread mutex shows up as the futex and scheduler
  # spinlocks its waits go through, not as the mutex itself.
  perf lock record -o lock_$MODE.data -- ./inventory_server $THREADS 2000 $MODE > /dev/null 2>&1
  pl() { local name=$1; shift; perf lock "$@" -i lock_$MODE.data 2>&1 >/dev/null | strip_paths > "$OUT/${name}_$MODE.txt"; }
  pl perf_lock_report report
  pl perf_lock_report_t report -t
  pl perf_lock_report_fields report -k wait_total -F contended,wait_total,wait_max
  pl perf_lock_contention contention
  pl perf_lock_contention_v contention -v
  pl perf_lock_contention_t contention -t
  pl perf_lock_contention_k contention -k wait_max -E 3
  pl perf_lock_contention_F contention -F contended,wait_total
  pl perf_lock_info_t info -t
  pl perf_lock_info_m info -m

  # User-space mutex waits attributed to application stacks: futex syscalls plus the kernel
  # lock tracepoints, with call chains. DWARF unwinding, because Debian's glibc is built without
  # frame pointers: with --call-graph fp the frame that called pthread_mutex_lock (transferItem...)
  # is skipped, the chain goes straight from __lll_lock_wait to worker (see perf_script_fp_coarse.txt.gz).
  perf record -q -o script_$MODE.data \
    -e lock:contention_begin -e lock:contention_end -e syscalls:sys_enter_futex -e syscalls:sys_exit_futex \
    --call-graph dwarf,1024 -- ./inventory_server $THREADS 100 $MODE > /dev/null
  perf script -i script_$MODE.data 2>/dev/null | strip_paths > perf_script_$MODE.txt
  gzip -9n < perf_script_$MODE.txt > "$OUT/perf_script_$MODE.txt.gz"
done

# A capture in which nothing waited (`true`): perf prints the table's header and no row.
perf lock record -o lock_none.data -- true > /dev/null 2>&1
perf lock contention -i lock_none.data 2>&1 >/dev/null | strip_paths > "$OUT/perf_lock_contention_none.txt"
perf lock report -i lock_none.data 2>&1 >/dev/null | strip_paths > "$OUT/perf_lock_report_none.txt"

# The command the issue names, with frame-pointer call chains, to show what it yields here.
perf record -q -o script_fp.data \
  -e lock:contention_begin -e lock:contention_end -e syscalls:sys_enter_futex -e syscalls:sys_exit_futex \
  --call-graph fp -- ./inventory_server $THREADS 50 coarse > /dev/null
perf script -i script_fp.data 2>/dev/null | strip_paths | gzip -9n > "$OUT/perf_script_fp_coarse.txt.gz"

# A capture cut off mid-record, as when the disk filled up while perf script was writing.
head -c 20000 perf_script_coarse.txt > "$OUT/perf_script_truncated.txt"
ls -la "$OUT"
