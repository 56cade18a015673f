import type { EvidenceItem } from '../../core/finding';
import { InputError } from '../../core/inputError';
import type { EpochMillis } from '../../core/units';
import type { InputFormat, InputNotice, Loaded } from '../../ingest/capability';
import { formatBytes } from '../../core/byteFormat';
import { plural } from '../../core/numberFormat';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { FloatingEvent, FloatingTime, ParsedEvent, TimelineArtifact } from '../artifact';
import { MONTHS, msOfDay, parseTimestamp } from '../timeParse';

// rsyslog RFC 3339 (Debian's default) and `journalctl -o short-iso`: full date and host.
const ISO_SYSLOG = /^(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)\s+(\S+)\s+([^\s:[]+)(?:\[\d+\])?:\s?(.*)$/;
// BSD syslog and `journalctl` short: no year.
const BSD_SYSLOG = /^([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\S+)\s+([^\s:[]+)(?:\[\d+\])?:\s?(.*)$/;
// `dmesg -T`: the kernel's guess of wall-clock time (local time of the host, no zone).
const DMESG_T = /^\[[A-Z][a-z]{2} ([A-Z][a-z]{2})\s+(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})\]\s?(.*)$/;
// Plain `dmesg`: seconds since boot, which cannot be placed on a clock without the boot time.
const DMESG_RAW = /^\[\s*(\d+\.\d+)\]\s?(.*)$/;
const MONOTONIC_PREFIX = /^\[\s*\d+\.\d+\]\s?/;

// Kernels since 5.0 say `Out of memory: Killed process`; 4.x said `Kill process … or sacrifice child`
// and then `Killed process … total-vm`. The command name may itself hold parentheses (`(resolved)`).
const OOM_KILL = /(?:(Memory cgroup out of memory)|Out of memory(?: \([^)]*\))?): Killed process (\d+) \((.*?)\)(?=[ ,]|$)(.*)$|^Killed process (\d+) \((.*?)\)( total-vm.*)$/;

interface KernelLine {
  at: EpochMillis | FloatingTime | undefined;
  /** The monotonic `[seconds]` prefix, when the line has one: with a wall-clock time it gives the boot time. */
  sinceBootS?: number;
  host?: string;
  message: string;
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.toLowerCase());
}

/** A kernel-log line in any of the layouts above, or undefined when it is none of them. */
export function readKernelLine(text: string): KernelLine | undefined {
  let m = ISO_SYSLOG.exec(text);
  if (m) {
    if (m[3] !== 'kernel') return { at: undefined, message: '' };
    const t = parseTimestamp(m[1]);
    const mono = MONOTONIC_PREFIX.exec(m[4]);
    return { at: t?.ms, host: m[2], message: m[4].replace(MONOTONIC_PREFIX, ''), ...(mono ? { sinceBootS: Number(/[\d.]+/.exec(mono[0])?.[0]) } : {}) };
  }
  m = BSD_SYSLOG.exec(text);
  if (m) {
    if (m[7] !== 'kernel') return { at: undefined, message: '' };
    const ms = msOfDay(m[3], m[4], m[5]);
    const month = monthIndex(m[1]);
    const at: FloatingTime | undefined = ms === undefined || month < 0 ? undefined : { kind: 'yearless', month, day: Number(m[2]), msOfDay: ms };
    return { at, host: m[6], message: m[8].replace(MONOTONIC_PREFIX, '') };
  }
  m = DMESG_T.exec(text);
  if (m) {
    const month = monthIndex(m[1]);
    const at = month < 0 ? undefined : (Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) as EpochMillis);
    return { at, message: m[7] };
  }
  m = DMESG_RAW.exec(text);
  if (m) return { at: { kind: 'since-boot', secondsSinceBoot: Number(m[1]) }, message: m[2] };
  return undefined;
}

/** The kernel's OOM-killer line (also relayed by node-problem-detector as a Kubernetes event). */
export function readOomKill(message: string): { pid: number; name: string; cgroup: boolean; evidence: EvidenceItem[] } | undefined {
  const m = OOM_KILL.exec(message);
  if (!m) return undefined;
  const rest = m[4] ?? m[7] ?? '';
  const kb = (field: string): EvidenceItem[] => {
    const f = new RegExp(`${field}:(\\d+)kB`).exec(rest);
    return f ? [{ label: field, value: Number(f[1]) * 1024, unit: 'bytes' }] : [];
  };
  return { pid: Number(m[2] ?? m[5]), name: m[3] ?? m[6], cgroup: m[1] !== undefined, evidence: [...kb('anon-rss'), ...kb('total-vm')] };
}

