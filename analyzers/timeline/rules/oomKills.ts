import { severityOf } from '../../core/severity';
import type { EpochMillis } from '../../core/units';
import type { TimelineEvent } from '../view';
import { sourcesOf, type Detection, type RuleInput } from './rule';
import { formatDuration } from '../../core/durationFormat';
import { formatUtc } from '../../core/timeFormat';

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
        suggestedFix: 'Find what grows (heap snapshots, leak reports, the memory-growth finding) and bound it; set a memory limit with headroom and alert well before it.',
        sources: sourcesOf([], kills),
        window: { startMs, endMs },
      },
    });
  }
  return out;
}
