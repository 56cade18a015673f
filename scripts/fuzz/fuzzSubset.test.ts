/**
 * The fixed subset of `npm run fuzz` that runs in `npm test`: a few fixtures of each capability,
 * each through the mutations most likely to regress, classified exactly as the full run does.
 * The full run (hundreds of inputs, the 200 MB line, the gzip bomb) stays in `npm run fuzz`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../analyzers/pipeline/runCase';
import { renderExport } from '../../analyzers/report/renderExport';
import type { FuzzInput } from './corpus';
import { fixtureContent } from './corpus';
import { mutationNamed, seededRandom } from './mutations';
import { BAD_OUTCOMES, classify, scriptIn, type AnalysisReport } from './outcome';

const samples = join(__dirname, '..', '..', 'samples');
const dir = mkdtempSync(join(tmpdir(), 'aftermath-fuzz-subset-'));

const SUBSET: [fixture: string, mutations: string[]][] = [
  ['incidents/memory-leak/events.jsonl', ['utf8-bom', 'truncate-mid-string', 'nan-number', 'script-in-names']],
  ['incidents/memory-leak/chat-timeline.txt', ['crlf', 'lone-cr', 'huge-number', 'duplicate-line']],
  ['incidents/memory-leak/game-1-memory.prometheus.json', ['utf8-bom', 'invalid-utf8', 'gzip-trailing-garbage']],
  ['incidents/memory-leak-cluster/events.json', ['utf8-bom', 'truncate-40pct', 'script-in-names']],
  ['incidents/node-report/oom-report.json', ['truncate-40pct', 'script-in-names']],
  ['alloc/fixtures/sessions_fixed.heapprofile.gz', ['truncate-mid-string', 'script-in-names']],
  ['locks/fixtures/inventory_block.pb.gz', ['bit-flips', 'gzip-truncated']],
  ['alloc/fixtures/events_leaky.csv', ['utf16le-bom', 'truncate-40pct', 'huge-number', 'script-in-names']],
  ['alloc/fixtures/lsan_leaky.txt', ['trailing-whitespace', 'truncate-mid-number', 'bit-flips', 'script-in-names']],
  ['alloc/fixtures/valgrind_leaky.xml', ['crlf', 'truncate-40pct', 'script-in-names']],
  ['locks/fixtures/perf_script_sharded.txt.gz', ['crlf', 'gzip-truncated', 'delete-line']],
  ['locks/fixtures/lock_stats_coarse.json', ['utf8-bom', 'negative-number']],
  ['locks/documented/mutrace.txt', ['crlf', 'truncate-40pct', 'huge-number']],
  ['locks/documented/lock_stat.txt', ['utf8-bom', 'truncate-mid-number', 'nan-number']],
  ['locks/documented/klockstat.txt', ['lone-cr', 'delete-line', 'script-in-names']],
  ['loadtest/fixtures/jmeter/inventory_coarse.jtl.gz', ['crlf', 'truncate-40pct', 'bit-flips']],
  ['locks/fixtures/offcputime/offcputime_U_f_coarse.txt', ['crlf', 'truncate-mid-number', 'script-in-names']],
  ['locks/fixtures/futexctn/futexctn_coarse.txt', ['crlf', 'truncate-mid-number', 'delete-line', 'script-in-names']],
  ['stampede/fixtures/redis_info_stats.log', ['lone-cr', 'truncate-40pct', 'huge-number']],
  ['stampede/fixtures/redis_slowlog.txt', ['utf8-bom', 'delete-line', 'script-in-names']],
  ['stampede/fixtures/pgbouncer_pools.log', ['crlf', 'bit-flips', 'nan-number']],
  ['stampede/fixtures/pg_stat_activity_lock_pileup.csv', ['utf16le-bom', 'truncate-40pct', 'script-in-names']],
  ['memory/fixtures/cgroup_v1_oom.log', ['trailing-whitespace', 'huge-number', 'negative-number']],
  ['memory/fixtures/node_buffer_leak.status.log', ['no-final-newline', 'duplicate-line', 'script-in-names']],
];

async function report(path: string): Promise<AnalysisReport> {
  const result = await runCase([path], { onProgress: () => {}, signal: new AbortController().signal, options: { anchorDate: '2026-03-14' } });
  const r: AnalysisReport = {
    failures: result.failures.map((f) => f.message),
    complete: result.inputs.every((i) => i.complete),
    notices: result.inputs.flatMap((i) => i.notices.map((n) => n.message)),
    findings: result.findings.map((f) => `${f.id} ${f.severity} ${f.title}`),
    scriptInOutput: [],
    ms: 0,
  };
  if (!r.failures.length) {
    const html = await renderExport(result, { format: 'html', content: 'report' });
    const md = await renderExport(result, { format: 'md', content: 'report' });
    r.scriptInOutput = scriptIn(String(html.data), String(md.data));
  }
  return r;
}

describe('fuzz subset', () => {
  for (const [fixture, mutations] of SUBSET) {
    it(`${fixture}: ${mutations.join(', ')}`, async () => {
      const path = join(samples, fixture);
      const base = await report(path);
      const content = fixtureContent(path);
      for (const name of mutations) {
        const mutation = mutationNamed(name);
        // Positional mutations may find no spot for one seed (a number right before a letter): try the next.
        let bytes: Buffer | undefined;
        for (let seed = 15; !bytes && seed < 40; seed++) bytes = mutation.apply(content, seededRandom(seed));
        if (!bytes) throw new Error(`${name} does not apply to ${fixture}`);
        const file = join(dir, `${basename(fixture)}-${name}`, basename(fixture));
        mkdirSync(join(file, '..'), { recursive: true });
        writeFileSync(file, bytes);
        const input: FuzzInput = { name: `${fixture} ~ ${name}`, path: file, kind: mutation.kind, cut: mutation.cut ?? false, base: fixture };
        const judged = classify(input, await report(file), base.findings);
        expect(BAD_OUTCOMES.has(judged.outcome) ? `${input.name}: ${judged.outcome}: ${judged.why}` : 'fine').toBe('fine');
      }
    }, 60_000);
  }

  it('the script detector sees what a viewer would run, and not what is escaped', () => {
    expect(scriptIn('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>', 'a \\<script> b `<script>`')).toEqual([]);
    expect(scriptIn('<img src=x onerror=alert(1)>', '[x](javascript:alert(1)) <script>')).toHaveLength(3);
    // An escaped payload inside a quoted attribute value is text (the chart's aria-label of a hostile series name).
    expect(scriptIn('<svg class="chart" role="img" aria-label="x&lt;img src=x onerror=alert(2)&gt;">', '')).toEqual([]);
    expect(scriptIn('<svg class="chart" aria-label="x" onload=alert(1)>', '')).toHaveLength(1);
    expect(scriptIn("<a title='a onclick=x' href=\"#\" onclick=\"alert(1)\">", '')).toHaveLength(1);
  });
});
