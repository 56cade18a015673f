export const meanOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * One run's values by key (an allocation site, a heap class), with the total they are a share of.
 * `complete` says the run lists every key it has, so a key it lacks is 0 there (an LSan report names
 * every leak site); otherwise a missing key may just be below the run's cut and is not compared.
 */
export interface KeyedRun {
  values: ReadonlyMap<string, number>;
  complete: boolean;
  total: number;
}

export interface KeyedSamples {
  key: string;
  baseline: number[];
  candidate: number[];
}

function samplesOf(runs: readonly KeyedRun[], key: string): number[] | undefined {
  const out: number[] = [];
  for (const run of runs) {
    const v = run.values.get(key);
    if (v === undefined && !run.complete) return undefined;
    out.push(v ?? 0);
  }
  return out;
}

/**
 * The keys worth a figure of their own, one value per run on each side: known to every run, at least
 * `minShare` of its run's total on one side, and of those the `max` whose means moved most. Smaller
 * keys are left to the totals: a 200-byte site or a class of two objects moves by more than any
 * limit between two runs of the same build, and a gate that fails on them fails at random.
 */
export function keysToCompare(baseline: readonly KeyedRun[], candidate: readonly KeyedRun[], minShare: number, max: number): KeyedSamples[] {
  const keys = new Set([...baseline, ...candidate].flatMap((r) => [...r.values.keys()]));
  const big = (runs: readonly KeyedRun[], key: string) => runs.some((r) => Math.abs(r.values.get(key) ?? 0) >= minShare * Math.abs(r.total));
  const out: (KeyedSamples & { moved: number })[] = [];
  for (const key of keys) {
    if (!big(baseline, key) && !big(candidate, key)) continue;
    const b = samplesOf(baseline, key);
    const c = samplesOf(candidate, key);
    if (b && c) out.push({ key, baseline: b, candidate: c, moved: Math.abs(meanOf(c) - meanOf(b)) });
  }
  return out
    .sort((x, y) => y.moved - x.moved || x.key.localeCompare(y.key))
    .slice(0, max)
    .map(({ key, baseline: b, candidate: c }) => ({ key, baseline: b, candidate: c }));
}
