import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useBodyVirtualizer } from './VirtualTableBody';

export interface Column<R> {
  key: string;
  title: string;
  /** The value sorted on; numbers sort numerically, strings by locale. */
  value: (row: R) => number | string;
  render?: (row: R) => ReactNode;
  align?: 'left' | 'right';
  width?: string;
}

interface Props<R> {
  rows: readonly R[];
  columns: Column<R>[];
  initialSort: { key: string; descending: boolean };
  rowKey: (row: R, index: number) => string;
  label: string;
  /** The body's height in pixels; ignored when `maxRows` is given. */
  height?: number;
  /** Fit the body to the rows, up to this many, instead of a fixed height. */
  maxRows?: number;
  onRowClick?: (row: R) => void;
  /** The rows shown answer an earlier question; the next answer is on its way. */
  busy?: boolean;
}

const ROW_HEIGHT = 28;

/** Rows a PageUp/PageDown moves by. */
const PAGE_ROWS = 10;

/**
 * A sortable table that renders only the rows in view: a snapshot can have tens of thousands of
 * constructors, and a DOM row per constructor would freeze the window.
 *
 * Keyboard: the WAI-ARIA grid pattern with row focus. The body is one tab stop (the last focused
 * row); arrow keys, PageUp/PageDown and Home/End move between rows, scrolling the row into view
 * before focusing it (it may not be rendered yet); Enter or Space does what a click does.
 */
export function VirtualTable<R>({ rows, columns, initialSort, rowKey, label, height: fixedHeight = 480, maxRows, onRowClick, busy = false }: Props<R>) {
  // + 2 px of slack, so that rows which fit do not show a scroll bar.
  const height = maxRows === undefined ? fixedHeight : Math.min(rows.length, maxRows) * ROW_HEIGHT + 2;
  const [sort, setSort] = useState(initialSort);
  const scrollRef = useRef<HTMLDivElement>(null);
  const sorted = useMemo(() => {
    const col = columns.find((c) => c.key === sort.key) ?? columns[0];
    const dir = sort.descending ? -1 : 1;
    return [...rows].sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return cmp * dir;
    });
  }, [rows, columns, sort]);
  // Five rows ahead (a wheel step's worth), as the explorer's lists: each row drawn ahead is paid for in
  // the first frame of every table (twelve made the Heap tab's summary 29 rows where 17 show).
  const virtualizer = useBodyVirtualizer({ count: sorted.length, body: scrollRef, rowHeight: ROW_HEIGHT, height, overscan: 5 });
  const template = columns.map((c) => c.width ?? '1fr').join(' ');
  const [active, setActive] = useState(0);
  const activeRow = Math.min(active, Math.max(0, sorted.length - 1));
  const focusPending = useRef(false);

  // After a key moved the focus: focus the row once the virtualizer has rendered it.
  useEffect(() => {
    if (!focusPending.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${activeRow}"]`);
    if (row) {
      focusPending.current = false;
      row.focus({ preventScroll: true });
    }
  });

  const onKeyDown = (e: KeyboardEvent) => {
    const last = sorted.length - 1;
    const target =
      e.key === 'ArrowDown' ? activeRow + 1
      : e.key === 'ArrowUp' ? activeRow - 1
      : e.key === 'PageDown' ? activeRow + PAGE_ROWS
      : e.key === 'PageUp' ? activeRow - PAGE_ROWS
      : e.key === 'Home' ? 0
      : e.key === 'End' ? last
      : undefined;
    if (target !== undefined) {
      e.preventDefault();
      const next = Math.max(0, Math.min(last, target));
      focusPending.current = true;
      setActive(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
      return;
    }
    if ((e.key === 'Enter' || e.key === ' ') && onRowClick && sorted[activeRow] !== undefined) {
      e.preventDefault();
      onRowClick(sorted[activeRow]);
    }
  };

  // The tab stop is the active row, or the first row in view when the active one was scrolled away.
  const inView = virtualizer.getVirtualItems();
  const tabStop = inView.some((i) => i.index === activeRow) ? activeRow : inView[0]?.index;

  return (
    <div className="vtable" role="grid" aria-label={label} aria-busy={busy} aria-rowcount={sorted.length + 1} aria-readonly="true">
      <div className="vtable-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <button
            key={c.key}
            role="columnheader"
            className={`vtable-cell ${c.align === 'right' ? 'num' : ''}`}
            aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            onClick={() => setSort((s) => ({ key: c.key, descending: s.key === c.key ? !s.descending : true }))}
          >
            {c.title}
            {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
          </button>
        ))}
      </div>
      <div ref={scrollRef} className="vtable-body" style={{ height }} role="rowgroup" onKeyDown={onKeyDown}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {inView.map((item) => {
            const row = sorted[item.index];
            return (
              <div
                key={rowKey(row, item.index)}
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                tabIndex={item.index === tabStop ? 0 : -1}
                className={`vtable-row ${onRowClick ? 'clickable' : ''}`}
                style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onFocus={() => setActive(item.index)}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
              >
                {columns.map((c) => (
                  <div key={c.key} role="gridcell" className={`vtable-cell ${c.align === 'right' ? 'num' : ''}`}>
                    {c.render ? c.render(row) : String(c.value(row))}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
