import { boundText, MAX_PROSE_CHARS } from '../../core/boundedText';
import { formatBytes } from '../../core/byteFormat';
import type { EvidenceItem } from '../../core/finding';
import { InputError } from '../../core/inputError';
import { groupDigits, plural } from '../../core/numberFormat';
import type { InputFormat, InputNotice, LoadContext, Loaded } from '../../ingest/capability';
import type { FileSource } from '../../ingest/fileSource';
import { jsonCutNotice, jsonDocumentOf } from '../../ingest/jsonDocument';
import type { ParsedEvent, TimelineArtifact } from '../artifact';
import { parseTimestamp } from '../timeParse';
import { readJsonText } from './jsonDocument';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

/** Node writes `OOMError` (v20+) or `FatalError` with V8's message for a heap-limit death. */
const isOom = (trigger: string, event: string) => trigger === 'OOMError' || /heap out of memory|Allocation failed/i.test(event);

/** A `node [flags] script args` command line: node's own flags (before the script) and the script, when there is one. */
function commandOf(commandLine: unknown): { executable: string; flags: string[]; script?: string } {
  const argv = Array.isArray(commandLine) ? commandLine.filter((a): a is string => typeof a === 'string') : [];
  const at = argv.findIndex((a, i) => i > 0 && !a.startsWith('-'));
  return { executable: argv[0] ?? 'node', flags: argv.slice(1, at < 0 ? undefined : at), ...(at < 0 ? {} : { script: argv[at] }) };
}

/** The script the command runs, else the executable: what the process is known as. */
function processName(commandLine: unknown): string {
  const { executable, script } = commandOf(commandLine);
  const path = script ?? executable;
  return path.split(/[\\/]/).pop() ?? path;
}

const OLD_SPACE_FLAG = /^--max[-_]old[-_]space[-_]size=\d+$/;

/**
 * The V8 flag that set the heap's limit, and where: node's own flags on its command line (a flag
 * after the script is the program's argument), else NODE_OPTIONS in the environment the report
 * lists. The last one given wins, as in V8.
 */
function heapLimitFlag(commandLine: unknown, environment: Json): string | undefined {
  const flags = commandOf(commandLine).flags.filter((a) => OLD_SPACE_FLAG.test(a));
  if (flags.length) return `${flags[flags.length - 1]}, on its command line`;
  const fromEnv = (text(environment.NODE_OPTIONS) ?? '').split(/\s+/).filter((a) => OLD_SPACE_FLAG.test(a));
  return fromEnv.length ? `${fromEnv[fromEnv.length - 1]}, in NODE_OPTIONS` : undefined;
}

/** Heap use, the limit, each non-empty heap space and the process's memory: what the report measured. */
function memoryEvidence(heap: Json, usage: Json): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const add = (label: string, v: unknown) => {
    const n = num(v);
    if (n !== undefined) out.push({ label, value: n, unit: 'bytes' });
  };
  add('V8 heap used', heap.usedMemory);
  add('V8 heap limit', heap.memoryLimit);
  for (const [space, s] of Object.entries(obj(heap.heapSpaces))) if ((num(obj(s).used) ?? 0) > 0) add(`${space} used`, obj(s).used);
  add('external memory', heap.externalMemory);
  add('rss', usage.rss);
  add('max rss', usage.maxRss);
  return out;
}

/** `12 handles: 4 async, 2 timer, 1 tcp (127.0.0.1:38649) …; 3 keep the loop alive`. */
function handleSummary(libuv: unknown): string {
  const handles = Array.isArray(libuv) ? libuv.map(obj).filter((h) => h.type !== 'loop') : [];
  if (handles.length === 0) return 'no libuv handles listed';
  const counts = new Map<string, number>();
  for (const h of handles) counts.set(String(h.type), (counts.get(String(h.type)) ?? 0) + 1);
  const endpoints = handles.flatMap((h) => {
    const local = obj(h.localEndpoint);
    return h.type === 'tcp' || h.type === 'udp' ? [`${String(h.type)} ${text(local.ip4) ?? text(local.ip6) ?? text(local.host) ?? '?'}:${text(local.port) ?? '?'}`] : [];
  });
  const referenced = handles.filter((h) => h.is_referenced === true).length;
  return `${plural(handles.length, 'libuv handle')} (${[...counts].map(([t, n]) => `${groupDigits(n)} ${t}`).join(', ')}${endpoints.length ? `; ${endpoints.join(', ')}` : ''}), ${groupDigits(referenced)} keeping the loop alive`;
}

/**
 * The stack at the event: the JavaScript one when Node recorded it; at an out-of-memory error it
 * does not (`"No stack."`, `"Unavailable."`), so the native frames below the report's own say where
 * V8 gave up.
 */
