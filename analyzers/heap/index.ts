// HELPER: before anything else, read /work/briefs/common.md — the team rules for this shared repo
// (commit only your own paths, deadline 07:55 UTC, no package.json edits, test budget, report format).
import type { Capability } from '../ingest/capability';
import type { HeapView } from './view';

export const heapCapability: Capability<unknown, HeapView> = {
  id: 'heap',
  formats: [],
  analyze: () => ({ findings: [], view: { snapshots: [] } }),
};
