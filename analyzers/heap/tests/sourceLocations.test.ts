import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../core/finding';
import type { LoadedInput } from '../../ingest/capability';
import type { HeapSnapshot } from '../heapSnapshot';
import { heapCapability } from '../index';
import type { HeapView } from '../view';
import { loadFile, quietContext, recordTsGameServer, TS_GAME } from './fixtures';

/** 1-based line and column of the first match of `pattern` in `file` (the column of the match's group 1 if any). */
function position(file: string, pattern: RegExp): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => pattern.test(l));
  const m = pattern.exec(lines[line])!;
  return { line: line + 1, column: m.index + (m[1] ? m[0].indexOf(m[1]) : 0) + 1 };
}

async function analyze(inputs: LoadedInput<HeapSnapshot>[], sourceMaps?: string[]) {
  const ctx = { ...quietContext(), options: sourceMaps ? { sourceMaps } : {}, earlierFindings: [], earlierSeries: [] };
  return (await heapCapability.analyze(inputs, ctx)) as { findings: Finding[]; view: HeapView };
}

const code = (f: Finding | undefined) => f?.evidence.find((e) => e.label === 'code')?.value;
const playerLeak = (findings: Finding[]) => findings.find((f) => f.analysis === 'heap.leaks' && f.title.includes('Player objects'));
const listenerLeak = (findings: Finding[]) => findings.find((f) => f.analysis === 'heap.leaks' && f.title.includes('(closure) objects'));

describe('leaks named by their code (the TypeScript game server, tsc with source maps)', () => {
  let inputs: LoadedInput<HeapSnapshot>[];
  beforeAll(async () => {
    inputs = await Promise.all(recordTsGameServer(3, 60).map(loadFile));
  }, 120_000);

  it('with the .map files, names the original .ts file, line and column', async () => {
    const { findings, view } = await analyze(inputs, [join(TS_GAME, 'js')]);
    const ctor = position(join(TS_GAME, 'src/player.ts'), /^\s*(constructor)\(/);
    const closure = position(join(TS_GAME, 'src/player.ts'), /this\.onLevelUp = (\(\)) =>/);
    expect(code(playerLeak(findings))).toBe(`\`Player\` constructor, src/player.ts:${ctor.line}:${ctor.column}`);
    expect(code(listenerLeak(findings))).toBe(`\`onLevelUp\` closure, src/player.ts:${closure.line}:${closure.column}`);
    // The same location is in the view the explorer and the reports read.
    const player = view.leaks!.clusters.find((c) => c.className === 'Player')!;
    expect(player.location).toMatchObject({ functionName: 'Player', kind: 'constructor', file: 'src/player.ts', line: ctor.line });
    expect(player.location!.generated!.file).toMatch(/ts_game_server\/js\/player\.js$/);
    expect(view.sourceMaps!.applied.map((a) => a.map)).toContain('player.js.map');
    expect(view.sourceMaps!.problems).toEqual([]);
    const largestPlayer = view.snapshots.at(-1)!.largestObjects!.find((c) => c.className === 'Player')!.objects[0];
    expect(largestPlayer.location?.file).toBe('src/player.ts');
  });

  it('without maps, names the generated .js position the snapshot carries', async () => {
    const { findings, view } = await analyze(inputs);
    const js = join(TS_GAME, 'js/player.js');
    const ctor = position(js, /^\s*constructor(\()/);
    const closure = position(js, /this\.onLevelUp = (\(\)) =>/);
    expect(code(playerLeak(findings))).toMatch(new RegExp(`^\`Player\` constructor, /.*/ts_game_server/js/player\\.js:${ctor.line}:${ctor.column}$`));
    expect(code(listenerLeak(findings))).toMatch(new RegExp(`^\`onLevelUp\` closure, /.*/ts_game_server/js/player\\.js:${closure.line}:${closure.column}$`));
    expect(view.sourceMaps).toBeUndefined();
  });

  it('a map that is not one, and a path that does not exist, are problems shown beside the findings, not a failed case', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftermath-maps-'));
    writeFileSync(join(dir, 'player.js.map'), '{"version":3,"sources":["a.ts"],"mappings":');
    const { findings, view } = await analyze(inputs, [dir, join(dir, 'missing')]);
    expect(view.sourceMaps!.problems).toEqual([expect.stringMatching(/^cannot read source maps from missing: ENOENT/), expect.stringMatching(/^player\.js\.map is not a source map \(not JSON\)$/),
      // A script whose map is missing from the folder is named too, with the map it asks for.
      expect.stringMatching(/js\/matchCache\.js names the source map matchCache\.js\.map, which is not among the given maps$/),
    ]);
    expect(code(playerLeak(findings))).toMatch(/js\/player\.js:\d+:\d+$/);
  });
});

describe('an inline source map (data: URL) held in the snapshot', () => {
  it('maps the bundle esbuild wrote back to the TypeScript sources, nothing given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftermath-inline-'));
    const bundle = join(dir, 'server.js');
    execFileSync(join(__dirname, '../../../node_modules/.bin/esbuild'), [join(TS_GAME, 'src/server.ts'), '--bundle', '--platform=node', '--format=cjs', '--sourcemap=inline', `--outfile=${bundle}`], { stdio: 'pipe' });
    // V8 keeps 1 024 characters of each string in a snapshot by default: the data: URL needs more.
    const files = recordTsGameServer(3, 40, bundle, ['--heap-snapshot-string-limit=4000000']);
    const { findings, view } = await analyze(await Promise.all(files.map(loadFile)));
    const closure = position(join(TS_GAME, 'src/player.ts'), /this\.onLevelUp = (\(\)) =>/);
    expect(code(listenerLeak(findings))).toMatch(new RegExp(`^\`onLevelUp\` closure, (?:.*/)?samples/heap/ts_game_server/src/player[.]ts:${closure.line}:${closure.column}$`));
    expect(view.sourceMaps!.applied).toEqual([{ script: bundle, map: 'inline map of server.js' }]);
  }, 120_000);
});
