import type { Finding } from '../core/finding';
import { bytes, type Bytes } from '../core/units';
import type { Capability, LoadedInput } from '../ingest/capability';
import type { CaseOptions } from '../ingest/caseOptions';
import type { AllocArtifact, EventLogArtifact } from './artifact';
import { compareRuns, comparisonFinding, comparisonFromDiff, type RunComparison } from './compareRuns';
import { eventLogFormat } from './eventLogFormat';
import { stackView } from './foldedStack';
import { compileFoldingRules, type FrameClassifier } from './frameFolding';
import { frameLabel, shortFrameLabel } from './frameText';
import { liveBytesSeries } from './growthSeries';
import { heaptrackFormat } from './heaptrackFormat';
import { leakGrowth, leakGrowthFinding, type MemoryLimitSource } from './leakGrowth';
import { leakSites, type LeakSite } from './leakSites';
import { lsanFormat } from './lsanFormat';
import type { KindTotal, LeakKind, LeakReport } from './model';
import { DEFAULT_ALLOC_OPTIONS, type AllocOptions } from './options';
import { findReferenceCycle, ownershipCycleKey, referenceCycleFinding } from './referenceCycles';
import { topLeakFindings } from './topLeaks';
import { valgrindXmlFormat } from './valgrindXmlFormat';
import type { AllocReportView, AllocSiteView, AllocView } from './view';
import { toolTotalCheck } from './toolTotalCheck';

interface Analyzed {
  view: AllocReportView;
  sites: LeakSite[];
  findings: Finding[];
}

/** Analyzes one input: sites, cycle, growth series, and the site and cycle findings. */
function analyzeInput(input: LoadedInput<AllocArtifact>, classifier: FrameClassifier, options: AllocOptions, caseOptions: CaseOptions): Analyzed {
  const artifact = input.artifact;
  const report: LeakReport = artifact.type === 'event-log' ? artifact.unfreed : artifact;
  const sites = leakSites(report, classifier);
  const cycle = report.isDiff ? undefined : findReferenceCycle(report, classifier);
  const cycleKeys = new Set(cycle?.siteKeys ?? []);
  const findings: Finding[] = [];
  if (cycle) findings.push(referenceCycleFinding(cycle, sites, classifier, input.file, 0));
  // An event log's never-freed memory is judged by its growth (below), not site by site at exit.
  if (!report.isDiff && artifact.type !== 'event-log') {
    findings.push(...topLeakFindings(report.tool, sites, classifier, input.file, cycleKeys, options.maxSiteFindings));
  }
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
  return { view, sites, findings };
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

/** Growth findings, after every report is read: a cycle another report shows names the fix. */
function growthFindings(analyzed: readonly Analyzed[]): Finding[] {
  const cycleSites = new Map<string, string>();
  const cycleOfSite = new Map<string, string>();
  for (const a of analyzed) {
    for (const key of a.view.cycle?.siteKeys ?? []) {
      if (!cycleSites.has(key)) cycleSites.set(key, a.view.file);
      if (a.view.cycle) cycleOfSite.set(key, ownershipCycleKey(a.view.cycle));
    }
  }
  const findings: Finding[] = [];
  for (const a of analyzed) {
    const finding = a.view.growth && leakGrowthFinding(a.view.growth, a.view.file, cycleSites);
    if (!finding) continue;
    // Growth at the sites of an ownership cycle is that cycle's growth: the same problem, over time.
    const cycles = [...new Set(a.view.growth?.sites.filter((s) => s.bytesPerHour > 0).flatMap((s) => cycleOfSite.get(s.key) ?? []))];
    findings.push({ ...finding, id: `alloc.growth.${findings.length}`, ...(cycles.length ? { subject: { key: `alloc.growth:${a.view.file}`, partOf: cycles } } : {}) });
  }
  return findings;
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

/**
 * Two runs of the same tool given one after the other are a before/after pair when they share
 * at least one allocation site (the same program); a heaptrack -d output is a comparison itself.
 * An incomplete report is not compared: its missing records would read as sites that disappeared.
 */
function comparisons(analyzed: Analyzed[], classifier: FrameClassifier): RunComparison[] {
  const result: RunComparison[] = [];
  const lastOfTool = new Map<string, Analyzed>();
  for (const a of analyzed) {
    if (a.view.isDiff) {
      result.push(comparisonFromDiff(a.view.file, a.sites, classifier));
      continue;
    }
    if (!a.view.complete) continue;
    const before = lastOfTool.get(a.view.tool);
    lastOfTool.set(a.view.tool, a);
    if (!before) continue;
    const keys = new Set(before.sites.map((s) => s.key));
    if (a.sites.some((s) => keys.has(s.key))) result.push(compareRuns({ file: before.view.file, sites: before.sites }, { file: a.view.file, sites: a.sites }, classifier));
  }
  return result;
}

/** The alloc capability with the given options (folding rules, limits). */
export function createAllocCapability(options: AllocOptions = DEFAULT_ALLOC_OPTIONS): Capability<AllocArtifact, AllocView, 'alloc'> {
  return {
    id: 'alloc',
    formats: [valgrindXmlFormat, eventLogFormat, heaptrackFormat, lsanFormat],
    analyze(inputs, ctx) {
      const classifier = compileFoldingRules(options.folding);
      const analyzed = inputs.map((input) => analyzeInput(input, classifier, options, ctx.options));
      const runComparisons = comparisons(analyzed, classifier);
      const findings = [
        ...analyzed.flatMap((a) => a.findings).map((f, i) => ({ ...f, id: `${f.id.replace(/\.\d+$/, '')}.${i}` })),
        ...growthFindings(analyzed),
        ...runComparisons.map((c, i) => comparisonFinding(c, i)),
      ];
      return {
        findings,
        view: { files: inputs.map((i) => i.file), reports: analyzed.map((a) => a.view), comparisons: runComparisons, foldingRules: options.folding },
        series: analyzed.flatMap((a) => liveBytesSeries(a.view)),
      };
    },
  };
}

export const allocCapability = createAllocCapability();
