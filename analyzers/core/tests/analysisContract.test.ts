import { describe, expect, it } from 'vitest';
import { runAnalyses, type DueAnalysis } from '../analysisContract';

const finding = (id: string) => ({ id, analysis: id }) as never;
const ctx = () => ({ file: 'f', signal: new AbortController().signal, onProgress: () => undefined });

describe('runAnalyses', () => {
  it('runs a background analysis while the ones after it run, and keeps the findings and views in list order', async () => {
    let heard: (word: string) => void = () => undefined;
    const word = new Promise<string>((resolve) => (heard = resolve));
    const due: DueAnalysis<{ a?: string; b?: string; c?: string }>[] = [
      { phase: 'a', weight: 1, run: () => ({ findings: [finding('a')], view: { a: 'a' } }) },
      // Ends only when a later analysis has run: waiting for it in place would never end.
      { phase: 'b', weight: 1, background: true, run: async () => ({ findings: [finding('b')], view: { b: await word } }) },
      { phase: 'c', weight: 1, run: () => (heard('said by c'), { findings: [finding('c')], view: { c: 'c' } }) },
    ];
    const { findings, view } = await runAnalyses(due, ctx());
    expect(findings.map((f) => f.id)).toEqual(['a', 'b', 'c']);
    expect(view).toEqual({ a: 'a', b: 'said by c', c: 'c' });
  });

  it('passes the signal to each run and reports a background failure as the run’s failure', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const due: DueAnalysis<object>[] = [
      { phase: 'x', weight: 1, background: true, run: async ({ signal }) => (signals.push(signal), Promise.reject(new Error('thread died'))) },
      { phase: 'y', weight: 1, run: ({ signal }) => (signals.push(signal), { findings: [] }) },
    ];
    const c = ctx();
    await expect(runAnalyses(due, c)).rejects.toThrow('thread died');
    expect(signals).toEqual([c.signal, c.signal]);
  });
});
