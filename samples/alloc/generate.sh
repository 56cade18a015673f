#!/usr/bin/env bash
# Regenerates every fixture in samples/alloc/fixtures/ from the real tools on this machine
# (Debian 12: g++ 12.2 with -fsanitize=address, valgrind 3.19, heaptrack 1.4.0, node 20).
# Absolute paths are stripped: sources are built with -fdebug-prefix-map=$PWD=. and the build
# directory is replaced by `.` in every output.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
OUT=$HERE/fixtures
BUILD=$(mktemp -d)
trap 'rm -rf "$BUILD"' EXIT
mkdir -p "$OUT"
strip_paths() { sed -e "s|$BUILD/||g" -e "s|$BUILD|.|g" -e "s|$HERE/||g" -e "s|$HERE|.|g"; }

CXXFLAGS=(-std=c++17 -g -O0 -fdebug-prefix-map="$HERE"=.)
BT=(-I/usr/lib/gcc/x86_64-linux-gnu/12/include -L/usr/lib/gcc/x86_64-linux-gnu/12 -lbacktrace)
g++ "${CXXFLAGS[@]}" -fsanitize=address player_manager.cpp -o "$BUILD/player_manager_asan"
g++ "${CXXFLAGS[@]}" -fsanitize=address -DFIXED player_manager.cpp -o "$BUILD/player_manager_fixed_asan"
g++ "${CXXFLAGS[@]}" player_manager.cpp -o "$BUILD/player_manager"
g++ "${CXXFLAGS[@]}" -DFIXED player_manager.cpp -o "$BUILD/player_manager_fixed"
# The tracker goes first on the link line (see alloc_tracker.cpp).
g++ "${CXXFLAGS[@]}" alloc_tracker.cpp player_manager.cpp -o "$BUILD/player_manager_tracked" "${BT[@]}"
g++ "${CXXFLAGS[@]}" -DFIXED alloc_tracker.cpp player_manager.cpp -o "$BUILD/player_manager_fixed_tracked" "${BT[@]}"

# LeakSanitizer exits with 23 when it finds leaks; stdout and stderr are captured together,
# so the report is interleaved with the program's own output, as in a real server log.
lsan() { local bin=$1 out=$2; shift 2; (env "$@" "$BUILD/$bin" || true) 2>&1 | strip_paths > "$OUT/$out"; }
lsan player_manager_asan lsan_leaky.txt
lsan player_manager_fixed_asan lsan_fixed.txt
lsan player_manager_asan lsan_report_objects.txt LSAN_OPTIONS=report_objects=1
lsan player_manager_asan lsan_suppressions.txt LSAN_OPTIONS="suppressions=$HERE/lsan.supp:print_suppressions=1"
lsan player_manager_asan lsan_unsymbolized.txt ASAN_OPTIONS=symbolize=0
# LeakSanitizer preloaded into a program not built for it (perl): the fast unwinder stops at the first
# frame without a frame pointer, so most stacks are an interceptor and perl's allocation wrapper only.
(LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libasan.so.8 ASAN_OPTIONS=detect_leaks=1 perl -e 'print 1' || true) 2>&1 | strip_paths > "$OUT/lsan_perl_preload.txt"
# A report cut off mid-record, as when a container is killed while LSan is still writing.
head -n 40 "$OUT/lsan_leaky.txt" > "$OUT/lsan_truncated.txt"

# Valgrind memcheck: XML for Aftermath, plus the text log whose LEAK SUMMARY the tests compare to.
vg() { local bin=$1 name=$2; shift 2
  valgrind --leak-check=full "$@" --xml=yes --xml-file="$BUILD/$name.xml" "$BUILD/$bin" > /dev/null
  valgrind --leak-check=full "$@" --log-file="$BUILD/$name.log" "$BUILD/$bin" > /dev/null
  strip_paths < "$BUILD/$name.xml" > "$OUT/$name.xml"
  strip_paths < "$BUILD/$name.log" | sed -E 's/^==[0-9]+==/==PID==/' > "$OUT/$name.txt"; }
