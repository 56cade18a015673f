#!/bin/sh
# Compiles the TypeScript game server with tsc (source maps into js/) and records its heap
# snapshots, one per phase: node 20, Linux.
#   ./record.sh [phases] [playersPerPhase] [outDir]        (defaults: 6 200 ./snapshots)
# `env -i` keeps the shell's environment (tokens, paths) out of the heap and so out of the snapshots.
# The tests run the same node command on the committed js/ into a temporary folder.
set -eu
cd "$(dirname "$0")"
../../../node_modules/.bin/tsc -p tsconfig.json
echo '{"type":"commonjs"}' > js/package.json
out="${3:-snapshots}"
mkdir -p "$out"
env -i PATH=/usr/bin:/bin node --expose-gc js/server.js "${1:-6}" "${2:-200}" "$out"
