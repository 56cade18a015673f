// A match-history service for the heap-profile trend fixtures: every finished match is recorded
// with its scoreboard. The leaky build keeps every match forever; the bounded one keeps the last
// 4,000 (a ring that fills during the first captures, then holds). Between rounds of matches the
// process takes its own sampling heap profile through the inspector (HeapProfiler.getSamplingProfile,
// what DevTools' "Allocation sampling" shows), so the captures are of one process, one sampling
// session: V8 numbers the samples (`ordinal`) across all of them. See generate-profiles.sh.
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

const [mode = 'leaky', capturesArg = '5', roundArg = '1500', outPrefix = 'matches'] = process.argv.slice(2);
const history = [];
const RING = 4000;

function scoreboard(matchId) {
  const rows = [];
  for (let p = 0; p < 10; p++) rows.push({ player: `player-${(matchId * 7 + p) % 5000}`, kills: p, deaths: 10 - p });
  return rows;
}

function recordMatch(matchId) {
  history.push({ matchId, endedAt: Date.now(), board: scoreboard(matchId) });
  if (mode === 'bounded' && history.length > RING) history.shift();
}

function playRound(first, count) {
  for (let id = first; id < first + count; id++) {
    const summary = JSON.stringify({ id }); // short-lived: sampled, then collected
    recordMatch(id);
    if (!summary) throw new Error('unreachable');
  }
}

const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', { samplingInterval: 8192 });
const perRound = Number(roundArg);
for (let k = 1; k <= Number(capturesArg); k++) {
  playRound((k - 1) * perRound, perRound);
  globalThis.gc?.();
  const { profile } = await session.post('HeapProfiler.getSamplingProfile');
  writeFileSync(`${outPrefix}_${mode}_${k}.heapprofile`, JSON.stringify(profile));
}
await session.post('HeapProfiler.stopSampling');
session.disconnect();
