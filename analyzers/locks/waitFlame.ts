import { flameTree, type FlameNode } from '../core/flameGraph';
import type { LockSummary } from './summary';

/**
 * Lock wait (or hold, for mutrace) by stack: each application path from its outermost caller down
 * to the function that asked for the lock. The lock machinery is already folded out of the paths
 * (folding.ts), so the bottom frames are the callers table's rows, which is how a click filters it.
 */
export function waitFlameTree(summary: Pick<LockSummary, 'paths'>): FlameNode {
  return flameTree(summary.paths.map((p) => ({ path: [...p.path].reverse(), value: p.totalNs })));
}