vg player_manager valgrind_leaky --show-leak-kinds=all
vg player_manager_fixed valgrind_fixed --show-leak-kinds=all
# Valgrind's default kinds (definite, possible): the other records are counted in "loss record N of M"
# but not printed, so fewer records than announced does not mean the log was cut.
vg player_manager valgrind_leaky_default
# A program not written for this: Debian's ls, whose only losses are what it still holds at exit.
valgrind --leak-check=full --show-leak-kinds=all --log-file="$OUT/valgrind_ls.txt" /bin/ls /usr > /dev/null
# Another, with Valgrind's default kinds: perl exits without freeing its interpreter, through its own
# allocation wrappers (Perl_safesysmalloc...) and functions Valgrind cannot name (`???`).
valgrind --leak-check=full --log-file="$BUILD/valgrind_perl.log" perl -e 'print 1' > /dev/null
sed -E 's/^==[0-9]+==/==PID==/' < "$BUILD/valgrind_perl.log" > "$OUT/valgrind_perl.txt"
# A truncated XML (the process was killed while valgrind was writing).
head -c 6000 "$OUT/valgrind_leaky.xml" > "$OUT/valgrind_truncated.xml"

# heaptrack: record, then print with the leak section; -d prints the difference between two runs.
(cd "$BUILD" && heaptrack -o heaptrack_leaky ./player_manager > /dev/null 2>&1)
(cd "$BUILD" && heaptrack -o heaptrack_fixed ./player_manager_fixed > /dev/null 2>&1)
heaptrack_print -l 1 -n 50 -f "$BUILD/heaptrack_leaky.zst" | strip_paths > "$OUT/heaptrack_leaky.txt"
heaptrack_print -l 1 -n 50 -f "$BUILD/heaptrack_fixed.zst" | strip_paths > "$OUT/heaptrack_fixed.txt"
heaptrack_print -l 1 -n 50 -d "$BUILD/heaptrack_leaky.zst" -f "$BUILD/heaptrack_fixed.zst" | strip_paths > "$OUT/heaptrack_diff.txt"
# A program not written for this: Debian's git printing the history of a 300-commit repository.
# It exits without freeing what it still holds (its object cache), which heaptrack counts as leaked;
# libc's functions inlined into one another show as frames with `at` and no `in` line.
git init -q "$BUILD/repo"
for i in $(seq 1 300); do
  echo "line $i" >> "$BUILD/repo/history.txt"
  git -C "$BUILD/repo" add history.txt
  git -C "$BUILD/repo" -c user.name=dev -c user.email=dev@example.com commit -q -m "change $i"
done
(cd "$BUILD" && heaptrack -o heaptrack_git git -C repo log -p > /dev/null 2>&1)
heaptrack_print -l 1 -n 10 -f "$BUILD/heaptrack_git.zst" | strip_paths > "$OUT/heaptrack_git_log.txt"

# Allocation event logs written by the in-process trackers (format: docs/alloc.md).
# 24 rounds, 5 ms apart, so that the log has growth over time.
AFTERMATH_ALLOC_LOG="$OUT/events_leaky.jsonl" "$BUILD/player_manager_tracked" 24 5 > /dev/null
AFTERMATH_ALLOC_LOG="$OUT/events_fixed.jsonl" "$BUILD/player_manager_fixed_tracked" 24 5 > /dev/null
AFTERMATH_ALLOC_LOG="$OUT/events_leaky.csv" AFTERMATH_ALLOC_FORMAT=csv "$BUILD/player_manager_tracked" 10 5 > /dev/null
node --expose-gc node_tracker.mjs "$OUT/node_events.jsonl" 20
for f in "$OUT"/events_*.jsonl "$OUT"/events_*.csv "$OUT/node_events.jsonl"; do strip_paths < "$f" > "$f.tmp" && mv "$f.tmp" "$f"; done

# V8 allocation timeline (snapshot with trace_function_infos and trace_tree), gzipped.
node record_heaptimeline.mjs "$BUILD/sessions.heaptimeline" > /dev/null
ROOT=$(cd ../.. && pwd)
sed -e "s|file://$HERE/||g" "$BUILD/sessions.heaptimeline" | strip_paths | sed -e "s|$ROOT|.|g" | gzip -9 > "$OUT/sessions.heaptimeline.gz"
