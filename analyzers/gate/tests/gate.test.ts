import { readdirSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../case/caseResult';
import { runCase } from '../../pipeline/runCase';
import { quietContext } from '../../ingest/tests/loadForTest';
import { buildReport } from '../../report/buildReport';
import { gateAnnotations } from '../../report/githubActions';
import { jsonReport } from '../../report/jsonReport';
import { markdownReport } from '../../report/markdownReport';
import { gateJUnit } from '../../report/junitXml';
import { compareCases } from '../compareCases';
import { judgeFigure } from '../judgeFigure';
import { DEFAULT_ALPHA, DEFAULT_LIMITS, parseGateConfig, parseLimitList } from '../limits';
import { studentTCdf, welchWorseBy } from '../welchTest';
import type { GateFigure, GateResult } from '../../case/saved/regression';
import { formatFigure, regressionSection } from '../../report/regressionSection';

const FIXTURES = join(__dirname, '../../../samples/loadtest/fixtures');
const side = (name: string, prefix: RegExp) => readdirSync(join(FIXTURES, name)).filter((f) => prefix.test(f)).map((f) => join(FIXTURES, name, f));
const analyze = (files: string[]) => runCase(files, quietContext());
const WRK_AND_LOCKS = /^(wrk_|lock_stats_)/;

describe('gate on real runs (samples/loadtest: sharded baseline, store-wide-lock candidate, the baseline measured again)', () => {
  let baseline: CaseResult;
  let candidate: CaseResult;
  let rerun: CaseResult;
  beforeAll(async () => {
    [baseline, candidate, rerun] = await Promise.all([analyze(side('baseline', WRK_AND_LOCKS)), analyze(side('candidate', WRK_AND_LOCKS)), analyze(side('baseline-rerun', WRK_AND_LOCKS))]);
  });

  it('fails the store-wide lock: successful requests per second fell far past the limit and beyond the three runs’ spread', () => {
    const gate = compareCases(baseline, candidate);
    expect(gate.verdict).toBe('fail');
    const regressed = gate.figures.filter((f) => f.status === 'regressed');
    expect(regressed.some((f) => f.limitKey === 'throughput')).toBe(true);
    for (const f of regressed) {
      expect(f.worseBy).toBeGreaterThan(f.limit);
      expect(f.test!.p).toBeLessThan(DEFAULT_ALPHA);
      expect(f.baseline).toHaveLength(3);
    }
    expect(gate.lockComparison?.before).toBe('lock_stats_1.json');
  });

  it('passes the same build measured again: what moved past 10 % stayed within the runs’ spread', () => {
    const gate = compareCases(baseline, rerun);
    expect(gate.verdict).toBe('pass');
    const beyond = gate.figures.filter((f) => f.worseBy > f.limit);
    expect(beyond.length).toBeGreaterThan(0); // the shared machine is noisy: the test is what passes them
    for (const f of beyond) expect(f.status).toBe('noise');
  });

  it('without repeated runs the limit alone decides, and the output says there was no spread to test', async () => {
    const one = await analyze(side('baseline', /^wrk_1/));
    const other = await analyze(side('candidate', /^wrk_1/));
    const gate = compareCases(one, other);
    const regressed = gate.figures.filter((f) => f.status === 'regressed');
    expect(regressed.length).toBeGreaterThan(0);
    for (const f of regressed) expect(f.reason).toMatch(/one run per side, so no spread to test against/);
  });

  it('passes once the limits are wider than the change', () => {
    const limits = Object.fromEntries(Object.keys(DEFAULT_LIMITS).map((k) => [k, k === 'errors' ? 100 : 1000])) as typeof DEFAULT_LIMITS;
    expect(compareCases(baseline, candidate, { limits, alpha: DEFAULT_ALPHA }).verdict).toBe('pass');
  });

  it('the gated report holds the regression section, valid against the report schema', () => {
    const gate = compareCases(baseline, candidate);
    const report = buildReport({ ...candidate, views: { ...candidate.views, regression: gate } });
    expect(report.regression!.rows).toHaveLength(gate.figures.length);
    expect(report.regression!.rows[0].status).toBe('regressed');
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(__dirname, '../../report/rcaReport.schema.json'), 'utf8')) as object);
    validate(JSON.parse(jsonReport(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(markdownReport(report)).toContain('## Regression against the baseline');
  });

  it('JUnit: one test case per figure, a failure per regression; annotations point at the candidate file', () => {
    const gate = compareCases(baseline, candidate);
    const xml = gateJUnit(gate);
    expect(xml.match(/<testcase /g)).toHaveLength(gate.figures.length);
    expect(xml.match(/<failure /g)).toHaveLength(gate.figures.filter((f) => f.status === 'regressed').length);
    const errors = gateAnnotations(gate).filter((l) => l.startsWith('::error '));
    expect(errors).toHaveLength(gate.figures.filter((f) => f.status === 'regressed').length);
    expect(errors[0]).toMatch(/^::error file=wrk_\d\.txt,title=Regression%3A /);
  });
});

describe('lock wait when throughput collapsed (samples/loadtest/fixtures/candidate-cpu: every request signed before it locks)', () => {
  let baseline: CaseResult;
  let cpu: CaseResult;
  let coarse: CaseResult;
  let rerun: CaseResult;
  beforeAll(async () => {
    [baseline, cpu, coarse, rerun] = await Promise.all(['baseline', 'candidate-cpu', 'candidate', 'baseline-rerun'].map((n) => analyze(side(n, WRK_AND_LOCKS))));
  });
  const lockRows = (gate: ReturnType<typeof compareCases>) => gate.figures.filter((f) => f.capability === 'locks');
  const acquisitions = (name: string) =>
    side(name, /^lock_stats_/).map((f) => (JSON.parse(readFileSync(f, 'utf8')) as { locks: { acquisitions: number; waitTotalNs: number }[] }).locks.reduce((a, l) => a + l.acquisitions, 0));
  const perSecond = (c: CaseResult) => c.views.locks!.inputs.map((v) => v.totalNs / (v.spanNs! / 1e9));

  it('the wait per second fell by far more than the limit, and per lock acquisition it is not called an improvement', () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(perSecond(cpu))).toBeLessThan(mean(perSecond(baseline)) * 0.5);
    const gate = compareCases(baseline, cpu);
    expect(gate.figures.find((f) => f.id.endsWith('.throughput') && f.status === 'regressed')).toBeDefined();
    const rows = lockRows(gate);
    expect(rows.length).toBeGreaterThan(1);
    for (const f of rows) {
      expect(f.unit).toBe('ns/op');
      expect(f.status).not.toBe('improved');
      expect(f.reason).toMatch(/successful requests per second in the load test fell by \d+\.\d %, so the wait is compared per lock acquisition/);
    }
    const total = rows.find((f) => f.id === 'locks.total')!;
    expect(total.status).toBe('not-comparable');
    expect(total.reason).toMatch(/less load alone makes it fall: not comparable$/);
    expect(total.candidate).toEqual(cpu.views.locks!.inputs.map((v, i) => v.totalNs / acquisitions('candidate-cpu')[i]));
  });

  it('the store-wide lock lost throughput too, yet waits longer per acquisition: still judged, not excused', () => {
    const total = lockRows(compareCases(baseline, coarse)).find((f) => f.id === 'locks.total')!;
    expect(total.unit).toBe('ns/op');
    expect(total.worseBy).toBeGreaterThan(total.limit);
    expect(['regressed', 'noise']).toContain(total.status);
  });

  it('the same build measured again did about the same work: the wait is compared per second, as before', () => {
    for (const f of lockRows(compareCases(baseline, rerun))) {
      expect(f.unit).toBe('ns/s');
      expect(f.loadShift).toBeUndefined();
    }
  });

  it('without acquisition counts the wait is taken per successful request of the paired run; without either, the fall is said not comparable', () => {
    const withoutAcquisitions = (c: CaseResult): CaseResult => ({
      ...c,
      views: { ...c.views, locks: { ...c.views.locks!, inputs: c.views.locks!.inputs.map((v) => ({ ...v, locks: v.locks.map(({ acquired: _, ...l }) => l) })) } },
    });
    const [b, c] = [withoutAcquisitions(baseline), withoutAcquisitions(cpu)];
    const perRequest = lockRows(compareCases(b, c));
    expect(perRequest[0].label).toMatch(/per successful request$/);
    const requests = c.views.timeline!.loadTests!.map((r) => r.steps.reduce((a, s) => a + s.requests - s.errors, 0));
    expect(perRequest[0].candidate).toEqual(c.views.locks!.inputs.map((v, i) => v.totalNs / requests[i]));
    const unpaired: CaseResult = { ...c, views: { ...c.views, timeline: { ...c.views.timeline!, loadTests: c.views.timeline!.loadTests!.slice(0, 2) } } };
    const total = lockRows(compareCases(b, unpaired)).find((f) => f.id === 'locks.total')!;
    expect(total.unit).toBe('ns/s');
    expect(total.status).toBe('not-comparable');
    expect(total.reason).toMatch(/no count of operations allows comparing the wait per operation/);
  });
});

