import { useRef, useState, type KeyboardEvent } from 'react';
import type { HotPathNode } from '../../../../analyzers/case/saved/locksView';
import { formatShare } from '../../../../analyzers/core/numberFormat';
import { formatNanos } from '../../../../analyzers/locks/viewText';
import { plural } from '../../format';

const MAX_ROOTS = 200;
/** Opened at first: the roots worth a look. */
const OPEN_SHARE = 0.05;

const keyOf = (parent: string, node: HotPathNode) => (parent ? `${parent}\u0000${node.label}` : node.label);

interface Visible {
  key: string;
  node: HotPathNode;
  parent?: string;
}

/** The nodes on screen, in order: what the arrow keys walk. */
function visibleNodes(roots: readonly HotPathNode[], open: ReadonlySet<string>): Visible[] {
  const out: Visible[] = [];
  const walk = (nodes: readonly HotPathNode[], parent: string | undefined) => {
    for (const node of nodes) {
      const key = keyOf(parent ?? '', node);
      out.push({ key, node, parent });
      if (open.has(key)) walk(node.children, key);
    }
  };
  walk(roots, undefined);
  return out;
}

/**
 * Callers tree from the first application frame: who waits, then who called them; % of all wait.
 * The WAI-ARIA tree pattern: one tab stop; Up/Down move, Right opens or steps into a node, Left
 * closes it or goes to its parent, Home/End jump, Enter/Space open and close.
 */
export function HotPathTree({ roots, timeWord }: { roots: readonly HotPathNode[]; timeWord: string }) {
  const shown = roots.slice(0, MAX_ROOTS);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(shown.filter((n) => n.share >= OPEN_SHARE && n.children.length > 0).map((n) => n.label)));
  const [active, setActive] = useState(shown[0] ? shown[0].label : '');
  const items = useRef(new Map<string, HTMLLIElement>());
  if (shown.length === 0) return null;

  const visible = visibleNodes(shown, open);
  const activeKey = visible.some((v) => v.key === active) ? active : visible[0].key;
  const toggle = (key: string, to?: boolean) => {
    const next = new Set(open);
    if (to ?? !next.has(key)) next.add(key);
    else next.delete(key);
    setOpen(next);
  };
  const focus = (key: string) => {
    setActive(key);
    items.current.get(key)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const i = visible.findIndex((v) => v.key === activeKey);
    const current = visible[i];
    const hasChildren = current.node.children.length > 0;
    const isOpen = open.has(current.key);
    let handled = true;
    if (e.key === 'ArrowDown') focus(visible[Math.min(visible.length - 1, i + 1)].key);
    else if (e.key === 'ArrowUp') focus(visible[Math.max(0, i - 1)].key);
    else if (e.key === 'Home') focus(visible[0].key);
    else if (e.key === 'End') focus(visible[visible.length - 1].key);
    else if (e.key === 'ArrowRight') {
      if (hasChildren && !isOpen) toggle(current.key, true);
      else if (hasChildren) focus(visible[i + 1].key);
    } else if (e.key === 'ArrowLeft') {
      if (hasChildren && isOpen) toggle(current.key, false);
      else if (current.parent) focus(current.parent);
    } else if ((e.key === 'Enter' || e.key === ' ') && hasChildren) toggle(current.key);
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const renderNodes = (nodes: readonly HotPathNode[], parent: string, depth: number) =>
    nodes.map((node) => {
      const key = keyOf(parent, node);
      const hasChildren = node.children.length > 0;
      const isOpen = open.has(key);
      return (
        <li
          key={key}
          ref={(el) => {
            if (el) items.current.set(key, el);
            else items.current.delete(key);
          }}
          role="treeitem"
          aria-level={depth + 1}
          aria-expanded={hasChildren ? isOpen : undefined}
          aria-selected={key === activeKey}
          tabIndex={key === activeKey ? 0 : -1}
          onFocus={(e) => {
            if (e.target === e.currentTarget) setActive(key);
          }}
        >
          <div className="locks-node" style={{ paddingLeft: depth * 16 }}>
            <span
              className="tree-toggle"
              aria-hidden="true"
              onClick={() => {
                if (hasChildren) toggle(key);
                focus(key);
              }}
            >
              {hasChildren ? (isOpen ? '▾' : '▸') : '·'}
            </span>
            <span className="locks-bar" style={{ width: `${Math.max(1, node.share * 120)}px` }} aria-hidden="true" />
            <code>{node.label}</code>
            <span className="locks-node-num">
              {formatShare(node.share)} · {formatNanos(node.totalNs)} · {plural(node.count, 'wait')}
            </span>
          </div>
          {isOpen && hasChildren && (
            <ul className="locks-tree" role="group">
              {renderNodes(node.children, key, depth + 1)}
            </ul>
          )}
        </li>
      );
    });

  return (
    <section aria-label="Hot paths">
      <h3>Hot paths (% of all {timeWord}, from the first application frame)</h3>
      <ul className="locks-tree" role="tree" aria-label="Hot paths" onKeyDown={onKeyDown}>
        {renderNodes(shown, '', 0)}
      </ul>
      {roots.length > MAX_ROOTS && <p className="muted">{plural(roots.length - MAX_ROOTS, 'more path')} with less wait not shown.</p>}
    </section>
  );
}
