import { InputError } from '../../core/inputError';
import { groupDigits, plural } from '../../core/numberFormat';
import { bytes, type EpochMillis } from '../../core/units';
import type { InputFormat, Loaded } from '../../ingest/capability';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { ParsedEvent, TimelineArtifact } from '../artifact';
import type { MemoryCaptureKind, MemoryParts, ProcessMemoryCapture } from '../processMemory';
import { SeriesBuilder } from '../seriesBuilder';
import { CaptureClock, captureLoop } from './captureClock';

/** `VmRSS:\t  123456 kB` (status, smaps_rollup) or `anon 123456` (cgroup memory.stat, memory.events). */
const KB_FIELD = /^([A-Za-z_()]+):\s+(\d+) kB$/;
const RAW_FIELD = /^([a-z_]+) (\d+)$/;
const TEXT_FIELD = /^([A-Za-z_]+):\s*(.*)$/;
const ROLLUP = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s+\[rollup\]$/;
/** v1 prints the largest page-aligned 64-bit number when no limit is set. */
const NO_LIMIT = 2 ** 60;

type Fields = Map<string, number>;

function kindOf(f: Fields): MemoryCaptureKind | undefined {
  if (f.has('VmRSS')) return 'proc-status';
  if (f.has('Rss') && f.has('Anonymous')) return 'smaps-rollup';
  if (f.has('anon') && f.has('file')) return 'cgroup-v2';
  if (f.has('cache') && f.has('rss')) return 'cgroup-v1';
  return undefined;
}

const b = (f: Fields, key: string): number | undefined => f.get(key);

/** The parts a capture states, in bytes. */
function partsOf(kind: MemoryCaptureKind, f: Fields): MemoryParts {
  const pick = (entries: [keyof MemoryParts, number | undefined][]): MemoryParts =>
    Object.fromEntries(entries.filter((e): e is [keyof MemoryParts, number] => e[1] !== undefined && Number.isFinite(e[1])).map(([k, v]) => [k, bytes(v)]));
  switch (kind) {
    case 'proc-status':
      return pick([['rss', b(f, 'VmRSS')], ['anon', b(f, 'RssAnon')], ['file', b(f, 'RssFile')], ['shmem', b(f, 'RssShmem')], ['swap', b(f, 'VmSwap')]]);
    case 'smaps-rollup':
      // smaps_rollup has no resident shmem apart from file pages: what is not anonymous is file-backed or shmem.
      return pick([['rss', b(f, 'Rss')], ['anon', b(f, 'Anonymous')], ['file', (b(f, 'Rss') ?? NaN) - (b(f, 'Anonymous') ?? NaN)], ['swap', b(f, 'Swap')]]);
    case 'cgroup-v2': {
      const kernel = b(f, 'kernel') ?? (['kernel_stack', 'slab', 'pagetables', 'percpu', 'sock'].some((k) => f.has(k)) ? ['kernel_stack', 'slab', 'pagetables', 'percpu', 'sock'].reduce((s, k) => s + (f.get(k) ?? 0), 0) : undefined);
      const anon = b(f, 'anon');
      const file = b(f, 'file');
      return pick([['rss', anon !== undefined && file !== undefined ? anon + file + (kernel ?? 0) : undefined], ['anon', anon], ['file', file], ['shmem', b(f, 'shmem')], ['kernel', kernel]]);
    }
    case 'cgroup-v1': {
      // total_* include the child groups (use_hierarchy); the plain keys count this group alone.
      const anon = b(f, 'total_rss') ?? b(f, 'rss');
      const file = b(f, 'total_cache') ?? b(f, 'cache');
      const limit = b(f, 'hierarchical_memory_limit');
      return pick([['rss', anon !== undefined && file !== undefined ? anon + file : undefined], ['anon', anon], ['file', file], ['shmem', b(f, 'total_shmem') ?? b(f, 'shmem')], ['swap', b(f, 'total_swap') ?? b(f, 'swap')], ['limit', limit !== undefined && limit < NO_LIMIT ? limit : undefined]]);
    }
  }
}

const SERIES: Record<keyof MemoryParts, string> = {
  rss: 'rss_bytes',
  anon: 'rss_anon_bytes',
  file: 'rss_file_bytes',
  shmem: 'rss_shmem_bytes',
  swap: 'swap_bytes',
  kernel: 'kernel_bytes',
  limit: 'limit_bytes',
};

/**
 * `/proc/PID/status`, `/proc/PID/smaps_rollup` and cgroup `memory.stat` (v1 and v2), with
 * `memory.events` (v2) or `memory.oom_control` (v1) beside them: one capture, or a capture loop's
 * log with a stamp line before each capture. A key seen twice also starts the next capture.
 * Dated captures become series (process_… or cgroup_…); the first and last captures are kept
 * whole for the "where the RSS went" breakdown, and a rising `oom_kill` becomes OOM events.
 */
class ProcessMemoryParser implements LineParser<TimelineArtifact> {
  private readonly clock = new CaptureClock();
  private readonly builder: SeriesBuilder;
  private readonly badLines = new LineTally();
  private fields: Fields = new Map();
  private stampMs: EpochMillis | undefined;
  private name: string | undefined;
  private pid: number | undefined;
  private kind: MemoryCaptureKind | undefined;
  private first: MemoryParts | undefined;
  private last: MemoryParts | undefined;
  private firstAtMs: EpochMillis | undefined;
  private lastAtMs: EpochMillis | undefined;
  private captures = 0;
  private undated = 0;
  private oomKillsSeen: number | undefined;
  private oomKills = 0;
  private readonly events: ParsedEvent[] = [];

  constructor(private readonly file: string) {
    this.builder = new SeriesBuilder(file);
  }

