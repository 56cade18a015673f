import type { FutexActivity } from './model';

/** A futex address with a burst of wait/wake traffic: many threads woken to fight for one lock. */
export interface WakeupStorm {
  address: string;
  waits: number;
  wakeCalls: number;
  woken: number;
  waitingThreads: number;
  /** Wait + wake syscalls per second of capture. */
  syscallsPerSecond: number;
  /** Wake calls that found nobody to wake, or whose woken thread lost the race again. */
  futileWakeShare: number;
}

export interface StormThresholds {
  minSyscallsPerSecond: number;
  minWaitingThreads: number;
}

export const DEFAULT_STORM_THRESHOLDS: StormThresholds = { minSyscallsPerSecond: 1000, minWaitingThreads: 4 };

/** Needs a capture span: a rate is what makes a storm, not a count. */
export function wakeupStorms(futex: readonly FutexActivity[], spanNs: number | undefined, t: StormThresholds = DEFAULT_STORM_THRESHOLDS): WakeupStorm[] {
  if (!spanNs) return [];
  const seconds = spanNs / 1e9;
  return futex
    .map((f) => ({
      address: f.address,
      waits: f.waits,
      wakeCalls: f.wakeCalls,
      woken: f.woken,
      waitingThreads: f.waitingThreads,
      syscallsPerSecond: (f.waits + f.wakeCalls) / seconds,
      futileWakeShare: f.wakeCalls ? Math.max(0, f.wakeCalls - f.woken) / f.wakeCalls : 0,
    }))
    .filter((s) => s.syscallsPerSecond >= t.minSyscallsPerSecond && s.waitingThreads >= t.minWaitingThreads)
    .sort((a, b) => b.syscallsPerSecond - a.syscallsPerSecond);
}
