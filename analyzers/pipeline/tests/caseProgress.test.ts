import { describe, expect, it } from 'vitest';
import type { Progress } from '../../core/progress';
import { CaseProgress } from '../caseProgress';

const event = (file: string, phase: string, percent: number): Progress => ({ file, phase, done: percent, total: 100, percent });

describe('CaseProgress: one overall percentage over every file and phase of a case', () => {
  it('fills each step by its weight, runs from 0 to 100 and never goes back when a phase starts again at 0', () => {
    const seen: number[] = [];
    const progress = new CaseProgress((p) => seen.push(Math.round(p.overallPercent ?? -1)));
    progress.plan('load a', 300);
    progress.plan('load b', 100);
    progress.planAnalysis('analyze heap', 400); // a quarter of its inputs: 100
    const a = progress.step('load a');
    const b = progress.step('load b');
    a(event('a', 'parsing nodes', 50)); // 150 of 500
    b(event('b', 'parsing nodes', 100)); // 250
    a(event('a', 'dominators', 0)); // a phase that counts from 0 again: the step stays at 50 %
    a(event('a', 'summary', 100)); // 400
    progress.step('analyze heap')(event('b', 'cycles', 100)); // 500
    expect(seen).toEqual([30, 50, 50, 80, 100]);
  });

  it('keeps the file, phase and percent of the step it forwards', () => {
    const seen: Progress[] = [];
    const progress = new CaseProgress((p) => seen.push(p));
    progress.plan('load a', 10);
    progress.plan('load b', 30);
    progress.step('load a')(event('a.heapsnapshot', 'parsing edges', 40));
    expect(seen).toEqual([{ file: 'a.heapsnapshot', phase: 'parsing edges', done: 40, total: 100, percent: 40, overallPercent: 10 }]);
  });
});
