import type { Capability } from '../ingest/capability';
import type { HeapView } from './view';

export const heapCapability: Capability<unknown, HeapView> = {
  id: 'heap',
  formats: [],
  analyze: () => ({ findings: [], view: { snapshots: [] } }),
};
