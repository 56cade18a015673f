import { InputError } from '../core/inputError';
import { groupDigits } from '../core/numberFormat';
import { epochMillis, nanos, type Nanos } from '../core/units';
import type { InputFormat, InputNotice, LoadContext, Loaded } from '../ingest/capability';
import { readWhole, type FileSource } from '../ingest/fileSource';
import { jsonCutNotice, jsonDocumentOf } from '../ingest/jsonDocument';
import { makeFrame } from './frames';
import { emptyCapture, type CallerCount, type LockCapture, type LockRow } from './model';

/**
 * Aftermath lock-stats JSON: the counters an application keeps about its own locks (docs/locks.md).
 * Small by nature (one record per lock), so it is read whole; every field is checked and a bad
 * one is named by its path (`locks[2].callers[0].waitTotalNs`).
 */
const LOCK_STATS_FORMAT = 'aftermath-lock-stats';
const MAX_BYTES = 64 * 1024 * 1024;

export const sniffLockStatsJson = (head: string): boolean => /^\s*\{/.test(head) && /"format"\s*:\s*"aftermath-lock-stats"/.test(head);

type Json = Record<string, unknown>;

class Fields {
  constructor(
    private readonly file: string,
    private readonly obj: Json,
    private readonly path: string,
  ) {}

  fail(key: string, what: string): never {
    throw new InputError(this.file, `${this.path}${this.path ? '.' : ''}${key} ${what}`, { section: this.path || 'root' });
  }

  string(key: string): string;
  string(key: string, optional: true): string | undefined;
  string(key: string, optional = false): string | undefined {
    const v = this.obj[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v === '') this.fail(key, 'must be a non-empty string');
    return v;
  }

  count(key: string): number;
  count(key: string, optional: true): number | undefined;
  count(key: string, optional = false): number | undefined {
    const v = this.obj[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) this.fail(key, 'must be a non-negative number');
    return v;
  }

  ns(key: string): Nanos | undefined {
    const v = this.count(key, true);
    return v === undefined ? undefined : nanos(v);
  }

  array(key: string): Json[] {
    const v = this.obj[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((e) => typeof e !== 'object' || e === null || Array.isArray(e))) this.fail(key, 'must be an array of objects');
    return v as Json[];
  }

  strings(key: string): string[] | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((e) => typeof e !== 'string')) this.fail(key, 'must be an array of strings');
    return v as string[];
  }
}

function caller(file: string, obj: Json, path: string): CallerCount {
  const f = new Fields(file, obj, path);
  const fn = f.string('function');
  const stack = f.strings('stack') ?? [fn];
  const c: CallerCount = { label: fn, count: f.count('contended'), stack: stack.map((s) => makeFrame(s, undefined, undefined)) };
  const wait = f.ns('waitTotalNs');
  if (wait !== undefined) c.waitTotalNs = wait;
  return c;
}

function lockRow(file: string, obj: Json, path: string): LockRow {
  const f = new Fields(file, obj, path);
  const row: LockRow = {
    label: f.string('name'),
    labelTruncated: false,
    acquired: f.count('acquisitions'),
    contended: f.count('contended'),
    stack: [],
    callers: f.array('callers').map((c, i) => caller(file, c, `${path}.callers[${i}]`)),
  };
  if (row.contended > (row.acquired ?? 0)) f.fail('contended', `(${groupDigits(row.contended)}) exceeds acquisitions (${groupDigits(row.acquired ?? 0)})`);
  const optional: [keyof LockRow & `${string}Ns`, string][] = [
    ['waitTotalNs', 'waitTotalNs'],
    ['waitMaxNs', 'waitMaxNs'],
    ['holdTotalNs', 'holdTotalNs'],
    ['holdMaxNs', 'holdMaxNs'],
  ];
  for (const [field, key] of optional) {
    const v = f.ns(key);
    if (v !== undefined) (row as unknown as Record<string, Nanos>)[field] = v;
  }
  if (row.waitTotalNs === undefined) f.fail('waitTotalNs', 'is required (0 when the lock was never contended)');
  if (row.contended) row.waitAvgNs = nanos((row.waitTotalNs ?? 0) / row.contended);
  const kind = f.string('kind', true);
  if (kind) row.lockType = kind;
  const address = f.string('address', true);
  if (address) row.address = address;
  const reads = f.count('reads', true);
  const writes = f.count('writes', true);
  if (reads !== undefined) row.reads = reads;
  if (writes !== undefined) row.writes = writes;
  const instances = f.count('instances', true);
  if (instances !== undefined) row.instances = instances;
  const nested = f.strings('acquiredWhileHolding');
  if (nested) row.nestedLocks = nested;
  return row;
}

