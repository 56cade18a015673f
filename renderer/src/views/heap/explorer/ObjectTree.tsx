import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { type ExplorerEdge, type ExplorerObject, type HeapAnswer, type HeapQuery, type Page } from '../../../../../analyzers/heap/viewExplorer';
import { useBodyVirtualizer } from '../../../components/VirtualTableBody';
import { formatCount } from '../../../format';
import { objectQuery, TREE_PAGE, treeQuery, type HeapAnswers } from './heapAnswers';
import { ObjectNumbers, ObjectNumbersHead } from './objectCells';

export type TreeKind = 'references' | 'retainers' | 'dominated';

/** A child in the tree: the object, and the edge that leads to it (none in the dominator tree). */
interface Item {
  edge?: { name: string; retains: boolean };
  object: ExplorerObject;
}

interface Children {
  items: Item[];
  total: number;
}

const ROW_HEIGHT = 26;
/** Lines shown before the tree scrolls (its CSS max-height was 360 px). */
const VISIBLE_LINES = 14;

const edgeItem = (e: ExplorerEdge): Item => ({ edge: { name: e.name, retains: e.retains }, object: e.object });

/** A page of children as the tree keeps it; undefined for an error (or an answer of another kind). */
function pageOf(a: HeapAnswer): Children | undefined {
  if (a.kind === 'dominated') return { items: a.page.rows.map((object) => ({ object })), total: a.page.total };
  if (a.kind === 'references' || a.kind === 'retainers') return { items: a.page.rows.map(edgeItem), total: a.page.total };
  return undefined;
}

/** A line's name cell as text: its title, for a name the cell cuts. */
const lineText = (kind: TreeKind, { edge, object }: Item) => (edge ? `${edge.name}${kind === 'retainers' ? ' in ' : ' → '}${object.label}` : object.label);

const childCount = (kind: TreeKind, o: ExplorerObject) => (kind === 'references' ? o.referenceCount : kind === 'retainers' ? o.retainerCount : o.dominatedCount);

/** One visible line of the tree: an object, or the "more" line under a cut list of children. */
type Line =
  | { key: string; depth: number; item: Item; parentKey: string; position: number; siblings: number }
  | { key: string; depth: number; more: { parentKey: string; id: number | undefined; shown: number; total: number } };

interface Props {
  answers: HeapAnswers;
  snapshot: number;
  kind: TreeKind;
  /** The object whose references, retainers or dominated objects are the top level; undefined: the root (dominators). */
  id: number | undefined;
  label: string;
  /** The top level as already answered (the object's first retainers or references): not asked again. */
  first?: Page<ExplorerEdge>;
  onSelect?: (object: ExplorerObject) => void;
}

/** The visible lines of the tree: each opened object's children under it, then its "more" line. */
function visibleLines(children: ReadonlyMap<string, Children>, open: ReadonlySet<string>, id: number | undefined): Line[] {
  const lines: Line[] = [];
  const walk = (parentKey: string, parentId: number | undefined, depth: number) => {
    const list = children.get(parentKey);
    if (!list) return;
    for (const [i, item] of list.items.entries()) {
      const key = `${parentKey}/${i}:${item.object.id}`;
      lines.push({ key, depth, item, parentKey, position: i + 1, siblings: list.total });
      if (open.has(key)) walk(key, item.object.id, depth + 1);
    }
    if (list.items.length < list.total) lines.push({ key: `${parentKey}/more`, depth, more: { parentKey, id: parentId, shown: list.items.length, total: list.total } });
  };
  walk('', id, 1);
  return lines;
}

/**
 * An object's references, its retainers or the dominator tree, expanded lazily: each level is
 * asked of the analysis process when it is opened, a page of TREE_PAGE children at a time. Edges that
 * do not keep their target alive (weak) are marked and dimmed. The lines are virtualized: a root
 * with thousands of children opened page after page draws only the lines in view (aria-setsize and
 * aria-posinset tell where a line stands). WAI-ARIA tree: one tab stop, arrows move and open/close,
 * Enter selects the object.
 */
