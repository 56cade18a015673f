import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import type { TimelineArtifact } from '../artifact';
import { concurrencyText, errorPercent } from '../loadTest';
import { load, loadText, tempFile } from './helpers';
import { quietContext } from '../../ingest/tests/loadForTest';

const LOADTEST = join(__dirname, '../../../samples/loadtest');
const real = (side: string, file: string) => join(LOADTEST, 'fixtures', side, file);
const typed = (file: string) => join(LOADTEST, 'typed', file);
/** Made by `generate.sh jmeter`: JMeter 2.13's engine on a plan built in code (see README.md). */
const JMETER = join(LOADTEST, 'fixtures', 'jmeter', 'inventory_coarse.jtl.gz');
const jmeterLines = () => gunzipSync(readFileSync(JMETER)).toString('utf8').trim().split('\n');
const runOf = (a: TimelineArtifact) => a.loadTests![0];

/** The numbers wrk printed, read with plain regexes here rather than through the parser. */
function wrkPrinted(path: string) {
  const text = readFileSync(path, 'utf8');
  const all = (re: RegExp) => [...text.matchAll(re)].map((m) => m[1]);
  return { connections: all(/(\d+) connections/g).map(Number), rates: all(/Requests\/sec:\s+(\S+)/g).map(Number), requests: all(/(\d+) requests in/g).map(Number) };
}

/** The parts of k6's documented outputs these tests read back. */
interface K6Summary {
  metrics: { vus_max: { value: number }; http_reqs: { count: number }; http_req_failed: { passes: number }; http_req_duration: Record<string, number> };
}
interface K6Point {
  metric: string;
  type: string;
  data: { value: number };
}

describe('load-test formats on the real runs (samples/loadtest/generate.sh)', () => {
  it('wrk: one step per run in the file, in order, with what wrk printed', async () => {
    for (const side of ['baseline', 'candidate']) {
      const path = real(side, 'wrk_1.txt');
      const loaded = await load(path);
      expect(loaded.formatId).toBe('wrk');
      expect(loaded.complete).toBe(true);
      expect(loaded.notices).toEqual([]);
      const run = runOf(loaded.artifact);
      const printed = wrkPrinted(path);
      expect(run.clock).toBe('relative');
      expect(run.steps.map((s) => s.concurrency)).toEqual(printed.connections);
      expect(run.steps.map((s) => s.throughput)).toEqual(printed.rates);
      expect(run.steps.map((s) => s.requests)).toEqual(printed.requests);
      // Steps are laid end to end.
      for (let i = 1; i < run.steps.length; i++) expect(run.steps[i].startMs).toBe(run.steps[i - 1].startMs + run.steps[i - 1].durationMs);
      expect(run.steps.every((s) => s.p99Ms! >= s.p50Ms! && s.maxMs! >= s.p99Ms!)).toBe(true);
    }
  });

  it('Locust: the history becomes one step per user count, its totals the differences of the running totals', async () => {
    const path = real('baseline', 'locust_stats_history.csv');
    const loaded = await load(path);
    expect(loaded.formatId).toBe('locust-history');
    const run = runOf(loaded.artifact);
    const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const users = [...new Set(rows.map((r) => Number(r[1])).filter((u) => u > 0))];
    expect(run.steps.map((s) => s.concurrency)).toEqual(users);
    const lastTotal = Number(rows[rows.length - 1][17]);
    expect(run.steps.reduce((a, s) => a + s.requests, 0)).toBe(lastTotal);
    expect(run.clock).toBe('wall');
  });

  it('Locust: the stats file is one whole-run step from its Aggregated row', async () => {
    const loaded = await load(real('candidate', 'locust_stats.csv'));
    expect(loaded.formatId).toBe('locust-stats');
    const aggregated = readFileSync(real('candidate', 'locust_stats.csv'), 'utf8').split('\n').find((l) => l.startsWith(',Aggregated'))!.split(',');
    const [step] = runOf(loaded.artifact).steps;
    expect(step.requests).toBe(Number(aggregated[2]));
    expect(step.errors).toBe(Number(aggregated[3]));
    expect(step.concurrency).toBeUndefined();
  });
});