function stackOf(report: Json): string[] {
  const js = obj(report.javascriptStack);
  const frames = Array.isArray(js.stack) ? js.stack.filter((f): f is string => typeof f === 'string' && f !== 'Unavailable.') : [];
  if (frames.length) return frames.map((f) => boundText(f.replace(/^at /, '')));
  const native = Array.isArray(report.nativeStack) ? report.nativeStack.map((f) => (text(obj(f).symbol) ?? '').trim()) : [];
  const below = native.filter((s) => s && s !== '[node]' && !/TriggerNodeReport|OOMErrorHandler|ReportOOMFailure/.test(s));
  return below.length ? ['(Node records no JavaScript stack at an out-of-memory error; native frames:)', ...below.map((s) => boundText(s))] : [];
}

/**
 * A Node.js diagnostic report (`--report-on-fatalerror`, `--report-uncaught-exception`,
 * `process.report.writeReport()`): its moment as an event — an out-of-memory death is an OOM event
 * whose account (heap spaces, rss, the stack) joins the kernel's and Kubernetes' accounts of it.
 */
async function loadNodeReport(source: FileSource, ctx: LoadContext): Promise<Loaded<TimelineArtifact>> {
  const parsed = jsonDocumentOf(source.name, await readJsonText(source, ctx, 'reading Node report', 'it is not a diagnostic report of one process'));
  const report = obj(parsed.doc);
  const header = obj(report.header);
  const time = parseTimestamp(header.dumpEventTimeStamp) ?? parseTimestamp(header.dumpEventTime);
  if (!time) throw new InputError(source.name, 'has no time in its header (dumpEventTimeStamp, dumpEventTime)', { section: 'header' });
  const trigger = text(header.trigger) ?? 'unknown';
  const what = text(header.event) ?? trigger;
  const name = processName(header.commandLine);
  const pid = num(header.processId);
  const heap = obj(report.javascriptHeap);
  const usage = obj(report.resourceUsage);
  const evidence = memoryEvidence(heap, usage);
  const stack = stackOf(report);
  const oom = isOom(trigger, what);
  const handles = handleSummary(report.libuv);
  const memory = evidence.filter((e) => ['V8 heap used', 'V8 heap limit', 'rss'].includes(e.label)).map((e) => `${e.label} ${formatBytes(Number(e.value))}`).join(', ');
  const who = `${name}${pid !== undefined ? ` (pid ${pid})` : ''}`;
  const event: ParsedEvent = {
    atMs: time.ms,
    // An uncaught exception or other fatal error ends the process: a restart follows.
    kind: oom ? 'oom' : trigger === 'Exception' || trigger === 'FatalError' ? 'restart' : 'note',
    title: boundText(oom ? `V8 heap out of memory: ${who}` : `Node report (${trigger}): ${who} — ${what}`),
    detail: boundText(`${what}. ${memory ? `${memory}. ` : ''}${handles}.${stack.length ? ` Stack: ${stack.slice(0, 3).join(' ← ')}` : ''}`, MAX_PROSE_CHARS),
    source: source.name,
    service: boundText(name),
  };
  const limitSetBy = heapLimitFlag(header.commandLine, obj(report.environmentVariables));
  if (oom) event.oom = { by: 'process', ...(pid !== undefined ? { pid } : {}), ...(typeof header.host === 'string' ? { host: header.host } : {}), evidence, ...(stack.length ? { stack } : {}), ...(limitSetBy ? { limitSetBy } : {}) };
  const notices: InputNotice[] = [{ message: `Node ${text(header.nodejsVersion) ?? ''} diagnostic report, trigger ${trigger}: ${what}` }];
  if (parsed.cut) notices.unshift(jsonCutNotice(parsed.cut, 'the report was cut; its sections before the cut are read'));
  return { artifact: { series: [], events: [event], floatingEvents: [] }, complete: !parsed.cut, notices };
}

const REPORT_HEADER = /^\s*\{\s*"header"\s*:\s*\{\s*"reportVersion"\s*:/;

export const nodeReportFormat: InputFormat<TimelineArtifact> = {
  id: 'node-report',
  label: 'Node.js diagnostic report (--report-on-fatalerror, process.report)',
  sniff: (head) => REPORT_HEADER.test(head),
  nearMiss: (head) =>
    /^\s*\{/.test(head) && /"javascriptHeap"\s*:/.test(head) && /"libuv"\s*:|"resourceUsage"\s*:/.test(head)
      ? 'its first section is not the report header ({"header": {"reportVersion": …}}): was it edited or re-serialised?'
      : undefined,
  load: loadNodeReport,
};
