import { boundText } from '../../core/boundedText';
import { formatDuration } from '../../core/durationFormat';
import { formatUtc } from '../../core/timeFormat';
import type { EpochMillis } from '../../core/units';
import type { ParsedEvent } from '../artifact';

/** Prometheus' own alert series: `ALERTS{alertstate}` is 1 while pending or firing, `ALERTS_FOR_STATE` holds when the alert became active. */
export const ALERT_SERIES = new Set(['ALERTS', 'ALERTS_FOR_STATE']);

/** Labels that name the service an alert is about; `instance` is left out: the hosts of one service are one service. */
const SERVICE_LABELS = ['service', 'job', 'app', 'container'];

interface AlertTrack {
  labels: Record<string, string>;
  pending: number[];
  firing: number[];
  /** ALERTS_FOR_STATE samples: [sample time ms, active since ms]. */
  activeSince: [number, number][];
}

/** Runs of samples no further apart than the query's step allows: one window each. */
function windows(times: readonly number[], maxGapMs: number): { startMs: number; endMs: number }[] {
  const out: { startMs: number; endMs: number }[] = [];
  for (const t of [...times].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && t - last.endMs <= maxGapMs) last.endMs = t;
    else out.push({ startMs: t, endMs: t });
  }
  return out;
}

/**
 * The `ALERTS` and `ALERTS_FOR_STATE` series of query_range answers as alert events: one per
 * firing window (with when it went pending, from ALERTS_FOR_STATE or the pending series before it)
 * and one note per pending window that never fired.
 */
export class AlertCollector {
  private readonly tracks = new Map<string, AlertTrack>();
  private readonly steps: number[] = [];

  constructor(private readonly file: string) {}

  get size(): number {
    return this.tracks.size;
  }

  add(name: string, labels: Record<string, string>, points: readonly [EpochMillis, number][]): void {
    const { alertstate, ...identity } = labels;
    const key = JSON.stringify(Object.entries(identity).sort(([a], [b]) => a.localeCompare(b)));
    const track = this.tracks.get(key) ?? { labels: identity, pending: [], firing: [], activeSince: [] };
    this.tracks.set(key, track);
    for (let i = 1; i < points.length; i++) this.steps.push(points[i][0] - points[i - 1][0]);
    if (name === 'ALERTS_FOR_STATE') track.activeSince.push(...points.map(([t, v]): [number, number] => [t, v * 1000]));
    else if (alertstate === 'firing') track.firing.push(...points.map(([t]) => t));
    else if (alertstate === 'pending') track.pending.push(...points.map(([t]) => t));
  }

  /** `lastMs`: the answer's last sample of any series; an alert firing then may fire on. */
  events(lastMs: number): ParsedEvent[] {
    // A gap of more than one step (with room for a missed scrape) ends a window.
    const step = this.steps.length ? Math.min(...this.steps.filter((s) => s > 0)) : 60_000;
    const maxGap = 2 * step;
    const out: ParsedEvent[] = [];
    for (const track of this.tracks.values()) {
      const { alertname = 'alert', ...rest } = track.labels;
      const service = SERVICE_LABELS.map((l) => rest[l]).find((v) => v);
      const labelText = Object.entries(rest).map(([k, v]) => `${k}=${v}`).join(', ');
      const pendings = windows(track.pending, maxGap);
      const firings = windows(track.firing, maxGap);
      for (const f of firings) {
        const since = track.activeSince.find(([t]) => t >= f.startMs - maxGap && t <= f.endMs)?.[1];
        const pendingFrom = since ?? pendings.find((p) => p.endMs <= f.startMs && f.startMs - p.endMs <= maxGap)?.startMs;
        const open = f.endMs >= lastMs;
        const duration = formatDuration(f.endMs - f.startMs);
        out.push({
          atMs: f.startMs as EpochMillis,
          kind: 'alert',
          title: boundText(`Alert ${alertname} firing${rest.instance ? ` (${rest.instance})` : ''}`),
          detail: boundText(
            `${pendingFrom !== undefined && pendingFrom < f.startMs ? `Pending from ${formatUtc(pendingFrom)}, ` : ''}firing from ${formatUtc(f.startMs)} to ${formatUtc(f.endMs)} (${duration}${open ? ', firing at the last sample of the answer: it may have fired on' : ''}). Labels: ${labelText || 'none'}.`,
          ),
          source: this.file,
          endMs: f.endMs as EpochMillis,
          ...(service ? { service } : {}),
        });
      }
      for (const p of pendings) {
        if (firings.some((f) => f.startMs >= p.startMs && f.startMs - p.endMs <= maxGap)) continue;
        out.push({
          atMs: p.startMs as EpochMillis,
          kind: 'note',
          title: boundText(`Alert ${alertname} pending, never fired${rest.instance ? ` (${rest.instance})` : ''}`),
          detail: boundText(`Pending from ${formatUtc(p.startMs)} to ${formatUtc(p.endMs)}; its condition cleared before the alert's 'for' duration. Labels: ${labelText || 'none'}.`),
          source: this.file,
          endMs: p.endMs as EpochMillis,
          ...(service ? { service } : {}),
        });
      }
    }
    return out.sort((a, b) => a.atMs - b.atMs);
  }
}
