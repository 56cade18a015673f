import type { EvidenceItem } from '../../core/finding';
import { formatCodeLocation, type CodeLocation } from '../viewCodeLocation';
import type { HeapSnapshots } from './contract';

/** A finding's objects with the code that created their first example (its constructor), when the locator can name it. */
export function withExampleLocation<T extends { exampleIds: readonly number[]; location?: CodeLocation }>(found: T, s: HeapSnapshots): T {
  const node = found.exampleIds.length ? s.last.idIndex.lookup(found.exampleIds[0]) : undefined;
  const location = node === undefined ? undefined : s.locator.locate(s.last, node);
  return location ? { ...found, location } : found;
}

/** The code behind a finding's objects as evidence: where they are created, and the script's own position when a source map gave it. */
export function codeEvidence(location: CodeLocation | undefined): EvidenceItem[] {
  if (!location) return [];
  const items: EvidenceItem[] = [{ label: 'code', value: formatCodeLocation(location) }];
  const g = location.generated;
  if (g) items.push({ label: 'generated code', value: `${g.file}:${g.line}:${g.column}` });
  return items;
}
