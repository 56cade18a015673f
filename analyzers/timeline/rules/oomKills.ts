import { severityOf } from '../../core/severity';
import type { EpochMillis } from '../../core/units';
import type { TimelineEvent } from '../view';
import type { Finding } from '../../core/finding';
import type { FloatingEvent } from '../artifact';
import { sourcesOf, type Detection, type RuleInput } from './rule';
import { formatDuration } from '../../core/durationFormat';
import { formatUtc } from '../../core/timeFormat';

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
    title: `${services.join(', ')} killed by the OOM killer ${kills.length} time${kills.length > 1 ? 's' : ''} (time unknown: the kernel log counts seconds since boot)`,
    detail: `The kernel ran out of memory and killed ${services.join(', ')}: ${kills.map((k) => `${k.at.kind === 'since-boot' ? `${k.at.secondsSinceBoot.toFixed(3)} s after boot` : 'at an unknown time'} — ${k.title}`).join('; ')}. The log gives no wall-clock time; with the host's boot time (--boot-time, or a dmesg -T or journal log of the same boot in the case) these kills are placed on the timeline.`,
    evidence: kills.map((k) => ({ label: k.at.kind === 'since-boot' ? `${k.at.secondsSinceBoot.toFixed(3)} s after boot` : 'time unknown', value: k.title })),
    paths: [{ label: 'OOM kills (seconds since boot)', steps: kills.map((k) => k.title) }],
    suggestedFix: OOM_FIX,
    sources: [...new Set(kills.map((k) => k.source))],
  };
}

/** OOM kills per process name: how often, where and over how long the kernel killed it. */
export function detectOomKills(input: RuleInput): Detection[] {
  const byService = new Map<string, TimelineEvent[]>();
  for (const e of input.events) {
    if (e.kind !== 'oom' || !e.service) continue;
    const list = byService.get(e.service) ?? [];
    list.push(e);
    byService.set(e.service, list);
  }
  const out: Detection[] = [];
  for (const [service, kills] of byService) {
    kills.sort((a, b) => a.atMs - b.atMs);
    const startMs = kills[0].atMs;
    const endMs = (kills[kills.length - 1].atMs + 1) as EpochMillis;
    const span = kills.length > 1 ? ` within ${formatDuration(endMs - startMs)}` : '';
    out.push({
      label: `OOM kills: ${service}`,
      seriesIds: [],
      finding: {
        id: `timeline.oom.${out.length}`,
        analysis: 'timeline.oom-kills',
        category: 'oom',
        severity: severityOf({ oomKills: kills.length }),
        impact: { oomKills: kills.length },
        title: `${service} killed by the OOM killer ${kills.length} time${kills.length > 1 ? 's' : ''}${span} (first ${formatUtc(startMs)})`,
        detail: `The kernel ran out of memory and killed ${service}: ${kills.map((k) => `${formatUtc(k.atMs)} — ${k.title}`).join('; ')}. An OOM kill is the end of a memory story; the memory-growth and heap findings tell its beginning.`,
        evidence: kills.map((k) => ({ label: formatUtc(k.atMs), value: k.detail.split('. ')[0] })),
        paths: [{ label: 'OOM kills', steps: kills.map((k) => `${formatUtc(k.atMs)}: ${k.title}`) }],
        suggestedFix: OOM_FIX,
        sources: sourcesOf([], kills),
        window: { startMs, endMs },
      },
    });
  }
  return out;
}
