import { describe, expect, it } from 'vitest';
import { compileLockFolding } from '../folding';
import { inputFindings } from '../index';
import { parseLockStatsJson, sniffLockStatsJson } from '../lockStatsJson';
import { summarize } from '../summary';
import { fixtureText } from './fixtures';

interface Exported {
  durationMs: number;
  locks: { name: string; acquisitions: number; contended: number; waitTotalNs: number; callers: { function: string; contended: number; waitTotalNs: number }[] }[];
}

const load = (mode: 'coarse' | 'sharded') => {
  const name = `lock_stats_${mode}.json`;
  const text = fixtureText(name);
  return { text, raw: JSON.parse(text) as Exported, input: { ...parseLockStatsJson(name, text), file: name, formatId: 'aftermath-lock-stats' } };
};

describe('lock-stats JSON exported by the instrumented inventory server', () => {
  it('reads every lock and caller with the numbers the program wrote', () => {
    for (const mode of ['coarse', 'sharded'] as const) {
      const { raw, input } = load(mode);
      expect(input.artifact.byLock.map((l) => l.label)).toEqual(raw.locks.map((l) => l.name));
      input.artifact.byLock.forEach((l, i) => {
        expect(l).toMatchObject({ acquired: raw.locks[i].acquisitions, contended: raw.locks[i].contended, waitTotalNs: raw.locks[i].waitTotalNs });
        expect(l.callers.map((c) => [c.label, c.count, c.waitTotalNs])).toEqual(raw.locks[i].callers.map((c) => [c.function, c.contended, c.waitTotalNs]));
      });
      expect(input.artifact.spanNs).toBe(raw.durationMs * 1e6);
      expect(input.artifact.window?.endMs).toBe((input.artifact.window?.startMs ?? 0) + raw.durationMs);
    }
  });

  it('diagnoses the coarse run: the global mutex taken before the per-inventory mutexes, to be dropped or sharded', () => {
    const { input } = load('coarse');
    const summary = summarize(input, compileLockFolding());
    const findings = inputFindings(summary, { storms: [] }, 0);
    const global = findings.find((f) => f.analysis === 'locks.global-before-object-locks');
    expect(global?.title).toMatch(/g_inventoriesMutex is taken before per-object locks \(Inventory::mutex\)/);
    expect(findings.find((f) => f.analysis === 'locks.shard-by-key')?.paths.map((p) => p.steps[0]).sort()).toEqual(['addItem', 'removeItem', 'transferItem']);
    for (const f of findings) {
      expect(f.category).toBe('lock-contention');
      expect(f.window?.startMs).toBe(input.artifact.window?.startMs);
    }
  });

  it('does not suggest sharding the per-inventory mutexes of the fixed run: they are already one per object', () => {
    const { input } = load('sharded');
    const findings = inputFindings(summarize(input, compileLockFolding()), { storms: [] }, 0);
    expect(findings.some((f) => f.analysis === 'locks.shard-by-key')).toBe(false);
    expect(findings.some((f) => f.analysis === 'locks.global-before-object-locks')).toBe(false);
  });

  it('sniffs the format by its marker, whatever the file is called', () => {
    expect(sniffLockStatsJson(load('coarse').text)).toBe(true);
    expect(sniffLockStatsJson('{"format": "something-else"}')).toBe(false);
  });
});

describe('lock-stats JSON: bad input names the field', () => {
  const base = () => JSON.parse(fixtureText('lock_stats_coarse.json')) as Record<string, unknown> & Exported;

  it('a negative wait', () => {
    const doc = base();
    doc.locks[0].callers[1].waitTotalNs = -5;
    expect(() => parseLockStatsJson('stats.json', JSON.stringify(doc))).toThrow(/stats\.json: locks\[0\]\.callers\[1\]\.waitTotalNs must be a non-negative number/);
  });

  it('more contended than acquired', () => {
    const doc = base();
    doc.locks[1].contended = doc.locks[1].acquisitions + 1;
    expect(() => parseLockStatsJson('stats.json', JSON.stringify(doc))).toThrow(/locks\[1\]\.contended .* exceeds acquisitions/);
  });

  it('a file cut before its first whole lock record (one cut later yields the records before the cut)', () => {
    const text = fixtureText('lock_stats_coarse.json');
    expect(() => parseLockStatsJson('cut.json', text.slice(0, 300))).toThrow(/cut\.json: is cut before its first complete lock record: nothing to read \(line 8, byte offset 300\)/);
  });
});
