import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type ReactNode } from 'react';

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
}

const ROW_HEIGHT = 28;

/**
 * A sortable table that renders only the rows in view: a snapshot can have tens of thousands of
 * constructors, and a DOM row per constructor would freeze the window.
 */
export function VirtualTable<R>({ rows, columns, initialSort, rowKey, label, height: fixedHeight = 480, maxRows, onRowClick }: Props<R>) {
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
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const template = columns.map((c) => c.width ?? '1fr').join(' ');

  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={sorted.length}>
      <div className="vtable-head" role="row" style={{ gridTemplateColumns: template }}>
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
      <div ref={scrollRef} className="vtable-body" style={{ height }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = sorted[item.index];
            return (
              <div
                key={rowKey(row, item.index)}
                role="row"
                data-index={item.index}
                className={`vtable-row ${onRowClick ? 'clickable' : ''}`}
                style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
              >
                {columns.map((c) => (
                  <div key={c.key} role="cell" className={`vtable-cell ${c.align === 'right' ? 'num' : ''}`}>
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
