import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderedOrThrow } from '../analyzers/app/node/exportRendering';
import { runCase } from '../analyzers/pipeline/runCase';
import { tempFile } from '../analyzers/ingest/tests/loadForTest';
import { renderExport } from '../analyzers/report/renderExport';
import { AnalysisHost, hostFor, inProcessHost, type CliHost } from './analysisHost';

const SNAPSHOTS = ['game-1-baseline', 'game-2-target', 'game-3-final'].map((n) => join(__dirname, '..', 'samples', 'heap', `${n}.heapsnapshot.gz`));

describe('AnalysisHost (the CLI and serve mode analysis child)', () => {
  it('reports an analysis child that runs out of memory as an error of that job instead of dying with it', async () => {
    const starved = new AnalysisHost(12);
    try {
      const end = await starved.waitFor(starved.start(SNAPSHOTS));
      expect(end.type).toBe('error');
      expect(end.type === 'error' && end.message).toMatch(/ran out of memory while analyzing .*game-1-baseline/);
    } finally {
      starved.dispose();
    }
  }, 60_000);

  it('cancels a running job and stays usable', async () => {
    const host = new AnalysisHost();
    try {
      const first = host.start(SNAPSHOTS);
      host.cancel(first);
      expect((await host.waitFor(first)).type).toBe('cancelled');
      const second = await host.waitFor(host.start(SNAPSHOTS.slice(0, 1)));
      expect(second.type).toBe('result');
      expect(second.type === 'result' && second.result.views.heap?.snapshots[0].nodeCount).toBeGreaterThan(1000);
    } finally {
      host.dispose();
    }
  }, 60_000);
});

describe('small inputs analyzed in the CLI\'s own process', () => {
  const incident = (f: string) => join(__dirname, '..', 'samples', 'incidents', 'cache-stampede', f);
  const files = ['events.jsonl', 'metrics.csv', 'chat-timeline.txt'].map(incident);

  it('reports what the child process reports, the same job runner behind both', async () => {
    const analyzed = async (host: CliHost) => {
      try {
        const end = await host.waitFor(host.start(files));
        if (end.type !== 'result') throw new Error(`analysis ended with ${end.type}`);
        return { ...end.result, analyzedAt: '' };
      } finally {
        host.dispose();
      }
    };
    const here = await analyzed(await inProcessHost());
    expect(here.findings.length).toBeGreaterThan(0);
    expect(here).toEqual(await analyzed(new AnalysisHost()));
  }, 60_000);

  it('goes to a child process past a MiB in all, or when a file cannot be read', async () => {
    const small = await hostFor(files);
    const big = await hostFor([SNAPSHOTS[2], ...files]);
    const missing = await hostFor([...files, incident('no-such-file.txt')]);
    try {
      expect(small).not.toBeInstanceOf(AnalysisHost);
      expect(big).toBeInstanceOf(AnalysisHost);
      expect(missing).toBeInstanceOf(AnalysisHost);
    } finally {
      for (const h of [small, big, missing]) h.dispose();
    }
  });
});

describe('a case compared with files marked as its baseline (the UI\'s Before/after)', () => {
  const gate = (side: string, ...files: string[]) => files.map((f) => join(__dirname, '..', 'samples', 'gate', 'fixtures', side, f));
  it('analyzes the baseline apart and saves the comparison with the case; an unreadable baseline file is a failure of the case', async () => {
    const host = new AnalysisHost();
    try {
      const bad = tempFile('baseline-notes.txt', 'minutes of the call, not a dump\n');
      const end = await host.waitFor(host.start(gate('candidate', 'lsan.txt'), undefined, [...gate('baseline', 'lsan.txt'), bad]));
      if (end.type !== 'result') throw new Error(`analysis ended with ${end.type}`);
      expect(end.result.inputs.map((i) => i.file)).toEqual(['lsan.txt']);
      expect(end.result.views.regression).toMatchObject({ verdict: 'fail', baselineFiles: ['lsan.txt'], candidateFiles: ['lsan.txt'] });
      expect(end.result.views.regression!.figures.find((f) => f.id === 'alloc.lsan.leaked')?.status).toBe('regressed');
      expect(end.result.failures).toEqual([{ file: 'baseline-notes.txt', message: expect.stringMatching(/^Baseline: baseline-notes\.txt: is not a recognised input/) }]);
    } finally {
      host.dispose();
    }
  }, 60_000);
});

describe('the heap explorer in the analysis child', () => {
  it('answers from the graphs of the latest case, which a new case or closing the case lets go', async () => {
    const host = new AnalysisHost();
    try {
      const first = host.start(SNAPSHOTS);
      const end = await host.waitFor(first);
      if (end.type !== 'result') throw new Error(`analysis ended with ${end.type}`);
      const classes = await host.explore(first, { kind: 'classes', snapshot: 2, filter: 'Player' });
      expect(classes.kind === 'classes' && classes.classes.map((c) => c.name)).toContain('Player');
      expect(classes.kind === 'classes' && classes.file).toBe(end.result.views.heap?.snapshots[2].file);

      const second = host.start(SNAPSHOTS.slice(0, 1));
      expect((await host.waitFor(second)).type).toBe('result');
      expect(await host.explore(first, { kind: 'classes', snapshot: 0 })).toMatchObject({ kind: 'error', message: expect.stringMatching(/no longer loaded/) });
      expect(await host.explore(second, { kind: 'classes', snapshot: 0 })).toMatchObject({ kind: 'classes', file: 'game-1-baseline.heapsnapshot.gz' });
      host.release(second);
      expect(await host.explore(second, { kind: 'classes', snapshot: 0 })).toMatchObject({ kind: 'error', message: expect.stringMatching(/no longer loaded/) });
    } finally {
      host.dispose();
    }
  }, 120_000);
});

