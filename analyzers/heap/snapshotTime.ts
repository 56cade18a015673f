import { epochMillis, type EpochMillis } from '../core/units';

/** When a snapshot was written, read from the name its tool gave it. */
export interface SnapshotTime {
  atMs: EpochMillis;
  /** Node's per-process sequence number (`…003.heapsnapshot`), which orders snapshots written in the same second. */
  seq?: number;
  pid?: number;
  /** The name that told it, for the notice. */
  namedBy: 'node' | 'devtools';
}

// Node (`v8.writeHeapSnapshot()`, `--heapsnapshot-signal`, `--heapsnapshot-near-heap-limit`):
// Heap.YYYYMMDD.HHMMSS.<pid>.<thread id>.<seq>.heapsnapshot (src/util.cc DiagnosticFilename).
const NODE_NAME = /(?:^|[/\\])Heap\.(\d{4})(\d{2})(\d{2})\.(\d{2})(\d{2})(\d{2})\.(\d+)\.(\d+)\.(\d+)\.heapsnapshot(?:\.gz)?$/;
// Chrome DevTools' Save: Heap-YYYYMMDDTHHMMSS.heapsnapshot (Platform.DateUtilities.toISO8601Compact).
const DEVTOOLS_NAME = /(?:^|[/\\])Heap-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.heap(?:snapshot|timeline)(?:\.gz)?$/;

/**
 * The capture time a snapshot's file name carries. A heap snapshot holds no wall-clock time of its
 * own (its `samples` are relative to the start of allocation tracking), so the default names that
 * Node and DevTools give are the only clock. Both write the recording machine's local time without
 * its zone: the time is read as UTC and differences between snapshots (rates) do not depend on it.
 */
export function snapshotTimeFromName(file: string): SnapshotTime | undefined {
  const node = NODE_NAME.exec(file);
  const m = node ?? DEVTOOLS_NAME.exec(file);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const atMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(atMs);
  // 20261399.256199 is a name, not a time.
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || back.getUTCHours() !== hour || back.getUTCMinutes() !== minute || back.getUTCSeconds() !== second) return undefined;
  return node ? { atMs: epochMillis(atMs), pid: Number(node[7]), seq: Number(node[9]), namedBy: 'node' } : { atMs: epochMillis(atMs), namedBy: 'devtools' };
}
