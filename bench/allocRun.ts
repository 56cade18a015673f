import { openFileSource } from '../analyzers/ingest/fileSource';
import { eventLogFormat } from '../analyzers/alloc/eventLogFormat';

/** One measured load of an event log, in its own process so that its peak RSS is its own. */
async function main(): Promise<void> {
  const path = process.argv[2];
  const source = await openFileSource(path);
  const start = process.hrtime.bigint();
  const loaded = await eventLogFormat.load(source, { onProgress: () => {}, signal: new AbortController().signal });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (loaded.artifact.type !== 'event-log') throw new Error('not an event log');
  const log = loaded.artifact;
  console.log(
    JSON.stringify({
      events: log.events,
      ms,
      eventsPerSecond: Math.round(log.events / (ms / 1000)),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      fileMiB: Math.round(source.sizeBytes / 2 ** 20),
      liveAtEnd: log.unfreed.toolTotals.leakedBlocks,
      peakLiveBytes: log.peakLiveBytes,
      complete: loaded.complete,
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