export function parseLockStatsJson(file: string, text: string): Loaded<LockCapture> {
  const parsed = jsonDocumentOf(file, text);
  const doc = parsed.doc;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new InputError(file, 'must be a JSON object');
  const root = new Fields(file, doc as Json, '');
  if (root.string('format') !== LOCK_STATS_FORMAT) root.fail('format', `must be "${LOCK_STATS_FORMAT}"`);
  const version = root.count('version');
  const notices: InputNotice[] = [];
  if (version !== 1) notices.push({ message: `lock-stats version ${version}: read as version 1` });
  const capture = emptyCapture('aftermath-json', 'lock-stats');
  // In a cut document the last record of a list may lack fields the cut took: it is not in the file.
  const lastMayBeCut = <T>(items: Json[], build: (item: Json, i: number) => T): T[] => {
    if (!parsed.cut || items.length === 0) return items.map(build);
    const whole = items.slice(0, -1).map(build);
    try {
      whole.push(build(items[items.length - 1], items.length - 1));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
    }
    return whole;
  };
  capture.byLock = lastMayBeCut(root.array('locks'), (l, i) => lockRow(file, l, `locks[${i}]`));
  capture.byThread = lastMayBeCut(root.array('threads'), (t, i): LockRow => {
    const f = new Fields(file, t, `threads[${i}]`);
    const row: LockRow = { label: f.string('name'), labelTruncated: false, contended: f.count('contended'), stack: [], callers: [] };
    const tid = f.count('tid', true);
    if (tid !== undefined) row.tid = tid;
    const wait = f.ns('waitTotalNs');
    if (wait !== undefined) row.waitTotalNs = wait;
    return row;
  });
  const capturedAt = root.string('capturedAt', true);
  const durationMs = root.count('durationMs', true);
  if (durationMs !== undefined) capture.spanNs = nanos(durationMs * 1e6);
  if (capturedAt !== undefined) {
    const start = Date.parse(capturedAt);
    if (Number.isNaN(start)) root.fail('capturedAt', 'must be an ISO 8601 date-time');
    capture.window = durationMs !== undefined ? { startMs: epochMillis(start), endMs: epochMillis(start + durationMs) } : { startMs: epochMillis(start) };
  }
  const program = root.string('program', true);
  if (program) capture.program = program;
  if (parsed.cut && capture.byLock.length === 0 && capture.byThread.length === 0) {
    throw new InputError(file, 'is cut before its first complete lock record: nothing to read', { byteOffset: parsed.cut.byteOffset, line: parsed.cut.line });
  }
  if (parsed.cut) notices.unshift(jsonCutNotice(parsed.cut, `the file was cut; read are the ${groupDigits(capture.byLock.length)} locks and ${groupDigits(capture.byThread.length)} threads before the cut`));
  return { artifact: capture, complete: !parsed.cut, notices };
}

async function loadLockStatsJson(source: FileSource, ctx: LoadContext): Promise<Loaded<LockCapture>> {
  const tooLarge = () => new InputError(source.name, `lock-stats JSON is larger than ${MAX_BYTES / 2 ** 20} MiB; export one record per lock, not per acquisition`, { byteOffset: MAX_BYTES });
  return parseLockStatsJson(source.name, (await readWhole(source, MAX_BYTES, tooLarge, undefined, ctx.signal)).toString('utf8'));
}

export const lockStatsJsonFormat: InputFormat<LockCapture> = {
  id: 'aftermath-lock-stats',
  label: 'Aftermath lock-stats JSON (application counters)',
  sniff: sniffLockStatsJson,
  nearMiss: (head) => {
    const format = /^\s*\{[\s\S]*?"format"\s*:\s*"(aftermath-lock[^"]*)"/.exec(head)?.[1];
    return format === undefined ? undefined : `its "format" is ${JSON.stringify(format)}, not "${LOCK_STATS_FORMAT}"`;
  },
  load: loadLockStatsJson,
};
