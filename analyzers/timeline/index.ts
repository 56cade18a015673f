import type { Capability } from '../ingest/capability';
import type { TimelineView } from './view';

export const timelineCapability: Capability<unknown, TimelineView> = {
  id: 'timeline',
  formats: [],
  analyze: (inputs) => ({ findings: [], view: { files: inputs.map((i) => i.file), series: [], events: [], detections: [] } }),
};
