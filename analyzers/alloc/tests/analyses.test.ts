import { copyFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { compareRuns } from '../compareRuns';
import { compileFoldingRules, DEFAULT_FOLDING_RULES } from '../frameFolding';
import { leakSites } from '../leakSites';
import { ALLOC_ANALYSES } from '../analyses';
import { referenceCycleFinding } from '../analyses/referenceCycleFindings';
import { ALLOC_ANALYSIS_IDS } from '../analysisIds';
import { findReferenceCycle } from '../referenceCycles';
import { fixture, loadReport, tempFile } from './fixtures';

const classifier = compileFoldingRules();

describe('reference-cycle signature', () => {
  it('reads LSan indirect-only leaks as a cycle of Player, Inventory and the self-capturing lambda', async () => {
    const { report } = await loadReport('lsan_leaky.txt');
    const cycle = findReferenceCycle(report, classifier);
    expect(cycle?.signature).toBe('lsan-indirect-only');
    expect(cycle?.types.slice(0, 3)).toEqual(['Player', 'Inventory', 'std::function holding PlayerManager::addPlayer(…)::{lambda()#1}']);
    expect(cycle?.functions.sort()).toEqual(['PlayerManager::addPlayer', 'PlayerManager::befriend']);
    // loadConfig's buffer is indirect too, but owned by the Config leaked directly in the same function.
    expect(cycle?.siteKeys.some((k) => k.startsWith('loadConfig'))).toBe(false);
    const indirect = report.records.filter((r) => r.kind === 'indirect' && !r.frames.some((f) => f.fn === 'loadConfig()'));
    expect(cycle?.bytes).toBe(indirect.reduce((s, r) => s + r.bytes, 0));

    const finding = referenceCycleFinding(cycle!, leakSites(report, classifier), classifier, 'lsan_leaky.txt', 0);
    expect(finding.category).toBe('circular-reference');
    expect(finding.title).toMatch(/^Ownership cycle \(LeakSanitizer\): Player, Inventory/);
    expect(finding.suggestedFix).toMatch(/std::weak_ptr instead of std::shared_ptr/);
    expect(finding.suggestedFix).toMatch(/capture a std::weak_ptr/);
  });

  it('finds no cycle once friends are weak_ptr and the lambda captures a weak_ptr', async () => {
    expect(findReferenceCycle((await loadReport('lsan_fixed.txt')).report, classifier)).toBeUndefined();
  });

  it('does not guess a cycle from unsymbolized frames', async () => {
    expect(findReferenceCycle((await loadReport('lsan_unsymbolized.txt')).report, classifier)).toBeUndefined();
  });
});

describe('frame folding', () => {
  it('is configurable: folding the PlayerManager class moves its sites to main', async () => {
    const { report } = await loadReport('lsan_leaky.txt');
    const custom = compileFoldingRules({ ...DEFAULT_FOLDING_RULES, functionPrefixes: [...DEFAULT_FOLDING_RULES.functionPrefixes, 'PlayerManager::'] });
    const [top] = leakSites(report, custom);
    expect(top.userFrame.fn).toBe('main');
    expect(top.bytes).toBeGreaterThan(leakSites(report, classifier)[0].bytes);
  });
});

describe('comparison of two runs', () => {
  it('shows the cycle sites gone after the fix and the plain leaks unchanged', async () => {
    const before = leakSites((await loadReport('lsan_leaky.txt')).report, classifier);
    const after = leakSites((await loadReport('lsan_fixed.txt')).report, classifier);
    const c = compareRuns({ file: 'lsan_leaky.txt', sites: before }, { file: 'lsan_fixed.txt', sites: after }, classifier);
    const change = (fn: string) => c.sites.filter((s) => s.key.startsWith(fn)).map((s) => s.change);
    expect(new Set(change('PlayerManager::'))).toEqual(new Set(['disappeared']));
    expect(change('readPacket()')).toEqual(['unchanged']);
    expect(c.afterBytes).toBe(784);
  });
});

describe('alloc capability through the case pipeline', () => {
  it('detects formats by content, not extension, and reports the cycle, the growth and the comparison', async () => {
    const renamed = tempFile('report.bin', '');
    copyFileSync(fixture('lsan_leaky.txt'), renamed);
    const result = await runCase([renamed, fixture('lsan_fixed.txt'), fixture('events_leaky.jsonl'), fixture('valgrind_leaky.xml')], { onProgress: () => {}, signal: new AbortController().signal });
    expect(result.failures).toEqual([]);
    expect(result.inputs.map((i) => i.formatId)).toEqual(['alloc.lsan', 'alloc.lsan', 'alloc.event-log', 'alloc.valgrind-xml']);
    // One program's ownership cycle, seen by LeakSanitizer and Valgrind and growing in its event log: one finding.
    const cycles = result.findings.filter((f) => f.category === 'circular-reference');
    expect(cycles).toHaveLength(1);
    expect(cycles[0].sources).toEqual(expect.arrayContaining(['report.bin', 'valgrind_leaky.xml', 'events_leaky.jsonl']));
    expect(cycles[0].impact.growth?.timeBase).toBe('allocation-log');
    expect(result.findings.filter((f) => f.category === 'memory-growth')).toEqual([]);
    const view = result.views.alloc!;
    expect(view.comparisons).toHaveLength(1);
    expect(view.reports[0].sites[0].inCycle).toBe(true);
    expect(view.reports[0].sites[0].stack[0].folded).toBe(true);
    expect(view.reports[2].growth?.sites.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });
});

describe('the alloc analyses', () => {
  it('are listed once each, under the ids the renderer tells alloc findings by', () => {
    const ids = ALLOC_ANALYSES.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...ALLOC_ANALYSIS_IDS].sort());
  });
});