describe('SQL queries in the analysis child', () => {
  it('answers queries over a finished case, stops a runaway query by ending the child, and answers again after', async () => {
    const host = new AnalysisHost(undefined, 2_000);
    try {
      const end = await host.waitFor(host.start(SNAPSHOTS.slice(0, 1)));
      if (end.type !== 'result') throw new Error(`analysis ended with ${end.type}`);
      const count = await host.query('case-1', end.result, 'SELECT count(*) FROM findings');
      expect(count).toMatchObject({ status: 'ok', rows: [[end.result.findings.length]] });

      const runaway = await host.query('case-1', end.result, 'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n');
      expect(runaway).toEqual({ status: 'error', message: 'The query ran for more than 2 s and was stopped.' });

      // The next query starts a fresh child, which is sent the case again.
      const again = await host.query('case-1', end.result, 'SELECT severity FROM findings ORDER BY severity_rank DESC LIMIT 1');
      expect(again.status).toBe('ok');
    } finally {
      host.dispose();
    }
  }, 60_000);
});

describe('export rendering in the analysis child', () => {
  it('renders what the in-process renderer does, a case file that reopens, and an error for what cannot be rendered', async () => {
    const host = new AnalysisHost();
    try {
      const end = await host.waitFor(host.start(SNAPSHOTS.slice(0, 1)));
      if (end.type !== 'result') throw new Error(`analysis ended with ${end.type}`);
      const request = { format: 'md', content: 'report', edits: { title: 'Guild leak' } } as const;
      const md = renderedOrThrow(await host.render('case-1', end.result, request));
      expect(md).toEqual(await renderExport(end.result, request));
      expect(md.data).toContain('Guild leak');

      const saved = renderedOrThrow(await host.render('case-1', end.result, { format: 'case', content: 'report' }));
      // One snapshot proves no leak (issue 10): the case's title, and so the file's name, says so.
      expect(saved.fileName).toBe('post-mortem-no-root-cause-identified.aftermath');
      const path = tempFile('reopened.aftermath', Buffer.from(saved.data as Uint8Array));
      const reopened = await runCase([path], { onProgress: () => undefined, signal: new AbortController().signal });
      expect(reopened.findings).toEqual(end.result.findings);

      const noHeap = await host.render('case-2', { ...end.result, views: {} }, { format: 'md', content: 'heap-summary' });
      expect(noHeap).toEqual({ status: 'error', message: 'this case has no heap snapshot to summarize' });
    } finally {
      host.dispose();
    }
  }, 60_000);
});

describe('the heap helper threads in the analysis child', () => {
  it('run for snapshots past their size threshold without a failure notice, several at once, and give the same analysis', async () => {
    // The samples padded with trailing JSON whitespace to 17 MiB: the same heaps, files big enough for
    // the loader to parse each on a thread of its own and to start its index thread (CLI_THREADS), and
    // for the pipeline to load two at once on this 2-core machine.
    const padded = SNAPSHOTS.map((path) => {
      const text = gunzipSync(readFileSync(path));
      return tempFile(`padded-${path.split('/').pop()!.replace('.gz', '')}`, Buffer.concat([text, Buffer.alloc(17 * 2 ** 20 - text.length, 0x20)]));
    });
    const host = new AnalysisHost();
    try {
      const big = await host.waitFor(host.start(padded));
      const small = await host.waitFor(host.start(SNAPSHOTS));
      if (big.type !== 'result' || small.type !== 'result') throw new Error(`analyses ended with ${big.type}, ${small.type}`);
      expect(big.result.inputs.map((i) => i.sizeBytes >= 16 * 2 ** 20)).toEqual([true, true, true]);
      expect(big.result.inputs.flatMap((i) => i.notices.map((n) => n.message)).filter((m) => /thread|at a time/.test(m))).toEqual([]);
      expect(big.result.views.heap?.snapshots.map((s) => s.constructors)).toEqual(small.result.views.heap?.snapshots.map((s) => s.constructors));
      // The same leak clusters, from files named differently.
      const unnamed = (value: unknown) => JSON.stringify(value).replaceAll('padded-', '').replaceAll('.heapsnapshot.gz', '.heapsnapshot');
      expect(unnamed(big.result.views.heap?.leaks)).toEqual(unnamed(small.result.views.heap?.leaks));
      expect(unnamed(big.result.findings.map((f) => f.title))).toEqual(unnamed(small.result.findings.map((f) => f.title)));
    } finally {
      host.dispose();
    }
  }, 120_000);
});
