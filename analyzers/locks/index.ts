import type { Capability } from '../ingest/capability';
import type { LocksView } from './view';

export const locksCapability: Capability<unknown, LocksView> = {
  id: 'locks',
  formats: [],
  analyze: (inputs) => ({ findings: [], view: { files: inputs.map((i) => i.file) } }),
};
