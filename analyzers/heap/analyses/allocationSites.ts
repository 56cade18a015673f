import { allocationSiteView, type SnapshotAllocationSites } from '../allocationSiteView';
import { allocationSiteFinding } from './allocationSiteFindings';
import { TRACED_SNAPSHOTS, type HeapAnalysis } from './contract';

/** Where the live objects of each snapshot recorded with allocation tracking were allocated. */
export const allocationSites: HeapAnalysis = {
  id: 'heap.allocation-sites',
  needs: TRACED_SNAPSHOTS,
  phase: 'allocation sites',
  weight: 1,
  run(s) {
    const sites = s.models.map(allocationSiteView).filter((v): v is SnapshotAllocationSites => v !== undefined);
    return { findings: sites.flatMap((v, i) => allocationSiteFinding(v, i) ?? []), view: { allocationSites: sites } };
  },
};
