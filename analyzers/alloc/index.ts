import { dueAnalyses, runAnalyses } from '../core/analysisContract';
import { bytes, type Bytes } from '../core/units';
import type { Capability, LoadedInput } from '../ingest/capability';
import type { CaseOptions } from '../ingest/caseOptions';
import type { AllocArtifact, EventLogArtifact } from './artifact';
import { ALLOC_ANALYSES } from './analyses';
import type { AllocCase, ReadReport } from './analyses/contract';
import { eventLogFormat } from './eventLogFormat';
import { stackView } from './foldedStack';
import { compileFoldingRules, type FrameClassifier } from './frameFolding';
import { shortFrameLabel } from './frameText';
import { liveBytesSeries } from './growthSeries';
import { frameLabel } from '../core/frame';
import { heaptrackFormat } from './heaptrackFormat';
import { flameGraph } from '../core/flameGraph';
import { leakFlameTree } from './leakFlame';
import { leakGrowth, type MemoryLimitSource } from './leakGrowth';
import { leakSites, type LeakSite } from './leakSites';
import { lsanFormat } from './lsanFormat';
import type { KindTotal, LeakKind, LeakReport } from './model';
import { DEFAULT_ALLOC_OPTIONS, type AllocOptions } from './options';
import { findReferenceCycle } from './referenceCycles';
import { valgrindXmlFormat } from './valgrindXmlFormat';
import { valgrindTextFormat } from './valgrindTextFormat';
import { v8HeapProfileFormat } from './v8HeapProfileFormat';
import { pprofHeapFormat } from './pprofHeapFormat';
import type { AllocReportView, AllocSiteView, AllocView } from './view';
import { toolTotalCheck } from './toolTotalCheck';

/** Reads one input for the analyses: its sites, its ownership cycle, its growth series. */
function readReport(input: LoadedInput<AllocArtifact>, classifier: FrameClassifier, options: AllocOptions, caseOptions: CaseOptions): ReadReport {
  const artifact = input.artifact;
  const report: LeakReport = artifact.type === 'event-log' ? artifact.unfreed : artifact;
  const sites = leakSites(report, classifier);
  const cycle = report.isDiff ? undefined : findReferenceCycle(report, classifier);
  const cycleKeys = new Set(cycle?.siteKeys ?? []);
  const totals = totalsOf(report);
  const view: AllocReportView = {
    file: input.file,
    tool: report.tool,
    complete: input.complete,
    isDiff: report.isDiff,
    totals,
    toolTotals: report.toolTotals,
    totalCheck: toolTotalCheck(report, totals.bytes),
    sites: sites.slice(0, options.maxSites).map((s) => siteView(s, classifier, cycleKeys)),
    siteCount: sites.length,
    suppressions: report.suppressions,
  };
  if (cycle) view.cycle = cycle;
  const flame = leakFlameTree(report, classifier);
  if (flame) view.flame = flameGraph('bytes', flame);
  if (report.otherSections?.length) {
    view.otherSections = report.otherSections.map((s) => ({
      title: s.title,
      unit: s.unit,
      entries: s.entries.map((e) => ({ label: e.frames.map(frameLabel).find((l) => l) ?? '??', value: e.value, calls: e.calls })),
    }));
  }
  if (artifact.type === 'event-log') {
    view.growth = leakGrowth(artifact, classifier, memoryLimit(caseOptions, artifact, options), options.maxSeriesSites);
    view.eventCounts = { events: artifact.events, allocs: artifact.allocs, frees: artifact.frees, unknownFrees: artifact.unknownFrees, peakLiveBytes: artifact.peakLiveBytes };
  }
  return {
    view,
    sites,
    eventLog: artifact.type === 'event-log',
    profile: report.tool === 'v8-heap-profile' || report.tool === 'pprof',
    ...(report.capturedAt ? { capturedAt: report.capturedAt } : {}),
    ...(flame ? { flame } : {}),
  };
}

/**
 * The limit an ETA aims at: the user's case option first (they know the container they run in),
 * then what the tracker wrote in the log, then the documented default.
 */
function memoryLimit(caseOptions: CaseOptions, log: EventLogArtifact, options: AllocOptions): { bytes: Bytes; source: MemoryLimitSource } {
  if (caseOptions.memoryLimitBytes !== undefined) return { bytes: caseOptions.memoryLimitBytes, source: 'case option' };
  if (log.memoryLimitBytes !== undefined) return { bytes: log.memoryLimitBytes, source: 'event log' };
  return { bytes: options.memoryLimitBytes, source: 'default' };
}

function siteView(s: LeakSite, classifier: FrameClassifier, cycleKeys: ReadonlySet<string>): AllocSiteView {
  const view: AllocSiteView = {
    key: s.key,
    label: shortFrameLabel(s.userFrame),
    bytes: s.bytes,
    blocks: s.blocks,
    share: s.share,
    byKind: s.byKind,
    ownedIndirectBytes: s.ownedIndirectBytes,
    stack: stackView(s.stack, classifier),
    userFrameIndex: s.userFrameIndex,
    inCycle: cycleKeys.has(s.key),
  };
  if (s.objectType) view.objectType = s.objectType;
  return view;
}

function totalsOf(report: LeakReport): AllocReportView['totals'] {
  const byKind: Partial<Record<LeakKind, KindTotal>> = {};
  let total = 0;
  let blocks = 0;
  for (const r of report.records) {
    const t = (byKind[r.kind] ??= { bytes: bytes(0), blocks: 0 });
    t.bytes = bytes(t.bytes + r.bytes);
    t.blocks += r.blocks;
    total += r.bytes;
    blocks += r.blocks;
  }
  return { bytes: total, blocks, byKind };
}

/** The alloc capability with the given options (folding rules, limits). */
export function createAllocCapability(options: AllocOptions = DEFAULT_ALLOC_OPTIONS): Capability<AllocArtifact, AllocView, 'alloc'> {
  return {
    id: 'alloc',
    formats: [valgrindXmlFormat, valgrindTextFormat, eventLogFormat, v8HeapProfileFormat, pprofHeapFormat, heaptrackFormat, lsanFormat],
    async analyze(inputs, ctx) {
      const classifier = compileFoldingRules(options.folding);
      const reports = inputs.map((input) => readReport(input, classifier, options, ctx.options));
      const allocCase: AllocCase = { reports, classifier, options };
      const due = [
        ...reports.flatMap((report) => dueAnalyses(ALLOC_ANALYSES.flatMap((a) => (a.scope === 'each report' ? [a] : [])), { ...allocCase, report })),
        ...dueAnalyses(ALLOC_ANALYSES.flatMap((a) => (a.scope === 'the case' ? [a] : [])), allocCase),
      ];
      const run = await runAnalyses(due, { ...ctx, file: inputs[inputs.length - 1]?.file ?? '' });
      // Each report numbers its findings from 0 (two runs of one tool would collide): numbered across the case.
      const perReport = new Set<string>(ALLOC_ANALYSES.filter((a) => a.scope === 'each report').map((a) => a.id));
      let n = 0;
      const findings = run.findings.map((f) => (perReport.has(f.analysis) ? { ...f, id: `${f.id.replace(/\.\d+$/, '')}.${n++}` } : f));
      return {
        findings,
        view: { files: inputs.map((i) => i.file), reports: reports.map((r) => r.view), comparisons: run.view.comparisons ?? [], foldingRules: options.folding, ...(run.view.siteTrends ? { siteTrends: run.view.siteTrends } : {}) },
        series: reports.flatMap((r) => liveBytesSeries(r.view)),
      };
    },
  };
}

export const allocCapability = createAllocCapability();