describe('the noise test', () => {
  it("Student's t distribution matches the tables (one-sided 5 % critical values)", () => {
    expect(1 - studentTCdf(2.015, 5)).toBeCloseTo(0.05, 3);
    expect(1 - studentTCdf(2.92, 2)).toBeCloseTo(0.05, 3);
    expect(1 - studentTCdf(1.645, 1e6)).toBeCloseTo(0.05, 3);
    expect(studentTCdf(0, 3)).toBeCloseTo(0.5, 10);
  });

  it("Welch's test: a clear shift beyond the margin rejects, the same shift inside the spread does not", () => {
    expect(welchWorseBy([100, 101, 99], [150, 151, 149], 10).p).toBeLessThan(0.01);
    expect(welchWorseBy([100, 160, 40], [150, 210, 90], 10).p).toBeGreaterThan(0.05);
    expect(welchWorseBy([100, 100], [100, 100], 0).p).toBe(1);
  });

  it('judges a throughput drop as worse (higher is better) and error rates in points', () => {
    const base: Omit<GateFigure, 'baseline' | 'candidate' | 'limitKey' | 'better' | 'unit'> = { id: 'x', capability: 'load-test', label: 'x', baselineSources: ['b'], candidateSources: ['c'] };
    const settings = { limits: DEFAULT_LIMITS, alpha: DEFAULT_ALPHA };
    expect(judgeFigure({ ...base, limitKey: 'throughput', better: 'higher', unit: 'req/s', baseline: [1000], candidate: [850] }, settings).status).toBe('regressed');
    expect(judgeFigure({ ...base, limitKey: 'throughput', better: 'higher', unit: 'req/s', baseline: [1000], candidate: [950] }, settings).status).toBe('within-limit');
    expect(judgeFigure({ ...base, limitKey: 'errors', better: 'lower', unit: '%', baseline: [0.2], candidate: [1.0] }, settings).status).toBe('within-limit');
    expect(judgeFigure({ ...base, limitKey: 'errors', better: 'lower', unit: '%', baseline: [0.2], candidate: [1.5] }, settings).status).toBe('regressed');
  });
});

