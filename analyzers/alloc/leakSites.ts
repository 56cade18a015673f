import { frameLabel, type Frame } from '../core/frame';
import { bytes, type Bytes } from '../core/units';
import { firstUserFrameIndex, type FrameClassifier } from './frameFolding';
import type { KindTotal, LeakKind, LeakReport } from './model';
import { objectTypeFromFrames } from './objectType';

/** Leaked memory grouped by allocation site: the first frame of the user's own code. */
export interface LeakSite {
  /** `fn file:line` of the user frame (or `(module+0xoff)` unsymbolized); equal across runs of one build. */
  key: string;
  userFrame: Frame;
  objectType?: string;
  bytes: Bytes;
  blocks: number;
  byKind: Partial<Record<LeakKind, KindTotal>>;
  /** Indirect bytes owned by this site's Valgrind clique leaders (not included in `bytes`). */
  ownedIndirectBytes: Bytes;
  /** `bytes` over all bytes of the report, 0–1. */
  share: number;
  /** The full stack of the site's biggest record, innermost first. */
  stack: Frame[];
  /** Index of `userFrame` in `stack`: frames before it are folded allocator/library frames. */
  userFrameIndex: number;
  records: number;
}

/** The site of one stack: where its user frame is and what key it has. */
export function recordSite(frames: readonly Frame[], classifier: FrameClassifier): { key: string; index: number } {
  const index = firstUserFrameIndex(frames, classifier);
  const frame = frames[index];
  return { key: frame ? frameLabel(frame) : '<no stack>', index };
}

/**
 * Groups a report's records by allocation site, biggest first (by absolute size, so that a
 * heaptrack diff's shrinking sites rank too).
 */
export function leakSites(report: LeakReport, classifier: FrameClassifier): LeakSite[] {
  const sites = new Map<string, LeakSite & { biggest: number }>();
  let total = 0;
  for (const record of report.records) {
    total += Math.abs(record.bytes);
    const { key, index } = recordSite(record.frames, classifier);
    let site = sites.get(key);
    if (!site) {
      site = {
        key,
        userFrame: record.frames[index] ?? {},
        bytes: bytes(0),
        blocks: 0,
        byKind: {},
        ownedIndirectBytes: bytes(0),
        share: 0,
        stack: record.frames,
        userFrameIndex: index,
        records: 0,
        biggest: -1,
      };
      sites.set(key, site);
    }
    site.bytes = bytes(site.bytes + record.bytes);
    site.blocks += record.blocks;
    site.records++;
    site.ownedIndirectBytes = bytes(site.ownedIndirectBytes + (record.ownedIndirectBytes ?? 0));
    const kind = (site.byKind[record.kind] ??= { bytes: bytes(0), blocks: 0 });
    kind.bytes = bytes(kind.bytes + record.bytes);
    kind.blocks += record.blocks;
    if (Math.abs(record.bytes) > site.biggest) {
      site.biggest = Math.abs(record.bytes);
      site.stack = record.frames;
      site.userFrameIndex = index;
    }
  }
  return [...sites.values()]
    .map(({ biggest: _biggest, ...site }) => {
      const objectType = objectTypeFromFrames(site.stack, site.userFrameIndex);
      return { ...site, share: total ? Math.abs(site.bytes) / total : 0, ...(objectType ? { objectType } : {}) };
    })
    .sort((a, b) => Math.abs(b.bytes) - Math.abs(a.bytes));
}
