import type { FuzzInput } from './corpus';

/** What the worker process reports about one analysed input. */
export interface AnalysisReport {
  failures: string[];
  complete: boolean;
  notices: string[];
  /** `id severity title` of each finding: what a `same` variant must reproduce. */
  findings: string[];
  /** Script the Markdown or HTML report would run in a viewer, quoted. */
  scriptInOutput: string[];
  ms: number;
}

export const OUTCOMES = [
  'ok',
  'ok-incomplete',
  'rejected-with-named-error',
  'valid-rejected',
  'variant-differs',
  'silent-cut',
  'unnamed-error',
  'crash',
  'hang',
  'unbounded-memory',
  'script-in-output',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The outcomes that mean the promises are broken for this input. */
export const BAD_OUTCOMES: ReadonlySet<Outcome> = new Set(['valid-rejected', 'variant-differs', 'silent-cut', 'unnamed-error', 'crash', 'hang', 'unbounded-memory', 'script-in-output']);

/** JavaScript's own error texts: a message carrying one of them was never turned into the user's terms. */
const RAW_ENGINE_TEXT = /internal error|Invalid time value|Unexpected token|is not a function|Cannot read propert|undefined|Maximum call stack|Invalid array length|Invalid string length/;

export function classify(input: FuzzInput, report: AnalysisReport, baseFindings: string[] | undefined): { outcome: Outcome; why: string } {
  if (report.scriptInOutput.length) return { outcome: 'script-in-output', why: report.scriptInOutput.join(' | ') };
  if (report.failures.length) {
    const bad = report.failures.find((m) => RAW_ENGINE_TEXT.test(m) || !m.includes(':'));
    if (bad) return { outcome: /internal error/.test(bad) ? 'crash' : 'unnamed-error', why: bad };
    const utf16Refused = input.name.endsWith('utf16le-bom') && report.failures.every((m) => /UTF-16/.test(m));
    if (input.kind === 'same' && !utf16Refused) return { outcome: 'valid-rejected', why: report.failures.join(' | ') };
    return { outcome: 'rejected-with-named-error', why: report.failures.join(' | ') };
  }
  if (input.kind === 'same' && baseFindings) {
    const missing = baseFindings.filter((f) => !report.findings.includes(f));
    const extra = report.findings.filter((f) => !baseFindings.includes(f));
    if (missing.length || extra.length) return { outcome: 'variant-differs', why: `lost: ${missing.slice(0, 2).join('; ')} gained: ${extra.slice(0, 2).join('; ')}` };
  }
  if (input.cut && report.complete && report.notices.length === 0) return { outcome: 'silent-cut', why: 'cut file analysed as complete without a notice' };
  return { outcome: report.complete ? 'ok' : 'ok-incomplete', why: report.notices.slice(0, 2).join(' | ') };
}

/**
 * Script a viewer would run: a live `<script>`, an event-handler attribute in a tag, or a
 * `javascript:` link. In Markdown, raw HTML is live unless escaped (`\<`, `&lt;`, inside code).
 */
export function scriptIn(html: string, markdown: string): string[] {
  const hits: string[] = [];
  // An event handler is an attribute *name*: `onerror=` inside a quoted value (an escaped label) is text.
  const handler = /<[a-z][\w-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*?\s+on[a-z]+\s*=/gi;
  for (const m of html.matchAll(/<script\b[^>]*>|(?:href|src)\s*=\s*["']?\s*javascript:/gi)) hits.push(`html: ${m[0].slice(0, 80)}`);
  for (const m of html.matchAll(handler)) hits.push(`html: ${m[0].slice(0, 80)}`);
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  for (const m of prose.matchAll(/(?<!\\)<script\b|(?<!\\)<[a-z][^>]*\son[a-z]+\s*=|\]\(\s*javascript:/gi)) hits.push(`md: ${m[0].slice(0, 80)}`);
  return hits;
}
