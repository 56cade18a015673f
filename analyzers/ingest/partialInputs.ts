import type { Finding } from '../core/finding';
import { plural } from '../core/numberFormat';
import type { InputSummary } from './capability';

/** The evidence label that names a finding's incomplete inputs (the report and exports show it). */
export const PARTIAL_INPUT_LABEL = 'Partial input';

/** A notice quoted in a finding stays a clause: the full text is on the input. */
const MAX_REASON_CHARS = 200;

/**
 * Why an input is incomplete, in a few words for the findings drawn from it: its first notice (the
 * reading's damage, then the format's, come first: `Loaded.notices`), and how many more it has.
 */
export function partialReason(input: Pick<InputSummary, 'notices'>): string {
  const { notices } = input;
  const lead = notices[0];
  if (!lead) return 'marked incomplete';
  const text = lead.message.length > MAX_REASON_CHARS ? `${lead.message.slice(0, MAX_REASON_CHARS)}…` : lead.message;
  const more = notices.length - 1;
  return `${text}${more > 0 ? ` (${plural(more, 'more notice')} on the input)` : ''}`;
}

/**
 * A finding drawn from an input that is damaged or cut short says so, in its detail and its
 * evidence: what it counts or estimates may be missing what the input lost. `partial` maps each
 * incomplete file to why; a file a finding already names as partial (a capability that said more,
 * as the heap does of a cut snapshot) is not said twice.
 */
export function markFromPartialInputs(findings: readonly Finding[], partial: ReadonlyMap<string, string>, lead = 'Computed from incomplete input'): Finding[] {
  if (partial.size === 0) return [...findings];
  return findings.map((f) => {
    const said = new Set(f.evidence.filter((e) => e.label === PARTIAL_INPUT_LABEL).flatMap((e) => String(e.value).split(', ')));
    const files = f.sources.filter((s) => partial.has(s) && !said.has(s));
    if (files.length === 0) return f;
    const why = files.map((file) => `${file}: ${partial.get(file)!}`).join('; ');
    return {
      ...f,
      detail: `${f.detail} ${lead}: ${why}.`,
      evidence: [...f.evidence, { label: PARTIAL_INPUT_LABEL, value: files.join(', ') }],
    };
  });
}

/** The incomplete inputs of a case, each with why, for `markFromPartialInputs`. */
export function partialInputs(inputs: readonly InputSummary[]): Map<string, string> {
  return new Map(inputs.filter((i) => !i.complete).map((i) => [i.file, partialReason(i)]));
}
