import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ExplorerObject, HeapAnswer } from '../../../../../analyzers/heap/viewExplorer';
import { useBodyVirtualizer } from '../../../components/VirtualTableBody';
import { plural } from '../../../format';
import { INSTANCE_PAGE as PAGE, instancesQuery, objectQuery, type HeapAnswers } from './heapAnswers';
import { ObjectNumbers, ObjectNumbersHead } from './objectCells';

const ROW_HEIGHT = 26;
const VISIBLE_ROWS = 12;

interface Props {
  answers: HeapAnswers;
  snapshot: number;
  className: string;
  /** Only the objects the snapshot at this index does not have (the comparison's new objects). */
  newSince?: number;
  selectedId?: number;
  onSelect: (object: ExplorerObject) => void;
}

/**
 * Every object of a class, largest retained size first, however many there are: the list is
 * virtualized and its rows are asked of the analysis process a page at a time, as they scroll
 * into view. One tab stop; arrow keys, PageUp/PageDown, Home/End move; Enter selects. A row focused
 * or hovered asks for its object ahead, so selecting it draws the object without waiting. A page
 * kept in the page (the first, asked as the class was opened; the last, asked once the count is
 * known, for End) is drawn in the render that needs it.
 */
export const InstanceList = memo(function InstanceList({ answers, snapshot, className, newSince, selectedId, onSelect }: Props) {
  const pageQuery = (p: number) => instancesQuery(snapshot, className, p, newSince);
  const [first] = useState(() => answers.peek(pageQuery(0)));
  const [pages, setPages] = useState(() => new Map<number, ExplorerObject[]>(first?.kind === 'instances' ? [[0, first.page.rows]] : []));
  const [total, setTotal] = useState(first?.kind === 'instances' ? first.page.total : undefined);
  const [error, setError] = useState<string>();
  const asked = useRef(new Set<number>(first?.kind === 'instances' ? [0] : []));
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);

  const show = (p: number, a: HeapAnswer) => {
    if (a.kind === 'error') return setError(a.message);
    if (a.kind !== 'instances') return;
    setTotal(a.page.total);
    setPages((prev) => new Map(prev).set(p, a.page.rows));
  };
  const fetchPage = (p: number) => {
    if (asked.current.has(p)) return;
    asked.current.add(p);
    // Kept (asked ahead): drawn in this render, not one more render after a resolved promise.
    const kept = answers.peek(pageQuery(p));
    if (kept) show(p, kept);
    else void answers.ask(pageQuery(p)).then((a) => show(p, a));
  };

  const height = Math.min(VISIBLE_ROWS, Math.max(1, total ?? 1)) * ROW_HEIGHT + 2;
  // The first rows are drawn with the first page, not one more render later once the box is measured.
  // The body's full height, its 2 px of slack included: the size its ResizeObserver reports, so that
  // the report finds the same rows in view and draws nothing again.
  const virtualizer = useBodyVirtualizer({ count: total ?? 0, body: scrollRef, rowHeight: ROW_HEIGHT, height: VISIBLE_ROWS * ROW_HEIGHT + 2, overscan: 5 });
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length ? Math.floor(items[0].index / PAGE) : 0;
  const lastPage = items.length ? Math.floor(items[items.length - 1].index / PAGE) : 0;

  useEffect(() => {
    for (let p = firstPage; p <= lastPage; p++) fetchPage(p);
  });

  // The last page asked ahead (at most a page of rows): End draws it without the round trip.
  useEffect(() => {
    if (total !== undefined && total > PAGE) answers.prefetch(pageQuery(Math.floor((total - 1) / PAGE)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the list is remounted (key) for another class or snapshot
  }, [total]);

  useEffect(() => {
    if (!focusPending.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    if (row) {
      focusPending.current = false;
      row.focus({ preventScroll: true });
    }
  });

  const rowAt = (i: number) => pages.get(Math.floor(i / PAGE))?.[i % PAGE];

  const onKeyDown = (e: KeyboardEvent) => {
    const last = (total ?? 0) - 1;
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
    const target = step !== undefined ? active + step : e.key === 'Home' ? 0 : e.key === 'End' ? last : undefined;
    if (target !== undefined) {
      e.preventDefault();
      const next = Math.max(0, Math.min(last, target));
      // Asked now, not once the scroll has drawn the row: a jump far away (End) saves a render's wait.
      fetchPage(Math.floor(next / PAGE));
      focusPending.current = true;
      setActive(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    } else if (e.key === 'Enter' || e.key === ' ') {
      const row = rowAt(active);
      if (row) {
        e.preventDefault();
        onSelect(row);
      }
    }
  };

  if (error) return <p className="error-text">{error}</p>;
  const tabStop = items.some((i) => i.index === active) ? active : items[0]?.index;
  return (
    <div className="xlist" role="group" aria-label={`${className} objects`}>
      <p className="muted">
        {total === undefined ? 'Loading…' : `${plural(total, newSince === undefined ? `${className} object` : `new ${className} object`)}, largest retained size first`}
      </p>
      <ObjectNumbersHead />
      <div ref={scrollRef} className="xlist-body" role="listbox" aria-label={`${className} objects`} onKeyDown={onKeyDown} style={{ height }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            return (
              <div
                key={item.index}
                data-index={item.index}
                role="option"
                aria-selected={row !== undefined && row.id === selectedId}
                tabIndex={item.index === tabStop ? 0 : -1}
                className="xrow clickable"
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onFocus={() => {
                  setActive(item.index);
                  if (row) answers.prefetch(objectQuery(snapshot, row.id));
                }}
                onMouseEnter={row ? () => answers.prefetch(objectQuery(snapshot, row.id)) : undefined}
                onClick={row ? () => onSelect(row) : undefined}
              >
                {row ? (
                  <>
                    <span className="xcol xname" title={row.label}>
                      {row.label}
                    </span>
                    <ObjectNumbers object={row} />
                  </>
                ) : (
                  <span className="xcol xname muted">…</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
});
