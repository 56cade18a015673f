import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { tempFile } from '../../ingest/tests/loadForTest';

const METRICS = join(__dirname, '../../../samples/incidents/memory-leak/game-1-metrics.csv');
const analyze = (path: string) => runCase([path], { onProgress: () => {}, signal: new AbortController().signal, options: {} });

describe('a share of one (Prometheus _ratio)', () => {
  it('is the percentage it is: on the percent axis and judged by the percent error threshold as the same rate in percent', async () => {
    const lines = readFileSync(METRICS, 'utf8').trimEnd().split('\n');
    // The real game server's error rate as an exporter following Prometheus' naming writes it: error_ratio, 0–0.0155.
    const asRatio = [lines[0].replace('error_rate_percent', 'error_ratio'), ...lines.slice(1).map((l) => l.replace(/,([^,]+)$/, (_m, v: string) => `,${Number(v) / 100}`))];
    const [original, ratio] = await Promise.all([analyze(METRICS), analyze(tempFile('game-1-metrics.csv', `${asRatio.join('\n')}\n`))]);
    const series = ratio.views.timeline!.series.find((s) => s.name === 'error_ratio')!;
    expect(series.unit).toBe('%');
    expect(Math.max(...series.v)).toBeCloseTo(1.55, 9);
    const errorFindings = (r: typeof original) => r.findings.filter((f) => /^Error rate above/.test(f.title)).map((f) => f.title.replace('error_ratio', 'error_rate_percent'));
    expect(errorFindings(original).length).toBeGreaterThan(0);
    expect(errorFindings(ratio)).toEqual(errorFindings(original));
  });

  it('stays as it is when a value leaves 0–1 (not a share of one)', async () => {
    const lines = readFileSync(METRICS, 'utf8').trimEnd().split('\n');
    const renamed = [lines[0].replace('error_rate_percent', 'error_ratio'), ...lines.slice(1)];
    const result = await analyze(tempFile('game-1-metrics.csv', `${renamed.join('\n')}\n`));
    expect(result.views.timeline!.series.find((s) => s.name === 'error_ratio')!.unit).toBe('');
  });
});
