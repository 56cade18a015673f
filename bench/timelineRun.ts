import { runCase } from '../analyzers/pipeline/runCase';

/** One timeline case in its own process, so that peak RSS is this case's alone. Prints one JSON line. */
async function main(): Promise<void> {
  const paths = process.argv.slice(2);
  const started = performance.now();
  const result = await runCase(paths, { onProgress: () => {}, signal: new AbortController().signal, options: { memoryLimitBytes: (16 * 1024 ** 3) as never } });
  const ms = performance.now() - started;
  const view = result.views.timeline;
  const points = view ? view.series.reduce((n, s) => n + s.t.length, 0) : 0;
  console.log(
    JSON.stringify({
      ms: Math.round(ms),
      failures: result.failures.map((f) => f.message),
      findings: result.findings.map((f) => f.category),
      viewPoints: points,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
