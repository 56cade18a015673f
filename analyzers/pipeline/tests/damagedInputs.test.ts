/**
 * Issue 15, item 2: the damage the fuzz run found, each on the real fixture it was found in. Every
 * one must be said (a notice with its line or byte, the input marked incomplete) or refused by
 * name and reason; none may be analysed as if whole, or end in JavaScript's own error text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../core/numberFormat';
import { renderExport } from '../../report/renderExport';
import { supportedFormatLabels } from '../registry';
import { runCase } from '../runCase';
import { tempFile } from '../../ingest/tests/loadForTest';

const samples = join(__dirname, '..', '..', '..', 'samples');
const fixture = (path: string) => readFileSync(join(samples, path));
const lineOf = (text: string, at: number) => text.slice(0, at).split('\n').length;

async function analyse(name: string, content: string | Buffer) {
  const result = await runCase([tempFile(name, content)], { onProgress: () => {}, signal: new AbortController().signal, options: { anchorDate: '2026-03-14' } });
  const input = result.inputs[0];
  return { result, input, notices: input?.notices.map((n) => n.message) ?? [], failures: result.failures.map((f) => f.message) };
}

describe('damage is never silent', () => {
  it('an allocation size of 1e26 in the CSV event log is a line not understood, not a leak of 10^13 TiB/h', async () => {
    const lines = fixture('alloc/fixtures/events_leaky.csv').toString('utf8').split('\n');
    const at = lines.findIndex((l, i) => i > 100 && l.startsWith('A,'));
    const f = lines[at].split(',');
    f[2] = '1e26';
    lines[at] = f.join(',');
    const { input, notices, result } = await analyse('events_leaky.csv', lines.join('\n'));
    expect(notices).toContain(`1 line not understood, first at line ${at + 1}`);
    // The line was an allocation: left out, the figures lack it, and the findings say so.
    expect(input.complete).toBe(false);
    expect(result.findings.map((x) => x.title).join('\n')).not.toMatch(/TiB\/hour|e\+\d/);
    expect(result.findings.length).toBeGreaterThan(0);
    for (const f of result.findings.filter((x) => x.sources.includes('events_leaky.csv'))) {
      expect(f.detail).toContain(`Computed from incomplete input: events_leaky.csv: 1 line not understood, first at line ${at + 1}`);
    }
  });

  it('invalid UTF-8 in the "metric" key of the memory-limit series is said with its byte offset', async () => {
    const text = fixture('incidents/memory-leak/game-1-memory.prometheus.json');
    const key = text.indexOf('"metric":{"__name__":"container_spec_memory_limit_bytes"');
    const damaged = Buffer.concat([text.subarray(0, key + 3), Buffer.from([0xff]), text.subarray(key + 3)]);
    const { notices, input, result } = await analyse('game-1-memory.prometheus.json', damaged);
    expect(notices).toContain(`1 invalid UTF-8 sequence, first at byte ${groupDigits(key + 3)} of the content: read as U+FFFD (�), so names there may not match`);
    // The series is dropped (read under a wrong name it would be judged as another metric), and what
    // that costs is said: in the notice, and in the growth finding that has no OOM estimate for it.
    expect(notices.join('\n')).toMatch(
      new RegExp(`series data\\.result\\[1\\], line 1, byte ${key + 1} dropped: its "metric" key is unreadable .*; it reads as container_spec_memory_limit_bytes: the memory limit series was dropped: the out-of-memory estimate and the time above 85 % of the limit are not computed`),
    );
    expect(input.complete).toBe(false);
    const growth = result.findings.find((f) => f.analysis === 'timeline.memory-growth');
    expect(growth?.title).not.toMatch(/OOM ETA/);
    expect(growth?.detail).toMatch(new RegExp(`The memory limit series container_spec_memory_limit_bytes was dropped \\(game-1-memory\\.prometheus\\.json data\\.result\\[1\\], line 1, byte ${key + 1}: .*\\), so the out-of-memory estimate is not computed`));
    expect(growth?.evidence).toContainEqual({ label: 'memory limit series dropped', value: `game-1-memory.prometheus.json data.result[1], line 1, byte ${key + 1}` });
    expect(result.findings.some((f) => /Memory above/.test(f.title))).toBe(false);

    // The same file whole: the limit is read, the estimate made, nothing said about a dropped series.
    const whole = await analyse('game-1-memory.prometheus.json', text);
    expect(whole.result.findings.find((f) => f.analysis === 'timeline.memory-growth')?.title).toMatch(/OOM ETA/);
    expect(whole.notices.join('\n')).not.toMatch(/dropped/);
  });

  it('invalid UTF-8 in the name of the memory-limit series drops it too: a "memory_l�mit" must not read as memory use', async () => {
    const text = fixture('incidents/memory-leak/game-1-memory.prometheus.json');
    const i = text.indexOf('memory_limit_bytes') + 'memory_l'.length;
    const damaged = Buffer.concat([text.subarray(0, i), Buffer.from([0xe9]), text.subarray(i + 1)]);
    const { notices, result } = await analyse('game-1-memory.prometheus.json', damaged);
    expect(notices.join('\n')).toMatch(/series data\.result\[1\], line 1, byte \d+ dropped: its label "__name__" holds invalid UTF-8 \("container_spec_memory_l�mit_bytes"\); it reads as container_spec_memory_l�mit_bytes: its memory growth is not analysed/);
    const growth = result.findings.filter((f) => f.analysis === 'timeline.memory-growth');
    expect(growth.map((f) => f.title).join('\n')).not.toMatch(/l�mit|OOM ETA/);
    expect(growth[0].detail).toMatch(/No memory limit is known, and a series of this target was dropped as unreadable \(game-1-memory\.prometheus\.json data\.result\[1\], line 1, byte \d+\), which may have been it: no OOM ETA/);
  });

  it('a thread id flipped to `;472` in perf lock info -t is a row not understood, and the capture incomplete', async () => {
    const text = fixture('locks/fixtures/perf_lock_info_t_coarse.txt').toString('utf8').replace('     20688: :20688', '     ;472: :20688');
    const { input, notices } = await analyse('perf_lock_info_t_coarse.txt', text);
    expect(notices).toContain('row not understood (not a `thread id: comm` line)');
    expect(input.complete).toBe(false);
  });

  it('a CSV event log cut inside a stack line is incomplete, not whole', async () => {
    const text = fixture('alloc/fixtures/events_leaky.csv').toString('utf8');
    const stackLine = text.indexOf('\nS,', text.length * 0.95);
    expect(stackLine).toBeGreaterThan(0);
    const { input, notices, result } = await analyse('events_leaky.csv', text.slice(0, stackLine + 40));
    expect(input.complete).toBe(false);
    expect(notices).toContain('the last line is incomplete: the log was cut off while being written');
    const leak = result.findings.filter((f) => f.category === 'memory-leak' || f.category === 'memory-growth');
    expect(leak.length).toBeGreaterThan(0);
    for (const f of leak) expect(f.evidence).toContainEqual({ label: 'Partial input', value: 'events_leaky.csv' });
    expect(notices.some((n) => /^the last line \(\d+\) has no line end/.test(n))).toBe(true);
  });

  it('a LeakSanitizer report cut before its SUMMARY: every finding from it says why, quoting the first notice', async () => {
    const { input, result } = await analyse('lsan_truncated.txt', fixture('alloc/fixtures/lsan_truncated.txt'));
    expect(input.complete).toBe(false);
    const fromIt = result.findings.filter((f) => f.sources.includes('lsan_truncated.txt'));
    expect(fromIt.length).toBeGreaterThan(0);
    for (const f of fromIt) {
      expect(f.detail).toContain('Computed from incomplete input: lsan_truncated.txt: the report ends before its SUMMARY line (truncated?): 4 leak records read, the last one possibly cut short (1 more notice on the input).');
      expect(f.evidence.filter((e) => e.label === 'Partial input')).toEqual([{ label: 'Partial input', value: 'lsan_truncated.txt' }]);
    }
  });

  it('a metric record with "ts": 1e26 is a line not understood, not a time axis of three billion years', async () => {
    const lines = fixture('incidents/lock-contention/inventory-metrics.jsonl').toString('utf8').split('\n');
    const at = Math.floor(lines.length / 2);
    lines[at] = lines[at].replace(/"ts":\d+/, '"ts":1e26');
    const { input, notices, result, failures } = await analyse('inventory-metrics.jsonl', lines.join('\n'));
    expect(failures).toEqual([]);
    expect(notices).toContain(`1 line not metric records (need ts, metric and a numeric value), first at line ${at + 1}`);
    expect(input.complete).toBe(false);
    const html = await renderExport(result, { format: 'html', content: 'report' });
    expect(String(html.data).length).toBeLessThan(5_000_000);
  });

  it('a kernel log whose OOM-kill line lost its time is incomplete, and the findings from it say so', async () => {
    const lines = fixture('incidents/memory-leak/kern.log').toString('utf8').split('\n');
    const at = lines.findIndex((l, i) => i > 10 && l.includes('Out of memory: Killed process'));
    lines[at] = lines[at].replace(/^2026-03-15T/, '2026-03-1\u00005T');
    const { input, notices, result } = await analyse('kern.log', lines.join('\n'));
    expect(notices).toContain(`1 line with an OOM kill but not in a kernel log layout (time unreadable: the kill is left out), first at line ${at + 1}`);
    expect(input.complete).toBe(false);
    const fromLog = result.findings.filter((f) => f.sources.includes('kern.log'));
    expect(fromLog.length).toBeGreaterThan(0);
    for (const f of fromLog) expect(f.detail).toContain(`Computed from incomplete input: kern.log: 1 line with an OOM kill but not in a kernel log layout`);

    // The log whole: complete, and no finding carries the mark.
    const whole = await analyse('kern.log', fixture('incidents/memory-leak/kern.log'));
    expect(whole.input.complete).toBe(true);
    expect(whole.result.findings.some((f) => f.detail.includes('Computed from incomplete input'))).toBe(false);
  });

  it('a chat timeline with "Day 99999999999999999999999999" skips that line with its number, and the report renders', async () => {
    const text = fixture('incidents/memory-leak/chat-timeline.txt').toString('utf8').replace(/^Day 2,/m, 'Day 99999999999999999999999999,');
    const { input, notices, result, failures } = await analyse('chat-timeline.txt', text);
    expect(failures).toEqual([]);
    expect(notices).toContain('1 line with a day number outside 1–366 (skipped), first at line 2');
    expect(input.complete).toBe(false);
    const md = await renderExport(result, { format: 'md', content: 'report' });
    expect(String(md.data).length).toBeGreaterThan(0);
  });

  it('an extra meta.node_fields entry is named as such, not as a bad type index', async () => {
    const snapshot = JSON.parse(gunzipSync(fixture('heap/detached_dom/chat-detached.heapsnapshot.gz')).toString('utf8')) as { snapshot: { meta: { node_fields: string[] } } };
    snapshot.snapshot.meta.node_fields.push('extra');
    const { failures } = await analyse('chat-detached.heapsnapshot', JSON.stringify(snapshot));
    expect(failures[0]).toMatch(/^chat-detached\.heapsnapshot: the nodes array does not match meta\.node_fields \(7 fields per node: .*extra\): was a field added to or removed from the meta\?/);
  });

  it('an events file whose records have "ts": NaN names the format, the line and why', async () => {
    const lines = fixture('incidents/memory-leak/events.jsonl').toString('utf8').split('\n');
    lines[0] = lines[0].replace(/"ts":"[^"]+"/, '"ts": NaN');
    const { failures } = await analyse('events.jsonl', lines.join('\n'));
    expect(failures).toEqual(['events.jsonl: is not a recognised input: it looks like Event JSON Lines ({ts, kind, title, detail}) but line 1: ts is NaN, which JSON has no value for']);
  });

  it('a metrics CSV without a readable time, and lock-stats JSON with a misspelt format, are named as near misses', async () => {
    const csv = fixture('incidents/cache-stampede/metrics.csv').toString('utf8');
    const header = csv.slice(0, csv.indexOf('\n')).split(',');
    const renamed = await analyse('metrics.csv', `when${csv.slice(header[0].length)}`);
    expect(renamed.failures).toEqual([`metrics.csv: is not a recognised input: it looks like Metrics CSV (time column + one column per metric) but its header names no time column ("when", ${header.slice(1, 4).map((h) => JSON.stringify(h)).join(', ')}, …; one of time, timestamp, ts, date, epoch… is needed)`]);
    const lines = csv.split('\n');
    lines[1] = lines[1].replace(/^[^,]+/, '17:00');
    const badTime = await analyse('metrics.csv', lines.join('\n'));
    expect(badTime.failures).toEqual([`metrics.csv: is not a recognised input: it looks like Metrics CSV (time column + one column per metric) but line 2: "17:00" in column "${header[0]}" is not a time (ISO 8601 or epoch seconds/milliseconds)`]);

    const json = fixture('locks/fixtures/lock_stats_coarse.json').toString('utf8').replace('"aftermath-lock-stats"', '"aftermath-lock-stat"');
    const misspelt = await analyse('lock_stats_coarse.json', json);
    expect(misspelt.failures).toEqual(['lock_stats_coarse.json: is not a recognised input: it looks like Aftermath lock-stats JSON (application counters) but its "format" is "aftermath-lock-stat", not "aftermath-lock-stats"']);
  });

  it('a file that resembles no format gets a short answer, not the list of every format', async () => {
    const { failures } = await analyse('notes.txt', 'just some notes\nnothing to see\n');
    expect(failures).toEqual([`notes.txt: is not a recognised input (none of the ${supportedFormatLabels().length} supported formats; \`aftermath --help\` lists them)`]);
  });
});

describe('a cut JSON document yields what it holds, marked incomplete', () => {
  it('Prometheus query_range JSON cut at 60 %: the series before the cut, and where it was cut', async () => {
    const text = fixture('incidents/memory-leak/game-1-memory.prometheus.json').toString('utf8');
    const cut = Math.floor(text.length * 0.6);
    const { input, notices, result } = await analyse('game-1-memory.prometheus.json', text.slice(0, cut));
    expect(input.complete).toBe(false);
    expect(notices[0]).toBe(`the JSON ends early at byte ${groupDigits(cut)} (line 1): the file was cut; read are the 2 series before the cut, the last of them up to its last complete point`);
    const whole = await analyse('whole.prometheus.json', text);
    const points = (r: typeof result) => (r.views.timeline?.series ?? []).map((s) => s.t.length);
    expect(points(result)).toHaveLength(2);
    expect(points(result)[0]).toBe(points(whole.result)[0]);
    expect(points(result)[1]).toBeLessThan(points(whole.result)[1]);
  });

  it('lock-stats JSON cut inside a lock record: the whole records before it', async () => {
    const text = fixture('locks/fixtures/lock_stats_coarse.json').toString('utf8');
    const cut = text.lastIndexOf('"waitTotalNs"');
    const { input, notices } = await analyse('lock_stats_coarse.json', text.slice(0, cut));
    expect(input.complete).toBe(false);
    expect(notices[0]).toMatch(new RegExp(`^the JSON ends early at byte ${groupDigits(cut)} \\(line \\d+\\): the file was cut; read are the \\d+ locks and 0 threads before the cut$`));
  });

  it('a real syntax error is still refused with its line', async () => {
    const text = fixture('locks/fixtures/lock_stats_coarse.json').toString('utf8').replace('"locks"', '"locks" "oops"');
    const { failures } = await analyse('lock_stats_coarse.json', text);
    expect(failures[0]).toMatch(/^lock_stats_coarse\.json: is not valid JSON: unexpected "\\"" after ".*\\"locks\\" " \(line [\d,]+, byte offset [\d,]+\)$/);
    expect(failures[0]).toContain(`(line ${lineOf(text, text.indexOf('"oops"'))}, byte offset ${text.indexOf('"oops"')})`);
  });

  it('NaN, a byte that is not UTF-8 and a stray character are named in the file\'s terms, not the engine\'s', async () => {
    const text = fixture('locks/fixtures/lock_stats_coarse.json');
    const at = text.indexOf('538');
    const swap = (by: Buffer) => Buffer.concat([text.subarray(0, at), by, text.subarray(at + 3)]);
    const place = `(line ${lineOf(text.toString('utf8'), at)}, byte offset ${at})`;
    for (const [by, why] of [
      [Buffer.from('NaN'), 'NaN is not a JSON number'],
      [Buffer.from([0xff, 0x33, 0x38]), 'a byte that is not UTF-8 where a value or punctuation belongs'],
      [Buffer.from('$38'), 'unexpected "$" after "877214, \\"contended\\": "'],
    ] as const) {
      const { failures } = await analyse('lock_stats_coarse.json', swap(by));
      expect(failures).toEqual([`lock_stats_coarse.json: is not valid JSON: ${why} ${place}`]);
      expect(failures[0]).not.toMatch(/Unexpected token|is not valid JSON\)/);
    }
  });
});

describe('text from inputs is bounded in findings and reports', () => {
  it('a 200 000-character deploy title is cut with a marker everywhere it appears', async () => {
    const lines = fixture('incidents/memory-leak/events.jsonl').toString('utf8').split('\n');
    const deploy = lines.findIndex((l) => l.includes('"kind":"deploy"'));
    const record = JSON.parse(lines[deploy]) as { title: string };
    record.title = `${record.title} ${'<b>x</b>'.repeat(25_000)}`;
    lines[deploy] = JSON.stringify(record);
    const { result } = await analyse('events.jsonl', lines.join('\n'));
    const md = String((await renderExport(result, { format: 'md', content: 'report' })).data);
    const html = String((await renderExport(result, { format: 'html', content: 'report' })).data);
    // Markdown escapes the brackets of the marker.
    expect(md).toMatch(/… \\\[cut: 200,\d{3} characters in all\\\]/);
    expect(md.length).toBeLessThan(100_000);
    expect(html.length).toBeLessThan(200_000);
  });
});
