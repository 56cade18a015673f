import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quietContext } from '../../ingest/tests/loadForTest';
import { runCase } from '../../pipeline/runCase';
import { INCIDENTS, load, loadText, tempFile } from './helpers';

const DIR = join(INCIDENTS, 'node-report');
const oomReport = join(DIR, 'oom-report.json');
const probeReport = join(DIR, 'probe-report.json');
const json = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as { header: Record<string, unknown>; javascriptHeap: { usedMemory: number; memoryLimit: number; heapSpaces: Record<string, { used: number }> }; resourceUsage: { rss: number; maxRss: number } };

describe('Node diagnostic report at a real out-of-memory death (--report-on-fatalerror)', () => {
  it('is an OOM event at the report time, with the heap spaces, rss and the native stack as its account', async () => {
    const loaded = await load(oomReport);
    const report = json(oomReport);
    expect(loaded.formatId).toBe('node-report');
    expect(loaded.complete).toBe(true);
    const [event] = loaded.artifact.events;
    expect(event.kind).toBe('oom');
    expect(event.atMs).toBe(Number(report.header.dumpEventTimeStamp));
    expect(event.title).toBe(`V8 heap out of memory: session_store.mjs (pid ${String(report.header.processId)})`);
    const evidence = Object.fromEntries(event.oom!.evidence.map((e) => [e.label, e.value]));
    expect(evidence['V8 heap used']).toBe(report.javascriptHeap.usedMemory);
    expect(evidence['V8 heap limit']).toBe(report.javascriptHeap.memoryLimit);
    expect(evidence['old_space used']).toBe(report.javascriptHeap.heapSpaces.old_space.used);
    expect(evidence.rss).toBe(report.resourceUsage.rss);
    expect(evidence['max rss']).toBe(report.resourceUsage.maxRss);
    // Node records no JavaScript stack at an OOM: V8's frames below the report's own say where it gave up.
    expect(event.oom!.stack![0]).toMatch(/no JavaScript stack/);
    expect(event.oom!.stack!.some((f) => f.startsWith('v8::internal::V8::FatalProcessOutOfMemory'))).toBe(true);
    expect(event.oom!.stack!.some((f) => f.includes('TriggerNodeReport'))).toBe(false);
  });

  it('alone, makes an OOM finding that says V8 stopped at its heap limit, with the heap spaces as evidence and the stack as a path', async () => {
    const result = await runCase([oomReport], { ...quietContext(), options: {} });
    const oom = result.findings.find((f) => f.category === 'oom')!;
    expect(oom.title).toMatch(/^session_store\.mjs ran out of memory 1 time \(first [^)]*\), at the heap limit set by --max-old-space-size=48, on its command line$/);
    expect(oom.evidence.some((e) => e.label.endsWith(': old_space used') && e.unit === 'bytes')).toBe(true);
    expect(oom.paths.map((p) => p.label)).toEqual(['OOM kills', expect.stringMatching(/^stack at the fatal error/)]);
  });

  it('finds the limit set in NODE_OPTIONS, and not in the script\'s own arguments', async () => {
    const real = JSON.parse(readFileSync(oomReport, 'utf8')) as { header: { commandLine: string[] }; environmentVariables: Record<string, string> };
    const variant = (commandLine: string[], env: Record<string, string>) =>
      tempFile('report.json', JSON.stringify({ ...real, header: { ...real.header, commandLine }, environmentVariables: env }));
    const titleOf = async (file: string) => (await runCase([file], { ...quietContext(), options: {} })).findings.find((f) => f.category === 'oom')!.title;
    const script = real.header.commandLine.indexOf('session_store.mjs');
    const args = real.header.commandLine.slice(script);
    expect(await titleOf(variant(['node', ...args], { NODE_OPTIONS: '--enable-source-maps --max-old-space-size=48' }))).toMatch(/, at the heap limit set by --max-old-space-size=48, in NODE_OPTIONS$/);
    // After the script, it is the program's argument: the limit was V8's default.
    expect(await titleOf(variant(['node', ...args, '--max-old-space-size=48'], {}))).toMatch(/ran out of memory 1 time \(first [^)]*\)$/);
  });

  it('joins an events file telling the same death into one kill', async () => {
    const at = new Date(Number(json(oomReport).header.dumpEventTimeStamp) + 20_000).toISOString();
    const events = tempFile('events.jsonl', `${JSON.stringify({ ts: at, kind: 'oom', title: 'session-store pod restarted after OOM', service: 'session-store' })}\n`);
    const result = await runCase([oomReport, events], { ...quietContext(), options: {} });
    const ooms = result.findings.filter((f) => f.category === 'oom');
    expect(ooms).toHaveLength(1);
    expect(ooms[0].impact.oomKills).toBe(1);
    expect(ooms[0].sources.sort()).toEqual(['events.jsonl', 'oom-report.json']);
    expect(ooms[0].detail).toContain('V8 heap out of memory: session_store.mjs');
  });
});

describe('Node diagnostic report written by process.report.writeReport()', () => {
  it('is a note with the JavaScript stack of the call and the libuv handles, not an OOM', async () => {
    const loaded = await load(probeReport);
    const [event] = loaded.artifact.events;
    expect(event.kind).toBe('note');
    expect(event.oom).toBeUndefined();
    expect(event.title).toMatch(/^Node report \(API\): session_store\.mjs \(pid \d+\) — JavaScript API$/);
    expect(event.detail).toMatch(/libuv handles \(.*1 tcp.*; tcp 127\.0\.0\.1:\d+\), \d+ keeping the loop alive\. Stack: Object\.writeReport .* ← Immediate\.tick \[as _onImmediate\] \(file:\/\/\.\/session_store\.mjs:27:40\)/);
  });
});

describe('bad Node reports', () => {
  it('a cut report keeps its header and says where it was cut', async () => {
    const text = readFileSync(oomReport, 'utf8');
    const loaded = await loadText('oom-report.json', text.slice(0, Math.floor(text.length * 0.4)));
    expect(loaded.complete).toBe(false);
    expect(loaded.notices[0].message).toMatch(/^the JSON ends early at byte \d{1,3}(?:,\d{3})* \(line \d+\): the report was cut/);
    expect(loaded.artifact.events[0].kind).toBe('oom');
  });

  it('a header without a time is refused with the section named', async () => {
    const report = json(oomReport);
    delete report.header.dumpEventTimeStamp;
    report.header.dumpEventTime = 'sometime';
    await expect(loadText('oom-report.json', JSON.stringify(report))).rejects.toThrow(/oom-report\.json: has no time in its header/);
  });

  it('a report whose sections were reordered is named as a near miss', async () => {
    const { header, ...rest } = json(oomReport);
    const result = await runCase([tempFile('report.json', JSON.stringify({ ...rest, header }))], { ...quietContext(), options: {} });
    expect(result.failures[0].message).toMatch(/^report\.json: is not a recognised input: it looks like Node\.js diagnostic report .* but its first section is not the report header/);
  });
});
