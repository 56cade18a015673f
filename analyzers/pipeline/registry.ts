import type { Capability, InputFormat } from '../ingest/capability';
import type { CaseViews } from '../case/caseResult';
import { heapCapability } from '../heap';
import { allocCapability } from '../alloc';
import { locksCapability } from '../locks';
import { timelineCapability } from '../timeline';

/** A capability whose id is the key its view is saved under: a mismatch does not compile. */
export type RegisteredCapability = { [K in keyof CaseViews]-?: Capability<unknown, NonNullable<CaseViews[K]>, K> }[keyof CaseViews];

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

export function detectFormat(head: string): DetectedFormat | undefined {
  for (const capability of CAPABILITIES) {
    for (const format of capability.formats) if (format.sniff(head)) return { capability, format };
  }
  return undefined;
}

export function supportedFormatLabels(): string[] {
  return CAPABILITIES.flatMap((c) => c.formats.map((f) => f.label));
}
