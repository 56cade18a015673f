import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { VirtualTable, type Column } from './VirtualTable';

const columns: Column<number>[] = [{ key: 'n', title: 'N', value: (n) => n }];
const bodyHeight = (rows: number[], extra: { maxRows?: number; height?: number }) => {
  const html = renderToStaticMarkup(createElement(VirtualTable<number>, { rows, columns, initialSort: { key: 'n', descending: false }, rowKey: String, label: 't', ...extra }));
  return Number(/class="vtable-body" style="height:(\d+)px/.exec(html)?.[1]);
};

describe('VirtualTable body height', () => {
  it('fits a short list to its rows and stops growing at maxRows', () => {
    expect(bodyHeight([1, 2, 3], { maxRows: 10 })).toBe(3 * 28 + 2);
    expect(bodyHeight(Array.from({ length: 50 }, (_, i) => i), { maxRows: 10 })).toBe(10 * 28 + 2);
  });

  it('keeps the fixed height without maxRows', () => {
    expect(bodyHeight([1, 2, 3], { height: 300 })).toBe(300);
    expect(bodyHeight([1, 2, 3], {})).toBe(480);
  });
});
