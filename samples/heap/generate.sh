#!/bin/sh
# Regenerates the committed heap snapshots of the game-server incident (node 20, Linux).
# `env -i` keeps the shell's environment (tokens, paths) out of the heap and so out of the snapshots.
set -eu
cd "$(dirname "$0")"
env -i PATH=/usr/bin:/bin node --expose-gc game_server.mjs 300 .
