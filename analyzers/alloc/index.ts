import type { Capability } from '../ingest/capability';
import type { AllocView } from './view';

export const allocCapability: Capability<unknown, AllocView> = {
  id: 'alloc',
  formats: [],
  analyze: (inputs) => ({ findings: [], view: { files: inputs.map((i) => i.file) } }),
};
