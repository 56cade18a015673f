import type { Finding } from './finding';
import { groupDigits } from './numberFormat';

/** Longer than any real function, metric, event or file name; a longer one is damage or an attack. */
export const MAX_NAME_CHARS = 500;
/** A finding's prose may quote several names. */
export const MAX_PROSE_CHARS = 4_000;

/**
 * Text taken from an input, cut to `max` characters with a marker that says how long it was: one
 * 50 MB "title" must not be copied into every finding, report and case row.
 */
export function boundText(text: string, max: number = MAX_NAME_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [cut: ${groupDigits(text.length)} characters in all]`;
}

/** A finding whose text from inputs is bounded; the same object when nothing was too long. */
export function boundFindingText(f: Finding): Finding {
  const title = boundText(f.title);
  const detail = boundText(f.detail, MAX_PROSE_CHARS);
  const suggestedFix = boundText(f.suggestedFix, MAX_PROSE_CHARS);
  const evidence = f.evidence.map((e) => (typeof e.value === 'string' && e.value.length > MAX_NAME_CHARS ? { ...e, label: boundText(e.label), value: boundText(e.value) } : e.label.length > MAX_NAME_CHARS ? { ...e, label: boundText(e.label) } : e));
  const paths = f.paths.map((p) => (p.label.length > MAX_NAME_CHARS || p.steps.some((s) => s.length > MAX_NAME_CHARS) ? { label: boundText(p.label), steps: p.steps.map((s) => boundText(s)) } : p));
  const sources = f.sources.map((s) => boundText(s));
  const changed =
    title !== f.title ||
    detail !== f.detail ||
    suggestedFix !== f.suggestedFix ||
    evidence.some((e, i) => e !== f.evidence[i]) ||
    paths.some((p, i) => p !== f.paths[i]) ||
    sources.some((s, i) => s !== f.sources[i]);
  return changed ? { ...f, title, detail, suggestedFix, evidence, paths, sources } : f;
}