/** Turns the kernel's OOM-killer reports into OOM events; every other kernel message is context, not data. */
class KernelLogParser implements LineParser<TimelineArtifact> {
  private readonly events: ParsedEvent[] = [];
  private readonly floating: FloatingEvent[] = [];
  private readonly foreign = new LineTally();
  /** Skipped lines that still read as an OOM kill: a kill the timeline lacks. */
  private readonly lostKills = new LineTally();
  private readonly sinceBoot = new LineTally();
  private bootMs: number | undefined;
  /** Hosts whose lines carried both clocks: each host has its own boot, so two hosts date none. */
  private readonly bootHosts = new Set<string>();
  private dmesgLocalTime = false;
  private kernelLines = 0;

  constructor(private readonly file: string) {}

  push(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    const line = readKernelLine(text);
    if (!line) {
      if (readOomKill(text)) this.lostKills.add(lineNo);
      else this.foreign.add(lineNo);
      return;
    }
    this.kernelLines++;
    // A journal line with both clocks (`2026-…T18:30:12 host kernel: [101234.5] …`) dates the boot.
    if (typeof line.at === 'number' && line.sinceBootS !== undefined) {
      this.bootHosts.add(line.host ?? '');
      this.bootMs ??= line.at - line.sinceBootS * 1000;
    }
    const kill = readOomKill(line.message);
    if (!kill) return;
    const where = line.host ? ` on ${line.host}` : '';
    const sizes = kill.evidence.map((e) => `${e.label} ${formatBytes(Number(e.value))}`).join(', ');
    const event = {
      kind: 'oom' as const,
      oom: { by: 'kernel' as const, pid: kill.pid, ...(line.host ? { host: line.host } : {}), evidence: kill.evidence },
      title: `OOM killer: ${kill.name} (pid ${kill.pid}) killed${where}${kill.cgroup ? ' (memory cgroup limit)' : ''}`,
      detail: `${sizes ? `${sizes}. ` : ''}Kernel log line ${lineNo}: ${line.message}`,
      source: this.file,
      service: kill.name,
    };
    if (line.at === undefined) return;
    if (typeof line.at === 'number') {
      if (DMESG_T.test(text)) this.dmesgLocalTime = true;
      this.events.push({ ...event, atMs: line.at });
    } else {
      if (line.at.kind === 'since-boot') this.sinceBoot.add(lineNo);
      this.floating.push({ ...event, at: line.at });
    }
  }

  finish(): Loaded<TimelineArtifact> {
    if (this.kernelLines === 0) throw new InputError(this.file, 'has no kernel log lines');
    const notices: InputNotice[] = [];
    const oomCount = this.events.length + this.floating.length;
    notices.push({ message: `${plural(oomCount, 'OOM kill')} in ${plural(this.kernelLines, 'log line')}` });
    notices.unshift(...tallyNotices([this.lostKills, 'with an OOM kill but not in a kernel log layout (time unreadable: the kill is left out)']));
    notices.push(
      ...tallyNotices(
        [this.foreign, 'not in a kernel log layout (skipped)'],
        [this.sinceBoot, 'with an OOM kill in seconds since boot (plain dmesg): placed on the timeline when the boot time is known (--boot-time, or the same kill in a dmesg -T or journal log of the case), otherwise listed with the time unknown'],
      ),
    );
    if (this.dmesgLocalTime) notices.push({ message: 'dmesg -T prints the host’s local time without a zone; UTC assumed' });
    if (this.floating.length > this.sinceBoot.count) notices.push({ message: 'syslog times have no year; the year comes from the case’s anchor date' });
    const artifact: TimelineArtifact = { series: [], events: this.events, floatingEvents: this.floating };
    if (this.bootMs !== undefined && this.bootHosts.size === 1) artifact.bootMs = this.bootMs;
    // A time the log does not give is not a part of the file missing; a kill on an unreadable line is.
    return { artifact, complete: this.lostKills.count === 0, notices };
  }
}

export const kernelLogFormat: InputFormat<TimelineArtifact> = {
  id: 'kernel-log',
  label: 'Kernel log / dmesg / journal (OOM-killer reports)',
  sniff: (head) => {
    const lines = head.split('\n').filter((l) => l.trim() !== '').slice(0, 20);
    if (lines.length === 0 || !/kernel|^\[/m.test(head)) return false;
    const kernelLike = lines.filter((l) => readKernelLine(l) !== undefined).length;
    return kernelLike >= Math.ceil(lines.length * 0.6);
  },
  load: (source, ctx) => loadLines(source, ctx, new KernelLogParser(source.name), 'reading kernel log'),
};
