import { describe, expect, it } from 'vitest';
import { bytes } from '../../core/units';
import { InputError } from '../../core/inputError';
import { compileFoldingRules } from '../frameFolding';
import { leakGrowthFinding } from '../analyses/growthFindings';
import { leakGrowth } from '../leakGrowth';
import { leakSites } from '../leakSites';
import { fixture, fixtureText, load, loadEventLog, tempFile } from './fixtures';

const classifier = compileFoldingRules();
const limit = { bytes: bytes(2 * 1024 ** 3), source: 'default' as const };
const count = (text: string, re: RegExp) => text.split('\n').filter((l) => re.test(l)).length;

describe('allocation event log (alloc_tracker.cpp and node_tracker.mjs output)', () => {
  it('streams the C++ tracker JSONL: every event counted, frees matched to allocations', async () => {
    const text = fixtureText('events_leaky.jsonl');
    const { log, complete, notices } = await loadEventLog(fixture('events_leaky.jsonl'));
    expect(complete).toBe(true);
    expect(notices).toEqual([]);
    expect(log.allocs).toBe(count(text, /^\{"type":"alloc"/));
    expect(log.frees + log.unknownFrees).toBe(count(text, /^\{"type":"free"/));
    expect(log.stacks.length).toBe(count(text, /^\{"type":"stack"/));
    // Never-freed memory is what the allocations minus the frees left, per stack.
    const allocated = log.stacks.reduce((s, st) => s + st.allocBytes, 0);
    const unfreed = log.unfreed.records.reduce((s, r) => s + r.bytes, 0);
    expect(unfreed).toBe(log.unfreed.toolTotals.leakedBytes);
    expect(unfreed).toBeLessThan(allocated);
    expect(log.totalLiveBytesSeries[log.totalLiveBytesSeries.length - 1]).toBe(unfreed);
  });

  it('reads the same events written with other key orders and spacing (the JSON.parse path)', async () => {
    const original = (await loadEventLog(fixture('events_leaky.jsonl'))).log;
    const reordered = fixtureText('events_leaky.jsonl')
      .split('\n')
      .filter((l) => l)
      .map((l) => {
        const { type, ...rest } = JSON.parse(l) as Record<string, unknown>;
        return JSON.stringify({ ...Object.fromEntries(Object.entries(rest).reverse()), type }, null, 1).replace(/\n/g, '');
      })
      .join('\n');
    const { log } = await loadEventLog(tempFile('reordered.jsonl', reordered));
    expect(log.allocs).toBe(original.allocs);
    expect(log.frees).toBe(original.frees);
    expect(log.unfreed.toolTotals).toEqual(original.unfreed.toolTotals);
    expect(log.totalLiveBytesSeries).toEqual(original.totalLiveBytesSeries);
  });

  it('reads the compact CSV variant the same tracker writes', async () => {
    const text = fixtureText('events_leaky.csv');
    const { log, complete } = await loadEventLog(fixture('events_leaky.csv'));
    expect(complete).toBe(true);
    expect(log.allocs).toBe(count(text, /^A,/));
    expect(log.frees + log.unknownFrees).toBe(count(text, /^F,/));
    const sites = leakSites(log.unfreed, classifier).map((s) => s.userFrame.fn);
    expect(sites).toContain('ProfileCache::loadProfile[abi:cxx11](int)');
  });

  it('finds steady growth in the leaky run and none in the fixed run', async () => {
    const leaky = leakGrowth((await loadEventLog(fixture('events_leaky.jsonl'))).log, classifier, limit, 8);
    expect(leaky.r2).toBeGreaterThan(0.9);
    expect(leaky.bytesPerHour).toBeGreaterThan(0);
    expect(leaky.hoursToLimit).toBeGreaterThan(0);
    expect(leaky.timesMs.length).toBe(leaky.totalLiveBytes.length);
    const growing = leaky.sites.filter((s) => s.r2 > 0.9 && s.bytesPerHour > 0).map((s) => s.objectType);
    expect(growing).toEqual(expect.arrayContaining(['Player', 'Inventory', 'std::string']));
    expect(leakGrowthFinding(leaky, 'events_leaky.jsonl')?.category).toBe('memory-growth');

    const fixed = leakGrowth((await loadEventLog(fixture('events_fixed.jsonl'))).log, classifier, limit, 8);
    expect(leakGrowthFinding(fixed, 'events_fixed.jsonl')).toBeUndefined();
  });

  it('groups the Node tracker log by the JavaScript call site', async () => {
    const { log } = await loadEventLog(fixture('node_events.jsonl'));
    const [top] = leakSites(log.unfreed, classifier);
    expect(top.key).toBe('openSession node_tracker.mjs:50');
    expect(top.userFrame.col).toBe(19);
    expect(log.frees).toBeGreaterThan(0);
  });

  it('counts lines it does not understand and marks a log cut mid-line as incomplete', async () => {
    const lines = fixtureText('events_leaky.jsonl').split('\n').filter((l) => l);
    const broken = [...lines.slice(0, 100), 'not json', '{"type":"alloc","ptr":"zz"}', ...lines.slice(100, -1), lines[lines.length - 1].slice(0, 20)].join('\n');
    const { complete, notices } = await load(tempFile('broken.jsonl', broken));
    expect(complete).toBe(false);
    expect(notices[0].message).toBe('3 lines not understood, first at line 101');
    expect(notices.map((n) => n.message)).toContain('the last line is incomplete: the log was cut off while being written');
  });

  it('groups the counts in its notices as every other output does (1,204, not 1 204)', async () => {
    const lines = fixtureText('events_leaky.jsonl').split('\n').filter((l) => l);
    const broken = [...lines, ...Array.from({ length: 1204 }, () => 'not json')].join('\n');
    const { notices } = await load(tempFile('many-broken.jsonl', broken));
    expect(notices[0].message).toBe(`1,204 lines not understood, first at line ${lines.length + 1}`);
  });

  it('refuses an event log with an LSan report appended', async () => {
    const mixed = fixtureText('events_fixed.jsonl') + fixtureText('lsan_fixed.txt');
    await expect(load(tempFile('mixed.jsonl', mixed))).rejects.toThrow(InputError);
    await expect(load(tempFile('mixed.jsonl', mixed))).rejects.toThrow(/mixes formats: an allocation event log with LeakSanitizer report/);
  });

  it('keeps memory bounded by live allocations: a long log with a small live set holds few slots', async () => {
    // Synthetic on purpose: 200 000 events cycling through 50 live addresses.
    const out = ['{"type":"meta","format":"aftermath-alloc-events","version":1,"tsUnit":"us"}', '{"type":"stack","id":1,"frames":["malloc","work() a.cpp:1"]}'];
    for (let i = 0; i < 100_000; i++) {
      const ptr = `0x${(0x1000 + (i % 50) * 16).toString(16)}`;
      out.push(`{"type":"alloc","ptr":"${ptr}","size":32,"ts":${2 * i},"thread":1,"stack":1}`, `{"type":"free","ptr":"${ptr}","ts":${2 * i + 1},"thread":1}`);
    }
    const { log } = await loadEventLog(tempFile('long.jsonl', out.join('\n')));
    expect(log.events).toBe(200_000);
    expect(log.peakLiveBytes).toBe(32);
    expect(log.totalLiveBytesSeries.length).toBeLessThanOrEqual(256);
    expect(log.unfreed.records).toEqual([]);
  });
});
