#!/usr/bin/env bash
# Regenerates the V8 sampling heap profiles (node --heap-prof) and the Go pprof profiles in
# fixtures/ from the programs beside this script (node v20, go 1.19, standard library only).
# Absolute paths are stripped: the scratch directory and this directory become `.`.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
OUT=$HERE/fixtures
RUN=$(mktemp -d)
trap 'rm -rf "$RUN"' EXIT
strip_paths() { sed -e "s|file://$RUN/|file://./|g" -e "s|$RUN/||g" -e "s|$HERE/||g"; }

# Node writes the profile at exit; the sampling interval is lowered from 512 KiB to 4 KiB so that a
# small program gets enough samples. --expose-gc: the program collects garbage before it exits.
cp session_cache.mjs "$RUN/"
for mode in leaky fixed; do
  (cd "$RUN" && node --expose-gc --heap-prof --heap-prof-interval=4096 --heap-prof-dir=. --heap-prof-name="sessions_$mode.heapprofile" session_cache.mjs "$mode" 8000)
  strip_paths < "$RUN/sessions_$mode.heapprofile" | gzip -9 -n > "$OUT/sessions_$mode.heapprofile.gz"
done

# Six captures of one process each for the trends over N heap profiles: the process samples its own
# heap through the inspector after every round of matches (match_history.mjs). --no-turbo-inlining:
# once TurboFan inlines scoreboard() into its callers, V8 books its allocations to the caller, and a
# site would seem to move from one function to another between captures.
cp match_history.mjs "$RUN/"
for mode in leaky bounded; do
  (cd "$RUN" && node --expose-gc --no-turbo-inlining match_history.mjs "$mode" 6 1500 matches)
  for k in 1 2 3 4 5 6; do strip_paths < "$RUN/matches_${mode}_$k.heapprofile" | gzip -9 -n > "$OUT/matches_${mode}_$k.heapprofile.gz"; done
done

# Go: the program writes its heap, mutex and block profiles with runtime/pprof (what
# /debug/pprof/{heap,mutex,block} serve); built with -trimpath, the binary's path in the profiles'
# mappings stripped. The heap profile feeds the allocation views, mutex and block the lock views.
cp inventory_service.go "$RUN/"
(cd "$RUN" && GOFLAGS=-mod=mod GOCACHE="$RUN/gocache" go build -trimpath -o inventory_service inventory_service.go && ./inventory_service .)
node strip-pprof-paths.mjs "$RUN/heap.pb.gz" "$OUT/inventory_heap.pb.gz" "$RUN"
node strip-pprof-paths.mjs "$RUN/mutex.pb.gz" "$HERE/../locks/fixtures/inventory_mutex.pb.gz" "$RUN"
node strip-pprof-paths.mjs "$RUN/block.pb.gz" "$HERE/../locks/fixtures/inventory_block.pb.gz" "$RUN"
# The same profiles in the legacy text form (?debug=1), and `go tool pprof -raw` of each: the
# reference figures (un-sampled counts, bytes, nanoseconds) the readers are checked against.
raw() { (cd "$RUN" && go tool pprof -raw "$1" 2>/dev/null) | sed -n '/^Samples:/,/^Locations/p'; }
cp "$RUN/heap.txt" "$OUT/inventory_heap.txt"
cp "$RUN/mutex.txt" "$HERE/../locks/fixtures/inventory_mutex.txt"
cp "$RUN/block.txt" "$HERE/../locks/fixtures/inventory_block.txt"
for p in heap mutex block; do
  dir=$OUT; [ "$p" = heap ] || dir=$HERE/../locks/fixtures
  raw "$p.pb.gz" > "$dir/inventory_$p.pb.pprof-raw.txt"
  raw "$p.txt" > "$dir/inventory_$p.txt.pprof-raw.txt"
done
