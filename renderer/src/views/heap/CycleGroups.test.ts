import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CycleReport } from '../../../../analyzers/case/saved/heapView';
import { CycleGroups } from './CycleGroups';

const report = (componentCount: number): CycleReport => ({ file: 'a.heapsnapshot', componentCount, largestComponent: 2, groups: [] });

describe('CycleGroups', () => {
  it('counts strongly connected components with the plural only when there are not one', () => {
    expect(renderToStaticMarkup(createElement(CycleGroups, { cycles: report(1) }))).toContain('1 strongly connected component of two');
    expect(renderToStaticMarkup(createElement(CycleGroups, { cycles: report(1204) }))).toContain('1,204 strongly connected components of two');
  });
});