export const ObjectTree = memo(function ObjectTree({ answers, snapshot, kind, id, label, first, onSelect }: Props) {
  // The top level as answered already, or kept in the page (the dominator tree's root asked ahead): drawn in the first render.
  const [children, setChildren] = useState(() => {
    const kept = first ? undefined : answers.peek(treeQuery(kind, snapshot, id, 0));
    const top = first ? { items: first.rows.map(edgeItem), total: first.total } : kept && pageOf(kept);
    return new Map<string, Children>(top ? [['', top]] : []);
  });
  const [open, setOpen] = useState(new Set<string>());
  const [active, setActive] = useState<string>();
  const [error, setError] = useState<string>();
  const listRef = useRef<HTMLDivElement>(null);
  const focusPending = useRef(false);

  const childrenQuery = (objectId: number | undefined, offset: number): HeapQuery => treeQuery(kind, snapshot, objectId, offset);
  const show = (key: string, offset: number, a: HeapAnswer) => {
    if (a.kind === 'error') return setError(a.message);
    const { items, total } = pageOf(a) ?? { items: [], total: 0 };
    setChildren((prev) => new Map(prev).set(key, { items: [...(offset > 0 ? (prev.get(key)?.items ?? []) : []), ...items], total }));
  };
  const load = (key: string, objectId: number | undefined, offset: number) => {
    const q = childrenQuery(objectId, offset);
    // Asked ahead (the line was focused or hovered): opened in the same render as the key or click.
    const kept = answers.peek(q);
    if (kept) show(key, offset, kept);
    else void answers.ask(q).then((a) => show(key, offset, a));
  };
  /** What Enter, a click or opening the line will ask, asked while the line is focused or hovered. */
  const prefetch = (item: Item) => {
    if (childCount(kind, item.object) > 0) answers.prefetch(childrenQuery(item.object.id, 0));
    answers.prefetch(objectQuery(snapshot, item.object.id));
  };

  useEffect(() => {
    if (!children.has('')) load('', id, 0);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the tree is remounted (key) for another object or snapshot
  }, []);

  const lines = useMemo(() => visibleLines(children, open, id), [children, open, id]);
  const height = Math.min(VISIBLE_LINES, lines.length) * ROW_HEIGHT + 2;
  // The first lines are drawn with the answer, not one more render later once the box is measured.
  // The body's full height with its slack, as its ResizeObserver reports it (see InstanceList).
  const virtualizer = useBodyVirtualizer({ count: lines.length, body: listRef, rowHeight: ROW_HEIGHT, height: VISIBLE_LINES * ROW_HEIGHT + 2, overscan: 4 });
  const inView = virtualizer.getVirtualItems();

  // After a key moved the focus: focus the line once the virtualizer has drawn it.
  useEffect(() => {
    if (!focusPending.current || active === undefined) return;
    const line = listRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(active)}"]`);
    if (line) {
      focusPending.current = false;
      line.focus({ preventScroll: true });
    }
  });

  const toggle = (line: Line & { item: Item }) => {
    const next = new Set(open);
    if (next.has(line.key)) next.delete(line.key);
    else {
      next.add(line.key);
      if (!children.has(line.key)) load(line.key, line.item.object.id, 0);
    }
    setOpen(next);
  };

  const activate = (line: Line) => {
    if ('more' in line) load(line.more.parentKey, line.more.id, line.more.shown);
    else onSelect?.(line.item.object);
  };

  const activeIndex = Math.max(0, lines.findIndex((l) => l.key === active));
  const onKeyDown = (e: KeyboardEvent) => {
    const line = lines[activeIndex];
    if (!line) return;
    const move = (i: number) => {
      const to = Math.max(0, Math.min(lines.length - 1, i));
      focusPending.current = true;
      setActive(lines[to].key);
      virtualizer.scrollToIndex(to, { align: 'auto' });
    };
    const expandable = 'item' in line && childCount(kind, line.item.object) > 0;
    if (e.key === 'ArrowDown') move(activeIndex + 1);
    else if (e.key === 'ArrowUp') move(activeIndex - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(lines.length - 1);
    else if (e.key === 'ArrowRight' && 'item' in line && expandable) {
      if (!open.has(line.key)) toggle(line);
      else move(activeIndex + 1);
    } else if (e.key === 'ArrowLeft' && 'item' in line && open.has(line.key)) toggle(line);
    else if (e.key === 'ArrowLeft') {
      const parent = 'item' in line ? line.parentKey : line.more.parentKey;
      const i = lines.findIndex((l) => l.key === parent);
      if (i >= 0) move(i);
    } else if (e.key === 'Enter' || e.key === ' ') activate(line);
    else return;
    e.preventDefault();
  };

  if (error) return <p className="error-text">{error}</p>;
  const top = children.get('');
  // The tab stop is the active line, or the first line in view when the active one was scrolled away.
  const tabStop = inView.some((i) => i.index === activeIndex) ? activeIndex : inView[0]?.index;
  return (
    <div className="xtree" role="group" aria-label={label}>
      <ObjectNumbersHead
        title={
          <h4 className="xcol xname">
            {label} {top && <span className="muted">({formatCount(top.total)})</span>}
          </h4>
        }
      />
      {top === undefined ? (
        <p className="muted">Loading…</p>
      ) : top.total === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <div ref={listRef} className="xtree-body" role="tree" aria-label={label} onKeyDown={onKeyDown} style={{ height }}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {inView.map(({ index, start }) => {
              const line = lines[index];
              const common = {
                'data-key': line.key,
                'aria-level': line.depth,
                tabIndex: index === tabStop ? 0 : -1,
                style: { height: ROW_HEIGHT, transform: `translateY(${start}px)` },
                onFocus: () => {
                  setActive(line.key);
                  if ('item' in line) prefetch(line.item);
                },
              };
              if ('more' in line) {
                return (
                  <div key={line.key} {...common} role="treeitem" className="xrow clickable more" onClick={() => activate(line)}>
                    <span className="xcol xname" style={{ paddingLeft: line.depth * 16 }}>
                      Show {formatCount(Math.min(TREE_PAGE, line.more.total - line.more.shown))} more of {formatCount(line.more.total)}…
                    </span>
                  </div>
                );
              }
              const { item } = line;
              const expandable = childCount(kind, item.object) > 0;
              const weak = item.edge !== undefined && !item.edge.retains;
              return (
                <div
                  key={line.key}
                  {...common}
                  role="treeitem"
                  aria-posinset={line.position}
                  aria-setsize={line.siblings}
                  aria-expanded={expandable ? open.has(line.key) : undefined}
                  aria-selected={false}
                  className={`xrow clickable ${weak ? 'weak' : ''}`}
                  onMouseEnter={() => prefetch(item)}
                  onClick={() => activate(line)}
                >
                  <span className="xcol xname" style={{ paddingLeft: (line.depth - 1) * 16 }} title={lineText(kind, item)}>
                    <button
                      type="button"
                      tabIndex={-1}
                      className="twisty"
                      aria-hidden="true"
                      disabled={!expandable}
                      onClick={(e) => {
                        e.stopPropagation();
                        toggle(line);
                      }}
                    >
                      {expandable ? (open.has(line.key) ? '▾' : '▸') : ''}
                    </button>
                    {item.edge && <span className="edge">{item.edge.name}</span>}
                    {item.edge && (kind === 'retainers' ? ' in ' : ' → ')}
                    {item.object.label}
                    {weak && <span className="badge weak-badge">weak: does not retain</span>}
                  </span>
                  <ObjectNumbers object={item.object} />
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
});
