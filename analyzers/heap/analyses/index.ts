import { allocationSites } from './allocationSites';
import { snapshotComparison } from './comparison';
import type { HeapAnalysis } from './contract';
import { cycles } from './cycles';
import { detachedNodes } from './detachedNodes';
import { leaks } from './leaks';
import { suspects } from './suspects';
import { trends } from './trends';

/** Every heap analysis, in the order its findings and view parts are listed; one file each. */
export const HEAP_ANALYSES: readonly HeapAnalysis[] = [snapshotComparison, leaks, suspects, trends, allocationSites, cycles, detachedNodes];
