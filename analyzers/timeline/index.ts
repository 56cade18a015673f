import type { Capability } from '../ingest/capability';
import type { TimelineArtifact } from './artifact';
import { analyzeTimeline } from './analyzeTimeline';
import { chatTimelineFormat } from './formats/chatTimelineFormat';
import { csvMetricsFormat } from './formats/csvMetricsFormat';
import { eventJsonlFormat } from './formats/eventJsonlFormat';
import { jmeterJtlFormat } from './formats/jmeterJtlFormat';
import { k6PointsFormat, k6SummaryFormat } from './formats/k6Format';
import { kernelLogFormat } from './formats/kernelLogFormat';
import { kubernetesFormat } from './formats/kubernetesFormat';
import { locustHistoryFormat, locustStatsFormat } from './formats/locustCsvFormat';
import { metricJsonlFormat } from './formats/metricJsonlFormat';
import { nodeReportFormat } from './formats/nodeReportFormat';
import { pgbouncerPoolsFormat } from './formats/pgbouncerPoolsFormat';
import { pgStatActivityFormat } from './formats/pgStatActivityFormat';
import { processMemoryFormat } from './formats/processMemoryFormat';
import { prometheusFormat } from './formats/prometheusFormat';
import { redisInfoFormat } from './formats/redisInfoFormat';
import { redisSlowlogFormat } from './formats/redisSlowlogFormat';
import { wrkFormat } from './formats/wrkFormat';
import type { TimelineView } from './view';

export const timelineCapability: Capability<TimelineArtifact, TimelineView, 'timeline'> = {
  id: 'timeline',
  // Most specific first: a Prometheus answer and JSON Lines are told apart by their keys, a CSV by its
  // time column — after the load-test CSVs, whose headers (Timestamp, timeStamp) would pass for one.
  formats: [
    prometheusFormat,
    k6SummaryFormat,
    kubernetesFormat,
    nodeReportFormat,
    k6PointsFormat,
    metricJsonlFormat,
    eventJsonlFormat,
    locustHistoryFormat,
    locustStatsFormat,
    jmeterJtlFormat,
    redisInfoFormat,
    redisSlowlogFormat,
    pgStatActivityFormat,
    pgbouncerPoolsFormat,
    processMemoryFormat,
    csvMetricsFormat,
    wrkFormat,
    kernelLogFormat,
    chatTimelineFormat,
  ],
  analyze: (inputs, ctx) => analyzeTimeline(inputs, ctx),
};
