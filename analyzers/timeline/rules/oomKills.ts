import { severityOf } from '../../core/severity';
import type { EpochMillis } from '../../core/units';
import type { Finding } from '../../core/finding';
import type { FloatingEvent, OomAccount } from '../artifact';
import { groupOomKills, type OomKill } from './sameKill';
import { sourcesOf, type Detection, type RuleInput } from './rule';
import { formatDuration } from '../../core/durationFormat';
import { formatUtc } from '../../core/timeFormat';
import { plural } from '../../core/numberFormat';

const OOM_FIX = 'Find what grows (heap snapshots, leak reports, the memory-growth finding) and bound it; set a memory limit with headroom and alert well before it.';

/**
 * Kills a kernel log counted in seconds since an unknown boot: evidence all the same, listed with
 * the time unknown rather than dropped.
 */
export function untimedOomFinding(events: readonly FloatingEvent[]): Finding | undefined {
  const kills = events.filter((e) => e.kind === 'oom');
  if (kills.length === 0) return undefined;
  const services = [...new Set(kills.map((k) => k.service ?? 'a process'))];
  const impact = { oomKills: kills.length };
  return {
    id: 'timeline.oom-untimed.0',
    analysis: 'timeline.oom-kills',
    category: 'oom',
    severity: severityOf(impact),
    impact,
    title: `${services.join(', ')} killed by the OOM killer ${plural(kills.length, 'time')} (time unknown: the kernel log counts seconds since boot)`,
    detail: `The kernel ran out of memory and killed ${services.join(', ')}: ${kills.map((k) => `${k.at.kind === 'since-boot' ? `${k.at.secondsSinceBoot.toFixed(3)} s after boot` : 'at an unknown time'} — ${k.title}`).join('; ')}. The log gives no wall-clock time; with the host's boot time (--boot-time, or a dmesg -T or journal log of the same boot in the case) these kills are placed on the timeline.`,
    evidence: kills.map((k) => ({ label: k.at.kind === 'since-boot' ? `${k.at.secondsSinceBoot.toFixed(3)} s after boot` : 'time unknown', value: k.title })),
    paths: [{ label: 'OOM kills (seconds since boot)', steps: kills.map((k) => k.title) }],
    suggestedFix: OOM_FIX,
    sources: [...new Set(kills.map((k) => k.source))],
  };
}

const SEEN_BY: Record<OomAccount['by'], string> = { kernel: 'the kernel log', kubernetes: 'Kubernetes', process: "the process's own report" };

/**
 * `, at the heap limit set by --max-old-space-size=64, on its command line`: the limit its own
 * configuration set, said where the reader weighs the kill (a limit set too low ends the same way as a
 * leak). The value the flag set stays in the account's evidence (V8 heap limit).
 */
function limitOf(accounts: readonly OomAccount[]): string {
  const set = [...new Set(accounts.flatMap((a) => (a.limitSetBy ? [a.limitSetBy] : [])))];
  return set.length === 1 ? `, at the heap limit set by ${set[0]}` : '';
}

/**
 * OOM kills per service: how often, where and over how long. A kill told by several inputs (the
 * kernel's line, Kubernetes' OOMKilled, the process's diagnostic report) is one kill with each
 * account as its evidence.
 */
export function detectOomKills(input: RuleInput): Detection[] {
  const byService = new Map<string, OomKill[]>();
  for (const kill of groupOomKills(input.events, input.oomAccounts)) byService.set(kill.service, [...(byService.get(kill.service) ?? []), kill]);
  const out: Detection[] = [];
  for (const [service, kills] of byService) {
    const startMs = kills[0].atMs;
    const endMs = (kills[kills.length - 1].atMs + 1) as EpochMillis;
    const span = kills.length > 1 ? ` within ${formatDuration(endMs - startMs)}` : '';
    const accounts = kills.flatMap((k) => k.accounts);
    // V8 stopping at its own heap limit is not the kernel's OOM killer: say which it was.
    const killer = accounts.length && accounts.every((a) => a.by === 'process') ? 'ran out of memory' : 'killed by the OOM killer';
    const seenBy = [...new Set(accounts.map((a) => SEEN_BY[a.by]))];
    const told = (k: OomKill) => `${formatUtc(k.atMs)} — ${k.events.map((e) => e.title).join(' = ')}`;
    const events = kills.flatMap((k) => k.events);
    const stacks = kills.flatMap((k) => k.accounts.filter((a) => a.stack?.length).map((a) => ({ at: k.atMs, steps: a.stack ?? [] })));
    out.push({
      label: `OOM kills: ${service}`,
      seriesIds: [],
      finding: {
        id: `timeline.oom.${out.length}`,
        analysis: 'timeline.oom-kills',
        category: 'oom',
        severity: severityOf({ oomKills: kills.length }),
        impact: { oomKills: kills.length },
        title: `${service} ${killer} ${plural(kills.length, 'time')}${span} (first ${formatUtc(startMs)})${limitOf(accounts)}`,
        detail:
          `${service} died of out-of-memory: ${kills.map(told).join('; ')}.` +
          (seenBy.length > 1 ? ` Each kill is one event told by ${seenBy.join(', ')}.` : '') +
          ' An OOM kill is the end of a memory story; the memory-growth and heap findings tell its beginning.',
        evidence: kills.flatMap((k) => [
          { label: formatUtc(k.atMs), value: k.events[0].detail.split('. ')[0] },
          ...k.accounts.flatMap((a) => a.evidence.map((item) => ({ ...item, label: `${formatUtc(k.atMs)}: ${item.label}` }))),
        ]),
        paths: [
          { label: 'OOM kills', steps: kills.map((k) => `${formatUtc(k.atMs)}: ${k.events.map((e) => e.title).join(' = ')}`) },
          ...stacks.map((s) => ({ label: `stack at the fatal error (${formatUtc(s.at)})`, steps: s.steps })),
        ],
        suggestedFix: OOM_FIX,
        sources: sourcesOf([], events),
        window: { startMs, endMs },
      },
    });
  }
  return out;
}
