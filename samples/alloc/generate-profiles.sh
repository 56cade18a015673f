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