  push(text: string, lineNo: number): void {
    const t = text.trim();
    if (t === '' || ROLLUP.test(t)) return;
    if (this.clock.read(t)) {
      this.close();
      this.stampMs = this.clock.atMs;
      return;
    }
    const kb = KB_FIELD.exec(t);
    const raw = kb ? undefined : RAW_FIELD.exec(t);
    if (kb || raw) {
      const [, key, value] = (kb ?? raw)!;
      if (this.fields.has(key)) this.close();
      this.fields.set(key, Number(value) * (kb ? 1024 : 1));
      return;
    }
    const text_ = TEXT_FIELD.exec(t);
    if (text_) {
      // status' other fields (State, Uid, Cpus_allowed…) carry no memory; Name and Pid name the process.
      if (text_[1] === 'Name') this.name = text_[2];
      else if (text_[1] === 'Pid' && /^\d+$/.test(text_[2])) this.pid = Number(text_[2]);
      return;
    }
    this.badLines.add(lineNo);
  }

  private close(): void {
    const f = this.fields;
    this.fields = new Map();
    if (f.size === 0) return;
    const kind = kindOf(f);
    if (kind === undefined) {
      // memory.events / memory.oom_control alone: only the OOM counter.
      this.countOomKills(f);
      return;
    }
    this.kind ??= kind;
    this.captures++;
    const parts = partsOf(kind, f);
    // A cgroup whose processes were all killed reads zero: the breakdown is of the last one with memory.
    if (parts.rss !== 0) {
      this.first ??= parts;
      this.last = parts;
    }
    const at = this.stampMs;
    this.stampMs = undefined;
    this.countOomKills(f, at);
    if (at === undefined) {
      this.undated++;
      return;
    }
    this.firstAtMs ??= at;
    this.lastAtMs = at;
    const prefix = kind.startsWith('cgroup') ? 'cgroup_memory_' : 'process_';
    const labels: Record<string, string> = this.name ? { process: this.name } : {};
    for (const [part, value] of Object.entries(parts) as [keyof MemoryParts, number][]) {
      this.builder.add(`${prefix}${SERIES[part]}`, 'bytes', labels, at, value);
    }
  }

  private countOomKills(f: Fields, at = this.stampMs): void {
    const kills = f.get('oom_kill');
    if (kills === undefined) return;
    const before = this.oomKillsSeen;
    this.oomKillsSeen = kills;
    if (before === undefined || kills <= before) return;
    this.oomKills += kills - before;
    if (at === undefined) return;
    this.events.push({
      atMs: at,
      kind: 'oom',
      title: `OOM kill in the memory cgroup (oom_kill ${before} → ${kills})`,
      detail: `The cgroup's oom_kill counter rose by ${kills - before} between two captures: the kernel killed a process of the group for reaching its memory limit.`,
      source: this.file,
      service: this.name ?? 'memory cgroup',
    });
  }

  finish(): Loaded<TimelineArtifact> {
    this.close();
    if (!this.kind || !this.first || !this.last) {
      throw new InputError(this.file, 'has no memory fields of /proc/PID/status (VmRSS), smaps_rollup (Rss, Anonymous) or a cgroup memory.stat (anon/file, rss/cache)');
    }
    const capture: ProcessMemoryCapture = { file: this.file, kind: this.kind, captures: this.captures, first: this.first, last: this.last };
    if (this.name) capture.process = this.name;
    if (this.pid !== undefined) capture.pid = this.pid;
    if (this.firstAtMs !== undefined) capture.firstAtMs = this.firstAtMs;
    if (this.lastAtMs !== undefined) capture.lastAtMs = this.lastAtMs;
    if (this.oomKills) capture.oomKills = this.oomKills;
    const notices = tallyNotices([this.badLines, 'not memory fields']);
    if (this.captures > 1 && this.undated === this.captures) notices.push({ message: `${plural(this.captures, 'capture')} without time stamps: read as a before/after pair only; for a series capture with ${captureLoop('cat /proc/PID/status')}` });
    else if (this.undated && this.undated < this.captures) notices.push({ message: `${groupDigits(this.undated)} of ${plural(this.captures, 'capture')} have no time stamp (not on the timeline)` });
    return {
      artifact: { series: this.builder.build(), events: this.events, floatingEvents: [], processMemory: [capture] },
      complete: this.badLines.count === 0,
      notices,
    };
  }
}

const has = (head: string, re: RegExp) => re.test(head);

export const processMemoryFormat: InputFormat<TimelineArtifact> = {
  id: 'process-memory',
  label: 'Process memory (/proc/PID/status, smaps_rollup, cgroup memory.stat / memory.events; one capture or a dated series)',
  sniff: (head) =>
    (has(head, /^VmRSS:\s+\d+ kB$/m) && has(head, /^Name:\s/m)) ||
    (has(head, /^Rss:\s+\d+ kB$/m) && has(head, /^Anonymous:\s+\d+ kB$/m)) ||
    (has(head, /^anon \d+$/m) && has(head, /^file \d+$/m)) ||
    (has(head, /^cache \d+$/m) && has(head, /^rss \d+$/m) && has(head, /^mapped_file \d+$/m)),
  nearMiss: (head) =>
    has(head, /^(low|high|max|oom|oom_kill) \d+$/m) && has(head, /^oom_kill \d+$/m)
      ? 'it holds only memory.events (OOM counters): capture memory.stat with it (`cat memory.stat memory.events`) so that the memory can be split'
      : has(head, /^Name:\s/m) && has(head, /^Pid:\s+\d+$/m)
        ? 'it has no VmRSS: a kernel thread, or a process that had exited (its /proc/PID/status has no memory)'
        : undefined,
  load: (source, ctx) => loadLines(source, ctx, new ProcessMemoryParser(source.name), 'reading process memory captures'),
};
