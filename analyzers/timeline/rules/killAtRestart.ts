import { formatBytes } from '../../core/byteFormat';
import { formatDuration } from '../../core/durationFormat';
import type { MetricSeries } from '../../core/timeSeries';
import { formatUtc } from '../../core/timeFormat';
import { plural } from '../../core/numberFormat';
import type { FloatingEvent } from '../artifact';
import { isMemory } from '../seriesRoles';
import { seriesTitle } from './rule';
import { SAME_KILL_MS } from './sameKill';

/** A restart the metrics show: it happened after `afterMs` and by `byMs`. */
export interface SeenRestart {
  afterMs: number;
  byMs: number;
  /** How it shows, for the stated inference: "container_memory_working_set_bytes (game-1) fell from 8.0 GiB to 2.1 GiB". */
  seen: string;
}

const isStartTime = (s: MetricSeries) => /start_time/i.test(s.name);
const isRestartCounter = (s: MetricSeries) => /restart/i.test(s.name);

/**
 * Where the series show a process start over: a memory series falling to under half its value
 * from one sample to the next (a process that restarts begins with an empty heap), a
 * `process_start_time_seconds` that changes (its new value is the start), a restart counter that
 * rises.
 */
export function restartsIn(s: MetricSeries): SeenRestart[] {
  const out: SeenRestart[] = [];
  for (let i = 1; i < s.t.length; i++) {
    const [before, after] = [s.v[i - 1], s.v[i]];
    if (!Number.isFinite(before) || !Number.isFinite(after)) continue;
    const name = seriesTitle(s);
    if (isStartTime(s) && after > before) {
      const startMs = after * (after < 1e11 ? 1000 : 1);
      out.push({ afterMs: startMs - SAME_KILL_MS, byMs: startMs, seen: `${name} moved to ${formatUtc(startMs)}` });
    } else if (isRestartCounter(s) && after > before) {
      out.push({ afterMs: s.t[i - 1], byMs: s.t[i], seen: `${name} rose from ${before} to ${after}` });
    } else if (isMemory(s) && after < before / 2) {
      out.push({ afterMs: s.t[i - 1], byMs: s.t[i], seen: `${name} fell from ${formatBytes(before)} to ${formatBytes(after)}` });
    }
  }
  return out;
}

/** A kill dated by its restart, and the inference in words, for its evidence. */
export interface PlacedKill {
  kill: FloatingEvent;
  restart: SeenRestart;
  atMs: number;
  inference: string;
}

export type KillPlacement = { bootMs: number; matches: PlacedKill[] } | { why: string };

type SinceBootKill = FloatingEvent & { at: { kind: 'since-boot'; secondsSinceBoot: number } };
const sinceBoot = (e: FloatingEvent): e is SinceBootKill => e.kind === 'oom' && e.at.kind === 'since-boot';

/**
 * The boot time of a plain `dmesg` log's OOM kills, from the restarts the metrics show: every kill
 * is followed by a restart, so the kills, seconds since boot apart, must fall on restarts as far
 * apart, in order, under one boot time. Placed only when exactly one such match exists; each kill
 * goes to the latest time its restart allows (the sample that shows it), and the inference says so.
 */
export function placeKillsAtRestarts(floating: readonly FloatingEvent[], series: readonly MetricSeries[]): KillPlacement | undefined {
  const kills = floating.filter(sinceBoot).sort((a, b) => a.at.secondsSinceBoot - b.at.secondsSinceBoot);
  if (kills.length === 0) return undefined;
  const logs = [...new Set(kills.map((k) => k.source))];
  if (logs.length > 1) return { why: `${logs.join(', ')} count seconds since their own host's boot; one restart cannot date them all` };
  const names = [...new Set(kills.map((k) => k.service ?? ''))];
  // The series of the killed process when the metrics name it (a container or job label), else all.
  const named = series.filter((s) => Object.values(s.labels).some((v) => names.includes(v)));
  const restarts = (named.length ? named : series).flatMap(restartsIn).sort((a, b) => a.byMs - b.byMs);
  const what = `${plural(kills.length, 'OOM kill')} of ${names.join(', ')} in ${logs[0]}`;
  if (restarts.length === 0) return { why: `the metrics show no restart (a memory series falling to under half, a start time or restart counter changing) to set ${what} against` };
  if (restarts.length < kills.length) return { why: `${what}, but the metrics show ${plural(restarts.length, 'restart')} (${restarts.map((r) => `${r.seen} by ${formatUtc(r.byMs)}`).join('; ')}): they cannot all be matched` };
  const fits = restarts.flatMap((_, first) => matchFrom(kills, restarts, first));
  if (fits.length !== 1) {
    return { why: fits.length === 0 ? `the spacing of ${what} matches no run of restarts in the metrics` : `${what} fit ${fits.length} different runs of the restarts in the metrics: which one is not known` };
  }
  const { bootMs, earliestBootMs, picked } = fits[0];
  const matches = kills.map((kill, i): PlacedKill => {
    const restart = picked[i];
    const atMs = bootMs + kill.at.secondsSinceBoot * 1000;
    const inference =
      `placed at the restart of ${kill.service ?? 'the process'} seen in ${restart.seen} by ${formatUtc(restart.byMs)}; ` +
      `the kernel log gives only seconds since boot (${kill.at.secondsSinceBoot.toFixed(3)} s), so the kill may have come up to ${formatDuration(bootMs - earliestBootMs)} earlier`;
    return { kill, restart, atMs, inference };
  });
  return { bootMs, matches };
}

/**
 * The order-preserving matches of the kills onto restarts starting with `first`: one boot time must
 * put every kill inside its restart's span. The span narrows with each kill; a match is kept when
 * it survives them all.
 */
function matchFrom(kills: readonly SinceBootKill[], restarts: readonly SeenRestart[], first: number): { bootMs: number; earliestBootMs: number; picked: SeenRestart[] }[] {
  const s0 = kills[0].at.secondsSinceBoot * 1000;
  let lo = restarts[first].afterMs - s0;
  let hi = restarts[first].byMs - s0;
  const picked = [restarts[first]];
  let next = first + 1;
  for (const kill of kills.slice(1)) {
    const s = kill.at.secondsSinceBoot * 1000;
    const j = restarts.findIndex((r, idx) => idx >= next && r.afterMs - s <= hi && r.byMs - s >= lo);
    if (j < 0) return [];
    lo = Math.max(lo, restarts[j].afterMs - s);
    hi = Math.min(hi, restarts[j].byMs - s);
    picked.push(restarts[j]);
    next = j + 1;
  }
  return [{ bootMs: hi, earliestBootMs: lo, picked }];
}
