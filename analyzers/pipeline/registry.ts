import type { Capability, InputFormat } from '../ingest/capability';
import type { AnalysisViews } from '../case/savedViews';
import { heapCapability } from '../heap';
import { allocCapability } from '../alloc';
import { locksCapability } from '../locks';
import { timelineCapability } from '../timeline';

/**
 * A capability whose id is the key its view is saved under: a mismatch does not compile. Typed by
 * the analyses' own views; savedViews turns them into the saved ones.
 */
export type RegisteredCapability = { [K in keyof AnalysisViews]-?: Capability<unknown, NonNullable<AnalysisViews[K]>, K> }[keyof AnalysisViews];

/** Every capability the app knows; format detection tries their formats in this order. */
export const CAPABILITIES: readonly RegisteredCapability[] = [
  heapCapability,
  allocCapability,
  locksCapability,
  timelineCapability,
];

export interface DetectedFormat {
  capability: RegisteredCapability;
  format: InputFormat<unknown>;
}

export function detectFormat(head: string, headBytes?: Uint8Array): DetectedFormat | undefined {
  for (const capability of CAPABILITIES) {
    for (const format of capability.formats) if (format.sniff(head, headBytes)) return { capability, format };
  }
  return undefined;
}

/** The formats a file nearly matched, with why it did not; empty when it looks like none of them. */
export function nearMisses(head: string, headBytes?: Uint8Array): { label: string; reason: string }[] {
  return CAPABILITIES.flatMap((c) =>
    c.formats.flatMap((f) => {
      const reason = f.nearMiss?.(head, headBytes);
      return reason === undefined ? [] : [{ label: f.label, reason }];
    }),
  );
}

export function supportedFormatLabels(): string[] {
  return CAPABILITIES.flatMap((c) => c.formats.map((f) => f.label));
}
