import { useState } from 'react';
import type { HotPathNode } from '../../../../analyzers/case/saved/locksView';
import { formatNanos, formatShare } from '../../../../analyzers/locks/viewText';
import { formatCount } from '../../format';

function Node({ node, depth }: { node: HotPathNode; depth: number }) {
  const [open, setOpen] = useState(depth === 0 && node.share >= 0.05);
  const hasChildren = node.children.length > 0;
  return (
    <li>
      <div className="locks-node" style={{ paddingLeft: depth * 16 }}>
        <button className="linklike" disabled={!hasChildren} aria-expanded={hasChildren ? open : undefined} onClick={() => setOpen((o) => !o)}>
          {hasChildren ? (open ? '▾' : '▸') : '·'}
        </button>
        <span className="locks-bar" style={{ width: `${Math.max(1, node.share * 120)}px` }} aria-hidden="true" />
        <code>{node.label}</code>
        <span className="locks-node-num">
          {formatShare(node.share)} · {formatNanos(node.totalNs)} · {formatCount(node.count)} waits
        </span>
      </div>
      {open && hasChildren && (
        <ul className="locks-tree">
          {node.children.map((c) => (
            <Node key={c.label} node={c} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Callers tree from the first application frame: who waits, then who called them; % of all wait. */
export function HotPathTree({ roots, timeWord }: { roots: readonly HotPathNode[]; timeWord: string }) {
  if (roots.length === 0) return null;
  return (
    <section aria-label="Hot paths">
      <h3>Hot paths (% of all {timeWord}, from the first application frame)</h3>
      <ul className="locks-tree">
        {roots.slice(0, 200).map((n) => (
          <Node key={n.label} node={n} depth={0} />
        ))}
      </ul>
    </section>
  );
}