describe('load-test formats typed from the documentation (samples/loadtest/typed/README.md)', () => {
  it('k6 --summary-export: one step with the largest VU count and http_req_failed passes as errors', async () => {
    const loaded = await load(typed('k6_summary.json'));
    expect(loaded.formatId).toBe('k6-summary');
    const doc = JSON.parse(readFileSync(typed('k6_summary.json'), 'utf8')) as K6Summary;
    const [step] = runOf(loaded.artifact).steps;
    expect(step).toMatchObject({ concurrency: doc.metrics.vus_max.value, requests: doc.metrics.http_reqs.count, errors: doc.metrics.http_req_failed.passes, p99Ms: doc.metrics.http_req_duration['p(99)'] });
  });

  it('k6 --out json: a step per vus level, each request point in the step of its time', async () => {
    const loaded = await load(typed('k6_points.jsonl'));
    expect(loaded.formatId).toBe('k6-points');
    const points = readFileSync(typed('k6_points.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as K6Point);
    const run = runOf(loaded.artifact);
    expect(run.steps.map((s) => s.concurrency)).toEqual([...new Set(points.filter((p) => p.metric === 'vus' && p.type === 'Point').map((p) => p.data.value))]);
    expect(run.steps.reduce((a, s) => a + s.requests, 0)).toBe(points.filter((p) => p.metric === 'http_req_duration' && p.type === 'Point').length);
    expect(run.steps.reduce((a, s) => a + s.errors, 0)).toBe(points.filter((p) => p.metric === 'http_req_failed' && p.type === 'Point' && p.data.value === 1).length);
  });

  it('JMeter JTL (a real JMeter 2.13 run): a step per thread group, its threads, errors and exact percentiles', async () => {
    const loaded = await load(JMETER);
    expect(loaded.formatId).toBe('jmeter-jtl');
    expect(loaded.complete).toBe(true);
    const rows = jmeterLines().slice(1).map((l) => l.split(','));
    const groups = [...new Set(rows.map((r) => r[5].replace(/ \d+-\d+$/, '')))];
    const of = (g: string) => rows.filter((r) => r[5].startsWith(`${g} `));
    const run = runOf(loaded.artifact);
    expect(groups).toEqual(['step 8 threads', 'step 32 threads', 'step 128 threads']);
    expect(run.steps.map((s) => s.concurrency)).toEqual(groups.map((g) => Math.max(...of(g).map((r) => Number(r[9])))));
    expect(run.steps.map((s) => s.requests)).toEqual(groups.map((g) => of(g).length));
    expect(run.steps.map((s) => s.errors)).toEqual(groups.map((g) => of(g).filter((r) => r[7] === 'false').length));
    const last = of(groups[2]).map((r) => Number(r[1])).sort((a, b) => a - b);
    expect(run.steps[2].maxMs).toBe(last[last.length - 1]);
    // The store-wide lock's queue of 64 turns most of the 128-thread step away with 503.
    expect(errorPercent(run.steps[2])).toBeGreaterThan(1);
    expect(run.steps[0].errors).toBe(0);
  });
});

describe('load-test formats: bad input', () => {
  it('wrk cut in the middle of a run: the complete runs are kept, the cut one is named, the file marked incomplete', async () => {
    const text = readFileSync(real('candidate', 'wrk_1.txt'), 'utf8');
    const cut = text.slice(0, text.lastIndexOf('Requests/sec'));
    const loaded = await loadText('wrk_cut.txt', cut);
    expect(loaded.complete).toBe(false);
    expect(runOf(loaded.artifact).steps).toHaveLength(wrkPrinted(real('candidate', 'wrk_1.txt')).connections.length - 1);
    expect(loaded.notices[0].message).toMatch(/the run that starts at line \d+ ends before its totals/);
  });

  it('wrk with foreign lines: counted with the first line number', async () => {
    const text = readFileSync(real('baseline', 'wrk_2.txt'), 'utf8').replace('Requests/sec:', 'some stray text\nRequests/sec:');
    const loaded = await loadText('wrk_noise.txt', text);
    expect(loaded.complete).toBe(false);
    expect(loaded.notices.map((n) => n.message)).toContainEqual(expect.stringMatching(/^1 line not wrk output, first at line \d+/));
  });

  it('wrk output without a single complete run is an error naming the file', async () => {
    await expect(loadText('wrk_empty.txt', 'Running 3s test @ http://x/\n  2 threads and 8 connections\n')).rejects.toThrow(/wrk_empty\.txt: has no complete wrk run/);
  });

  it('Locust history with unreadable rows: counted; without any Aggregated row: an error', async () => {
    const text = readFileSync(real('baseline', 'locust_stats_history.csv'), 'utf8').split('\n');
    text.splice(3, 0, 'not-a-time,10,,Aggregated,1,0,1,1,1,1,1,1,1,1,1,1,1,5,0,1,1,1,1,1');
    const loaded = await loadText('history.csv', text.join('\n'));
    expect(loaded.complete).toBe(false);
    expect(loaded.notices[0].message).toMatch(/^1 line not history rows .*first at line 4/);
    await expect(loadText('history_empty.csv', `${text[0]}\n`)).rejects.toThrow(/history_empty\.csv: has no Aggregated rows/);
  });

  it('JMeter rows with the wrong column count or an unreadable success flag: counted with the first line', async () => {
    const lines = jmeterLines();
    lines.splice(5, 0, '1796400000300,12,GET /,200,OK,8 users 1-1,text,maybe,3,8,8,11', '1796400000301,12,GET /');
    const loaded = await loadText('results.jtl', lines.join('\n'));
    expect(loaded.complete).toBe(false);
    expect(loaded.notices[0].message).toMatch(/^2 lines not samples .*first at line 6/);
  });

  it('k6 summary: invalid JSON names the line; a summary without http_reqs says what it lacks', async () => {
    const text = readFileSync(typed('k6_summary.json'), 'utf8');
    await expect(loadText('summary.json', text.replace('"http_reqs": {', '"http_reqs": {,'))).rejects.toMatchObject({
      message: expect.stringMatching(/summary\.json: is not valid JSON/),
      where: { line: text.split('\n').findIndex((l) => l.includes('"http_reqs"')) + 1 },
    });
    await expect(loadText('summary2.json', JSON.stringify({ metrics: { vus: { value: 1, min: 1, max: 2 } } }))).rejects.toThrow(/lacks http_req_duration or http_reqs/);
  });

  it('k6 points: lines that are not Metric or Point records are counted; no request point is an error', async () => {
    const lines = readFileSync(typed('k6_points.jsonl'), 'utf8').trim().split('\n');
    lines.splice(10, 0, '{"type":"Point","metric":"vus"}', 'garbage');
    const loaded = await loadText('points.jsonl', lines.join('\n'));
    expect(loaded.complete).toBe(false);
    expect(loaded.notices[0].message).toMatch(/^2 lines not k6 Metric or Point records, first at line 11/);
    await expect(loadText('points2.jsonl', lines.slice(0, 3).join('\n'))).rejects.toThrow(/no http_req_duration points after a vus point/);
  });
});

describe('load-break rule', () => {
  it('names the first step with errors > 1 % or P99 > 1 s, the step that held, and the lock captured during the run', async () => {
    const path = real('candidate', 'wrk_1.txt');
    const result = await runCase([path, real('candidate', 'lock_stats_1.json')], quietContext());
    const [finding] = result.findings.filter((f) => f.analysis === 'timeline.load-break');
    const steps = result.views.timeline!.loadTests![0].steps;
    const breaking = steps.findIndex((s) => errorPercent(s) > 1 || s.p99Ms! > 1000);
    expect(breaking).toBeGreaterThan(0);
    expect(finding.title).toContain(`breaks at ${steps[breaking].concurrency} connections`);
    expect(finding.title).toContain(`held at ${steps[breaking - 1].concurrency}`);
    expect(finding.detail).toMatch(/Captured while the run went on: .*storeLock/);
    expect(finding.evidence.some((e) => e.label === 'lock finding')).toBe(true);
    expect(finding.window!.startMs).toBe(steps[breaking].startMs);
    // The wrk run had no clock: it was placed at the lock capture's time, and the view says so.
    expect(result.views.timeline!.notices!.join(' ')).toMatch(/wrk_1\.txt: the output has no clock/);
  });

  it('follows the load thresholds of the case options, and stays quiet when every step passes them', async () => {
    const path = real('candidate', 'wrk_1.txt');
    const steps = (await load(path)).artifact.loadTests![0].steps;
    const worst = Math.max(...steps.map((s) => s.p99Ms!));
    const loose = await runCase([path], { ...quietContext(), options: { thresholds: { loadP99Ms: worst + 1, loadErrorPercent: 100 } } });
    expect(loose.findings.filter((f) => f.analysis === 'timeline.load-break')).toEqual([]);
    const strict = await runCase([path], { ...quietContext(), options: { thresholds: { loadP99Ms: steps[0].p99Ms! - 1 } } });
    const [f] = strict.findings.filter((x) => x.analysis === 'timeline.load-break');
    expect(f.title).toContain(`breaks at ${steps[0].concurrency} connections`);
    expect(f.title).toContain('no step held');
  });

  it('a tempFile of one line is not taken for a load test', async () => {
    await expect(load(tempFile('x.txt', 'Running late today\n'))).rejects.toThrow(/not detected/);
  });
});

describe('load levels in words', () => {
  it('say one connection, VU, user or thread in the singular, and group thousands', () => {
    expect(concurrencyText('wrk', 1)).toBe('1 connection');
    expect(concurrencyText('wrk', 64)).toBe('64 connections');
    expect(concurrencyText('k6', 1000)).toBe('1,000 VUs');
    expect(concurrencyText('jmeter', 1)).toBe('1 thread');
  });
});
