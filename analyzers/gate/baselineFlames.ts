import type { CaseResult } from '../case/caseResult';
import type { FlameGraph } from '../case/saved/flameGraph';
import { diffFlameTrees, flameGraph } from '../core/flameGraph';

interface WithFlame {
  file: string;
  flame?: FlameGraph;
}

/**
 * Each candidate file's flame graph merged with the baseline's of the same kind (the same leak tool;
 * the same lock tool and perf subcommand), so the views can colour the candidate's frames by change.
 * The saved graphs are already pruned: a frame merged into `other` on one side is compared as such.
 */
export function baselineFlames(baseline: CaseResult, candidate: CaseResult): FlameGraph[] {
  const pairs = <T extends WithFlame>(bs: readonly T[], cs: readonly T[], kind: (x: T) => string): FlameGraph[] =>
    cs.flatMap((c) => {
      const b = bs.find((x) => kind(x) === kind(c) && x.flame);
      if (!b?.flame || !c.flame) return [];
      return [flameGraph(c.flame.unit, diffFlameTrees(b.flame.root, c.flame.root), undefined, { before: b.file, after: c.file })];
    });
  return [
    ...pairs(baseline.views.alloc?.reports ?? [], candidate.views.alloc?.reports ?? [], (r) => r.tool),
    ...pairs(baseline.views.locks?.inputs ?? [], candidate.views.locks?.inputs ?? [], (i) => `${i.tool} ${i.variant}`),
  ];
}
