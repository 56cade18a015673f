// The memory-leak incident's kern.log as plain `dmesg` prints it on each host: the ring buffer's
// own lines, `[seconds since boot] message`, without the journal's wall-clock time, host and
// "kernel:" tag that rsyslog adds. One file per host, as running `dmesg` on each would give.
//
//   node samples/incidents/memory-leak-dmesg/write-dmesg.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const kern = readFileSync(join(here, '..', 'memory-leak', 'kern.log'), 'utf8');
const byHost = new Map();
for (const line of kern.split('\n')) {
  // 2026-03-15T18:30:12.000000+00:00 game-1 kernel: [930612.000058] Out of memory: …
  const m = /^\S+ (\S+) kernel: (\[\s*\d+\.\d+\] .*)$/.exec(line);
  if (!m) continue;
  const [, host, ring] = m;
  // kern.log holds some lines twice (the relay repeated them); the ring buffer holds each once.
  const lines = byHost.get(host) ?? [];
  if (!lines.includes(ring)) lines.push(ring);
  byHost.set(host, lines);
}
for (const [host, lines] of byHost) {
  // dmesg prints the ring buffer in order of its clock.
  lines.sort((a, b) => Number(/[\d.]+/.exec(a)[0]) - Number(/[\d.]+/.exec(b)[0]));
  writeFileSync(join(here, `dmesg-${host}.txt`), `${lines.join('\n')}\n`);
}
