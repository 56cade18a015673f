import type { CaseViews } from '../case/caseResult';
import type { FlameGraph, FlameNode } from '../case/saved/flameGraph';
import { pruneFlameTree, prunedFramesName, shortFrameName } from '../core/flameGraph';
import type { ReportFlame } from './reportModel';

/** A frame under this share of its input's total is too thin to read on paper: merged. */
const REPORT_MIN_SHARE = 0.01;
/** One graph per kind of evidence: a printout holds a few. */
const MAX_FLAMES = 4;

/**
 * The top stacks of the case's evidence for the report: the first input of each leak tool (leaked
 * bytes by allocation stack) and of each lock tool (lock wait by stack), small frames merged.
 */
export function reportFlames(views: CaseViews): ReportFlame[] {
  const out: ReportFlame[] = [];
  const seen = new Set<string>();
  const add = (kind: string, title: string, file: string, graph: FlameGraph | undefined) => {
    if (!graph || graph.root.total <= 0 || seen.has(kind) || out.length >= MAX_FLAMES) return;
    seen.add(kind);
    const prunedBelow = graph.root.total * REPORT_MIN_SHARE;
    out.push({ title, file, unit: graph.unit, prunedBelow, root: pruneFlameTree(graph.root, prunedBelow) });
  };
  for (const r of views.alloc?.reports ?? []) add(`alloc ${r.tool}`, `Leaked bytes by allocation stack — ${r.file}`, r.file, r.flame);
  for (const i of views.locks?.inputs ?? []) add(`locks ${i.tool} ${i.variant}`, `Lock ${i.timeMeaning} by stack — ${i.file}`, i.file, i.flame);
  return out;
}

/** The heaviest stacks of a report's icicle, for text: the program's own frames (short names), outermost first. */
export function topStacks(flame: ReportFlame, count: number): { frames: string[]; value: number }[] {
  const stacks: { frames: string[]; value: number }[] = [];
  const walk = (node: FlameNode, frames: readonly string[]) => {
    const here = node === flame.root || node.folded ? frames : [...frames, node.pruned !== undefined ? prunedFramesName(node.pruned) : shortFrameName(node.name)];
    if (node.self > 0) stacks.push({ frames: [...here], value: node.self });
    for (const c of node.children) walk(c, here);
  };
  walk(flame.root, []);
  return stacks.sort((a, b) => b.value - a.value).slice(0, count);
}
