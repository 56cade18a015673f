#!/usr/bin/env bash
# Regenerates samples/gate/fixtures/: the memory evidence of two builds of the same programs, for
# `aftermath gate` (Debian 12: g++ 12.2, valgrind 3.19, heaptrack 1.4.0, node 20).
#
#   baseline/         the repaired builds: player_manager.cpp -DFIXED (it still leaks its config and
#                     one packet at exit) and game_server.mjs --fixed
#   candidate/        the leaky builds: player_manager.cpp as is (owning shared_ptr cycles, an
#                     unbounded profile cache). The leaky game server's snapshots are not copied:
#                     they are ../heap/game-{1,3}-*.heapsnapshot.gz (same program, same 300 sessions
#                     per phase), which the tests add to this side.
#   candidate-fixed/  the repaired builds run again: the pull request that leaks nothing new
#
# Per side: one LeakSanitizer report, one Valgrind memcheck XML, one heaptrack_print report (these
# tools are deterministic here: the same build leaks the same bytes), three allocation event logs of
# the in-process tracker (repeated runs: their leak rates depend on the timing, which is what the
# gate's noise test is for) and, for the fixed game server, the first and last of its three heap
# snapshots. Absolute paths are stripped as in ../alloc/generate.sh and ../heap/game_server.mjs.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
ALLOC=$(cd ../alloc && pwd)
OUT=$HERE/fixtures
BUILD=$(mktemp -d)
trap 'rm -rf "$BUILD"' EXIT
strip_paths() { sed -e "s|$BUILD/||g" -e "s|$BUILD|.|g" -e "s|$ALLOC/||g" -e "s|$ALLOC|.|g" -e "s|$HERE/||g" -e "s|$HERE|.|g"; }

CXXFLAGS=(-std=c++17 -g -O0 -fdebug-prefix-map="$ALLOC"=.)
BT=(-I/usr/lib/gcc/x86_64-linux-gnu/12/include -L/usr/lib/gcc/x86_64-linux-gnu/12 -lbacktrace)
build() { # suffix, extra flags…
  local suffix=$1; shift
  g++ "${CXXFLAGS[@]}" "$@" -fsanitize=address "$ALLOC/player_manager.cpp" -o "$BUILD/pm$suffix-asan"
  g++ "${CXXFLAGS[@]}" "$@" "$ALLOC/player_manager.cpp" -o "$BUILD/pm$suffix"
  # The tracker goes first on the link line (see alloc_tracker.cpp).
  g++ "${CXXFLAGS[@]}" "$@" "$ALLOC/alloc_tracker.cpp" "$ALLOC/player_manager.cpp" -o "$BUILD/pm$suffix-tracked" "${BT[@]}"
}
build _fixed -DFIXED
build _leaky

capture() { # side, build suffix
  local dir=$OUT/$1 bin=$BUILD/pm$2
  mkdir -p "$dir"
  # LeakSanitizer exits with 23 when it finds leaks.
  ("$bin-asan" 8 || true) 2>&1 | strip_paths > "$dir/lsan.txt"
  valgrind --leak-check=full --show-leak-kinds=all --xml=yes --xml-file="$BUILD/vg.xml" "$bin" 8 > /dev/null
  strip_paths < "$BUILD/vg.xml" > "$dir/valgrind.xml"
  (cd "$BUILD" && rm -f ht.zst && heaptrack -o ht "$bin" 8 > /dev/null 2>&1)
  heaptrack_print -l 1 -n 50 -f "$BUILD/ht.zst" | strip_paths > "$dir/heaptrack.txt"
  for run in 1 2 3; do
    AFTERMATH_ALLOC_LOG="$BUILD/events.jsonl" "$bin-tracked" 24 5 > /dev/null
    strip_paths < "$BUILD/events.jsonl" | gzip -9n > "$dir/events_$run.jsonl.gz"
  done
}

# game_server.mjs replaces its own folder and the repository's path; the output folder and the
# repository's parent folders (node's module lookup keeps them) are replaced here.
ANCESTORS=()
dir=$(cd ../.. && pwd); while [ "$dir" != / ]; do dir=$(dirname "$dir"); [ "$dir" != / ] && ANCESTORS+=(-e "s|\"$dir\"|\"<parent>\"|g"); done
snapshots() { # side: the fixed game server's first and last snapshot
  (cd ../heap && env -i PATH=/usr/bin:/bin node --expose-gc game_server.mjs 300 "$BUILD/heap" --fixed > /dev/null)
  for n in 1-baseline 3-final; do
    zcat "$BUILD/heap/game-$n.heapsnapshot.gz" | sed -e "s|$BUILD/heap|.|g" "${ANCESTORS[@]}" | gzip -9n > "$OUT/$1/game-fixed-$n.heapsnapshot.gz"
  done
  rm -rf "$BUILD/heap"
}

rm -rf "$OUT"
capture baseline _fixed
capture candidate _leaky
capture candidate-fixed _fixed
snapshots baseline
snapshots candidate-fixed
ls -l "$OUT"/*/
