import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uiBuildState } from './serveCommand';

describe('aftermath serve builds the UI when its bundle is missing or older than a source', () => {
  it('tells missing, stale (a source changed after the build, however deep) and current apart', () => {
    const root = mkdtempSync(join(tmpdir(), 'aftermath-ui-build-'));
    const index = join(root, 'out', 'index.html');
    const deep = join(root, 'src', 'views', 'timeline');
    mkdirSync(deep, { recursive: true });
    const source = join(deep, 'MetricChart.tsx');
    writeFileSync(source, 'export {};');
    expect(uiBuildState(index, [join(root, 'src')])).toBe('missing');
    mkdirSync(join(root, 'out'));
    writeFileSync(index, '<!doctype html>');
    const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);
    at(source, 1_000);
    at(index, 2_000);
    expect(uiBuildState(index, [join(root, 'src'), join(root, 'absent')])).toBe('current');
    at(source, 3_000);
    expect(uiBuildState(index, [join(root, 'src')])).toBe('stale');
  });
});
