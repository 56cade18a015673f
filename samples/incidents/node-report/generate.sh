#!/usr/bin/env bash
# Regenerates the Node diagnostic reports in this folder from a real out-of-memory death of
# session_store.mjs (node v20, Linux). The process runs in a scratch directory; the reports'
# environment variables (this machine's) are emptied but NODE_OPTIONS, and the
# scratch and sample directories are replaced by `.` (scrub-report.mjs).
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
RUN=$(mktemp -d)
trap 'rm -rf "$RUN"' EXIT
cp session_store.mjs "$RUN/"
cd "$RUN"
# V8 stops at its 48 MiB old space and aborts (exit 134); --report-on-fatalerror writes the report
# first. After 1000 sessions the program writes its own report (process.report.writeReport).
node --max-old-space-size=48 --report-on-fatalerror --report-directory=. --report-filename=oom-report.json \
  session_store.mjs 1000 probe-report.json > /dev/null 2>&1 || true
for f in oom-report.json probe-report.json; do
  node "$HERE/scrub-report.mjs" "$f" "$RUN" "$HERE" > "$HERE/$f"
done
