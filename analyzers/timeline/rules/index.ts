import type { Detection, RuleInput } from './rule';
import { detectCacheStampede } from './cacheStampede';
import { detectCascade } from './cascade';
import { detectLockContentionCollapse } from './lockContentionCollapse';
import { detectMemoryGrowth } from './memoryGrowth';
import { detectOomKills } from './oomKills';
import { detectThresholdBreaches } from './thresholdBreaches';

/** Every timeline rule with its default thresholds; one entry per file, so a new rule is one line here. */
export const TIMELINE_RULES: readonly { id: string; detect: (input: RuleInput) => Detection[] }[] = [
  { id: 'memory-growth', detect: (i) => detectMemoryGrowth(i) },
  { id: 'cache-stampede', detect: (i) => detectCacheStampede(i) },
  { id: 'lock-collapse', detect: (i) => detectLockContentionCollapse(i) },
  { id: 'oom', detect: (i) => detectOomKills(i) },
  { id: 'cascade', detect: (i) => detectCascade(i) },
  { id: 'threshold', detect: (i) => detectThresholdBreaches(i) },
];
