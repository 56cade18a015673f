import type { EvidenceItem } from '../../core/finding';
import { formatCodeLocation, type CodeLocation } from '../viewCodeLocation';

/** The code behind a finding's objects as evidence: where they are created, and the script's own position when a source map gave it. */
export function codeEvidence(location: CodeLocation | undefined): EvidenceItem[] {
  if (!location) return [];
  const items: EvidenceItem[] = [{ label: 'code', value: formatCodeLocation(location) }];
  const g = location.generated;
  if (g) items.push({ label: 'generated code', value: `${g.file}:${g.line}:${g.column}` });
  return items;
}
