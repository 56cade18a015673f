import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../case/caseResult';
import { formatBytes } from '../../core/byteFormat';
import { flameNodes, type FlameNode } from '../../core/flameGraph';
import { formatNanos } from '../../locks/viewText';
import { quietContext } from '../../ingest/tests/loadForTest';
import { runCase } from '../../pipeline/runCase';
import { buildReport } from '../buildReport';
import { htmlReport } from '../htmlReport';
import { jsonReport } from '../jsonReport';
import { markdownReport } from '../markdownReport';
import type { RcaReport, ReportFlame } from '../reportModel';
import { icicleGeometry } from '../icicleGeometry';
import { topStacks } from '../reportFlames';
import { svgIcicle } from '../svgIcicle';

const SAMPLES = join(__dirname, '../../../samples');
const schema = JSON.parse(readFileSync(join(__dirname, '..', 'rcaReport.schema.json'), 'utf8')) as Record<string, unknown>;

let result: CaseResult;
let report: RcaReport;
beforeAll(async () => {
  result = await runCase([join(SAMPLES, 'alloc/fixtures/lsan_leaky.txt'), join(SAMPLES, 'alloc/fixtures/lsan_fixed.txt'), join(SAMPLES, 'locks/fixtures/perf_script_coarse.txt.gz')], quietContext());
  report = buildReport(result);
});

describe('the report\'s flame graphs: the top stacks of the leak report and the lock capture', () => {
  it('one per tool (the first LSan report, the perf script capture), every byte and nanosecond kept, frames under 1 % merged', () => {
    const flames = report.flames ?? [];
    expect(flames.map((f) => f.file)).toEqual(['lsan_leaky.txt', 'perf_script_coarse.txt.gz']);
    expect(flames[0].root.total).toBe(result.views.alloc?.reports[0].totals.bytes);
    expect(flames[1].root.total).toBe(result.views.locks?.inputs[0].totalNs);
    for (const f of flames) {
      expect(f.prunedBelow).toBe(f.root.total * 0.01);
      for (const { node } of flameNodes(f.root)) {
        expect(node.self + node.children.reduce((s, c) => s + c.total, 0)).toBe(node.total);
        if (node.pruned === undefined) expect(node.total).toBeGreaterThanOrEqual(f.prunedBelow);
      }
    }
    const validate = new Ajv({ allErrors: true }).compile(schema);
    validate(JSON.parse(jsonReport(report)));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('HTML: an inline SVG icicle per graph, each frame titled with its full name, value and share', () => {
    const html = htmlReport(report);
    expect(html.match(/<svg[^>]* class="chart icicle"/g)).toHaveLength(2);
    const input = result.views.locks!.inputs[0];
    for (const caller of input.callers.filter((c) => c.share >= 0.01)) {
      expect(html).toContain(`<title>${caller.label}: ${formatNanos(caller.totalNs)} (${(caller.share * 100).toFixed(1)} %)</title>`);
    }
    // Frames are as wide as their share: transferItem's rectangle is its share of the 760 px.
    const transfer = input.callers.find((c) => c.label === 'transferItem')!;
    const width = Number(/<title>transferItem: [^<]*<\/title><rect x="[\d.]+" y="\d+" width="([\d.]+)"/.exec(html)?.[1]);
    expect(width + 1).toBeCloseTo(760 * transfer.share, 0);
  });

  it('escapes frame names from the inputs in labels and tooltips', () => {
    const hostile = '<script>alert("x")</script> evil.cpp:1';
    const svg = svgIcicle({ title: 't', file: 'f', unit: 'bytes', prunedBelow: 0, root: { name: 'all', self: 0, total: 10, children: [{ name: hostile, self: 10, total: 10, children: [] }] } });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('Markdown: the heaviest stacks in words, outermost caller first, library frames left out', () => {
    const md = markdownReport(report);
    const section = md.slice(md.indexOf('## Lock wait by stack'));
    const [first] = result.views.locks!.inputs[0].callers;
    expect(section).toContain(`- worker › ${first.label}: ${formatNanos(first.totalNs)} (${(first.share * 100).toFixed(1)} %)`);
    const leak = md.slice(md.indexOf('## Leaked bytes by allocation stack'), md.indexOf('## Lock wait by stack'));
    const [site] = result.views.alloc!.reports[0].sites;
    expect(site.key).toMatch(/player_manager\.cpp:33$/);
    expect(leak).toContain(`- main player\\_manager.cpp:112 › PlayerManager::addPlayer\\(\\) player\\_manager.cpp:33: ${formatBytes(site.bytes)} (${(site.share * 100).toFixed(1)} %)`);
    expect(leak).not.toMatch(/operator new|std::/);
  });

  it('names merged frames by their number, one frame singular and the count grouped, in the icicle and the stack list alike', () => {
    const merged = (pruned: number): FlameNode => ({ name: 'other', self: 1000, total: 1000, pruned, children: [] });
    const flame: ReportFlame = {
      title: 't',
      file: 'f',
      unit: 'bytes',
      prunedBelow: 10,
      root: { name: 'all', self: 0, total: 2000, children: [
        { name: 'a', self: 0, total: 1000, children: [merged(1)] },
        { name: 'b', self: 0, total: 1000, children: [merged(1204)] },
      ] },
    };
    expect(topStacks(flame, 5).map((s) => s.frames.join(' › '))).toEqual(['a › 1 smaller frame', 'b › 1,204 smaller frames']);
    const tips = icicleGeometry(flame).frames.map((f) => f.tip);
    expect(tips).toContain(`1 smaller frame: ${formatBytes(1000)} (50.0 %)`);
    expect(tips).toContain(`1,204 smaller frames: ${formatBytes(1000)} (50.0 %)`);
  });
});
