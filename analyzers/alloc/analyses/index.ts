import { compareRuns } from './compareRuns';
import type { AllocAnalysis } from './contract';
import { growth } from './growth';
import { referenceCycles } from './referenceCycles';
import { siteTrends } from './siteTrends';
import { topLeaks } from './topLeaks';

/** Every alloc analysis, in the order its findings are listed (each report's, then the case's); one file each. */
export const ALLOC_ANALYSES: readonly AllocAnalysis[] = [referenceCycles, topLeaks, growth, siteTrends, compareRuns];
