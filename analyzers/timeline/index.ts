import type { Capability } from '../ingest/capability';
import type { TimelineArtifact } from './artifact';
import { analyzeTimeline } from './analyzeTimeline';
import { chatTimelineFormat } from './formats/chatTimelineFormat';
import { csvMetricsFormat } from './formats/csvMetricsFormat';
import { eventJsonlFormat } from './formats/eventJsonlFormat';
import { kernelLogFormat } from './formats/kernelLogFormat';
import { metricJsonlFormat } from './formats/metricJsonlFormat';
import { prometheusFormat } from './formats/prometheusFormat';
import type { TimelineView } from './view';

export const timelineCapability: Capability<TimelineArtifact, TimelineView, 'timeline'> = {
  id: 'timeline',
  // Most specific first: a Prometheus answer and JSON Lines are told apart by their keys, a CSV by its time column.
  formats: [prometheusFormat, metricJsonlFormat, eventJsonlFormat, csvMetricsFormat, kernelLogFormat, chatTimelineFormat],
  analyze: (inputs, ctx) => analyzeTimeline(inputs, ctx),
};
