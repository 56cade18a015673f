import type { Detection, RuleInput } from './rule';
import { detectCacheStampede } from './cacheStampede';
import { detectCascade } from './cascade';
import { detectLockContentionCollapse } from './lockContentionCollapse';
import { DEFAULT_LOAD_BREAK, detectLoadTestBreak, type LoadBreakConfig } from './loadTestBreak';
import { detectMemoryGrowth } from './memoryGrowth';
import { detectOomKills } from './oomKills';
import { detectPoolExhaustion } from './poolExhaustion';
import { DEFAULT_THRESHOLDS, detectThresholdBreaches, type ThresholdConfig } from './thresholdBreaches';

/** Every timeline rule with its default thresholds; one entry per file, so a new rule is one line here. */
export const TIMELINE_RULES: readonly { id: string; detect: (input: RuleInput) => Detection[] }[] = [
  { id: 'memory-growth', detect: (i) => detectMemoryGrowth(i) },
  { id: 'cache-stampede', detect: (i) => detectCacheStampede(i) },
  { id: 'pool-exhaustion', detect: (i) => detectPoolExhaustion(i) },
  { id: 'lock-collapse', detect: (i) => detectLockContentionCollapse(i) },
  { id: 'oom', detect: (i) => detectOomKills(i) },
  { id: 'cascade', detect: (i) => detectCascade(i) },
  { id: 'threshold', detect: (i) => detectThresholdBreaches(i, thresholdsFor(i)) },
  { id: 'load-break', detect: (i) => detectLoadTestBreak(i, loadBreakFor(i)) },
];

/** A load test's pass criteria, from the case options where the team set its own. */
function loadBreakFor(input: RuleInput): LoadBreakConfig {
  const t = input.options.thresholds ?? {};
  return {
    ...DEFAULT_LOAD_BREAK,
    ...(t.loadP99Ms !== undefined && { p99Ms: t.loadP99Ms }),
    ...(t.loadErrorPercent !== undefined && { errorPercent: t.loadErrorPercent }),
  };
}

/** The defaults, with the team's own alert thresholds from the case options over them. */
function thresholdsFor(input: RuleInput): ThresholdConfig {
  const t = input.options.thresholds ?? {};
  return {
    ...DEFAULT_THRESHOLDS,
    ...(t.cpuPercent !== undefined && { cpuPercent: t.cpuPercent }),
    ...(t.memoryPercentOfLimit !== undefined && { memoryFractionOfLimit: t.memoryPercentOfLimit / 100 }),
    ...(t.p99Ms !== undefined && { p99Ms: t.p99Ms }),
    ...(t.errorRatePercent !== undefined && { errorRatePercent: t.errorRatePercent }),
  };
}