describe('a figure\'s reason line and report row', () => {
  const base: Omit<GateFigure, 'baseline' | 'candidate' | 'limitKey' | 'better' | 'unit'> = { id: 'x', capability: 'locks', label: 'x', baselineSources: ['b'], candidateSources: ['c'] };
  const settings = { limits: DEFAULT_LIMITS, alpha: DEFAULT_ALPHA };

  it('groups the thousands of the means, as every other output groups them', () => {
    const waits = judgeFigure({ ...base, limitKey: 'lock-wait', better: 'lower', unit: 'ns/op', baseline: [9_818_841], candidate: [7_029_211] }, settings);
    expect(waits.reason).toBe('9,818,841 → 7,029,211 ns/op (better by 28.4 %; limit 10 %)');
    expect(formatFigure(9_681.4, 'req/s')).toBe('9,681 req/s');
  });

  it('says one point, not one points, of an error rate that moved by exactly one', () => {
    const errors = judgeFigure({ ...base, capability: 'load-test', limitKey: 'errors', better: 'lower', unit: '%', baseline: [0.5], candidate: [1.5] }, settings);
    expect(errors.reason).toBe('0.5 → 1.5 % (+1 point; limit 1 percentage point)');
    const gate: GateResult = { verdict: 'pass', figures: [errors], settings, testDescription: '', baselineFiles: ['b'], candidateFiles: ['c'] };
    expect(regressionSection(gate).rows[0]).toMatchObject({ change: '+1 point', limit: '1 percentage point' });
  });
});

describe('gate limits', () => {
  it('parses --max-regression over the defaults and names what is wrong', () => {
    const parsed = parseLimitList('p99=5%,lock-wait=20%,errors=2');
    expect(parsed).toEqual({ limits: { ...DEFAULT_LIMITS, p99: 0.05, 'lock-wait': 0.2, errors: 2 } });
    expect(parseLimitList('latency=5%')).toEqual({ error: expect.stringMatching(/name=percent pairs of p99, mean, throughput/) });
    expect(parseLimitList('p99=fast')).toEqual({ error: expect.stringMatching(/got 'p99=fast'/) });
  });

  it('reads the config file: a default for every relative limit, per-figure overrides, alpha; bad keys named', () => {
    const parsed = parseGateConfig({ maxRegression: { default: '20%', p99: '5%' }, alpha: 0.01 });
    expect(parsed).toEqual({ settings: { alpha: 0.01, limits: { ...Object.fromEntries(Object.keys(DEFAULT_LIMITS).map((k) => [k, 0.2])), errors: 1, p99: 0.05 } } });
    expect(parseGateConfig({ maxRegression: { p98: '5%' } })).toEqual({ error: expect.stringMatching(/maxRegression\.p98 is not a figure/) });
    expect(parseGateConfig({ limits: {} })).toEqual({ error: expect.stringMatching(/unknown key 'limits'/) });
    expect(parseGateConfig({ alpha: 0.9 })).toEqual({ error: expect.stringMatching(/alpha must be/) });
    expect(parseGateConfig([])).toEqual({ error: expect.stringMatching(/must be a JSON object/) });
  });
});
