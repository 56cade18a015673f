import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../analyzers/app/api/appApi';
import type { CaseResult } from '../../analyzers/case/caseResult';
import { WindowJobs } from '../main/windowJobs';
import { FakeRunner } from './fakeRunner';

const resultNamed = (analyzedAt: string) => ({ analyzedAt }) as CaseResult;

function setup() {
  const runner = new FakeRunner();
  const delivered: [number, JobEvent][] = [];
  const jobs = new WindowJobs(runner, (owner, event) => delivered.push([owner, event]));
  return { runner, delivered, jobs };
}

describe('WindowJobs (which window owns which analysis)', () => {
  it('delivers each job’s events to the window that started it, and keeps its result for export', () => {
    const { runner, delivered, jobs } = setup();
    const a = jobs.start(1, ['/a']);
    const b = jobs.start(2, ['/b']);
    runner.emit({ type: 'result', jobId: b, result: resultNamed('b') });
    runner.emit({ type: 'error', jobId: a, message: 'bad input' });
    runner.emit({ type: 'cancelled', jobId: 'job-unknown' });
    expect(delivered).toEqual([
      [2, { type: 'result', jobId: b, result: resultNamed('b') }],
      [1, { type: 'error', jobId: a, message: 'bad input' }],
    ]);
    expect(jobs.result(2, b)).toEqual(resultNamed('b'));
    expect(jobs.result(1, b)).toBeUndefined();
    expect(jobs.latest(2)?.jobId).toBe(b);
  });

  it('cancels a window’s running job when it starts the next one (the UI re-analyzes the whole case)', () => {
    const { runner, jobs } = setup();
    const first = jobs.start(1, ['/a']);
    const other = jobs.start(2, ['/x']);
    jobs.start(1, ['/a', '/b']);
    expect(runner.cancelled).toEqual([first]);
    expect(runner.cancelled).not.toContain(other);
  });

  it('accepts a late cancel of a finished job without forwarding it, and refuses other windows’ jobs', () => {
    const { runner, jobs } = setup();
    const a = jobs.start(1, ['/a']);
    runner.emit({ type: 'result', jobId: a, result: resultNamed('a') });
    expect(jobs.cancel(1, a)).toBe(true);
    expect(jobs.cancel(2, a)).toBe(false);
    expect(runner.cancelled).toEqual([]);
  });

  it('keeps the last three results of a window and drops everything when it closes', () => {
    const { runner, jobs } = setup();
    const ids = [1, 2, 3, 4].map((n) => {
      const id = jobs.start(1, [`/${n}`]);
      runner.emit({ type: 'result', jobId: id, result: resultNamed(String(n)) });
      return id;
    });
    expect(jobs.result(1, ids[0])).toBeUndefined();
    expect(jobs.result(1, ids[3])).toEqual(resultNamed('4'));
    const running = jobs.start(1, ['/5']);
    jobs.forget(1);
    expect(runner.cancelled).toEqual([running]);
    expect(jobs.latest(1)).toBeUndefined();
    expect(jobs.cancel(1, running)).toBe(false);
  });
});
