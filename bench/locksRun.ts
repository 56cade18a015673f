import { openFileSource } from '../analyzers/ingest/fileSource';
import { compileLockFolding } from '../analyzers/locks/folding';
import { hotPathTree } from '../analyzers/locks/hotPaths';
import { perfScriptFormat } from '../analyzers/locks/perfScript';
import { summarize } from '../analyzers/locks/summary';

/** One measured parse + aggregation of a perf script capture, in its own process so that its peak RSS is its own. */
async function main(): Promise<void> {
  const path = process.argv[2];
  const source = await openFileSource(path);
  const start = process.hrtime.bigint();
  const loaded = await perfScriptFormat.load(source, { onProgress: () => {}, signal: new AbortController().signal });
  const summary = summarize({ ...loaded, file: source.name, formatId: perfScriptFormat.id }, compileLockFolding());
  const tree = hotPathTree(summary.paths);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const mb = source.sizeBytes / 1e6;
  console.log(
    JSON.stringify({
      mb: Math.round(mb),
      ms: Math.round(ms),
      mbPerSecond: Math.round(mb / (ms / 1000)),
      events: loaded.artifact.toolTotals.events,
      distinctStacks: loaded.artifact.toolTotals.distinctStacks,
      locks: summary.locks.length,
      threads: summary.threads.length,
      top: tree.slice(0, 3).map((n) => `${n.label} ${(n.share * 100).toFixed(1)} %`),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      complete: loaded.complete,
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
