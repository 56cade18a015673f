import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../core/finding';
import type { LoadedInput } from '../../ingest/capability';
import { mergeFindings } from '../../report/mergeFindings';
import type { HeapSnapshot } from '../heapSnapshot';
import { analyzeHeapSnapshots } from '../index';
import type { HeapView } from '../view';
import { loadFile, quietContext, recordTsGameServer, TS_GAME } from './fixtures';

const PHASES = 6;
const PLAYERS_PER_PHASE = 200;
/** The server remembers a match for every second player, in a cache of this many (read from its source). */
const CACHE_CAPACITY = Number(/new MatchCache\((\d+)\)/.exec(readFileSync(join(TS_GAME, 'src/server.ts'), 'utf8'))![1]);

describe('class trends over six snapshots of the TypeScript game server', () => {
  let inputs: LoadedInput<HeapSnapshot>[];
  let view: HeapView;
  let findings: Finding[];
  beforeAll(async () => {
    inputs = await Promise.all(recordTsGameServer(PHASES, PLAYERS_PER_PHASE).map(loadFile));
    // Given newest first: the order comes from the snapshots' own object ids, not from the file list.
    ({ view, findings } = await analyzeHeapSnapshots([...inputs].reverse(), quietContext()));
  }, 180_000);

  it('Player grows by one phase of players per snapshot, monotonic in every snapshot, and a line explains it', () => {
    expect(view.classTrends!.snapshots).toEqual(inputs.map((i) => i.file));
    const player = view.classTrends!.classes.find((c) => c.className === 'Player')!;
    expect(player.count.values).toEqual(Array.from({ length: PHASES }, (_, i) => (i + 1) * PLAYERS_PER_PHASE));
    expect(player.count.slopePerCapture).toBeCloseTo(PLAYERS_PER_PHASE, 6);
    expect(player.count.r2).toBeCloseTo(1, 6);
    expect(player.count.monotonicCaptures).toBe(PHASES);
    expect(player.count.shape).toBe('growing');
    const trend = findings.find((f) => f.analysis === 'heap.trends' && f.subject?.population === 'Player')!;
    expect(trend.evidence.find((e) => e.label === 'trend')?.value).toBe(`Player +${PLAYERS_PER_PHASE} per snapshot, monotonic in ${PHASES} of ${PHASES}, R² 1.00`);
  });

  it('the bounded match cache rises, then holds its size: a plateau, not a finding', () => {
    const cached = view.classTrends!.classes.find((c) => c.className === 'MatchResult')!;
    const expected = Array.from({ length: PHASES }, (_, i) => Math.min(CACHE_CAPACITY, ((i + 1) * PLAYERS_PER_PHASE) / 2));
    expect(cached.count.values).toEqual(expected);
    expect(cached.count.shape).toBe('plateau');
    expect(findings.some((f) => f.analysis === 'heap.trends' && f.title.startsWith('MatchResult'))).toBe(false);
  });

  it('the trend joins the leak finding that holds the class\'s growth when the findings are merged', () => {
    const merged = mergeFindings(findings).findings;
    const leak = merged.find((f) => f.analysis === 'heap.leaks' && f.title.includes('Player objects'))!;
    expect(leak.evidence.some((e) => e.label === 'also seen by heap.trends' && String(e.value).startsWith('Player +'))).toBe(true);
    expect(merged.some((f) => f.analysis === 'heap.trends' && f.title.startsWith('Player'))).toBe(false);
  });
});
