import type { FindingImpact, FindingSubject } from './saved/finding';
import { parseView, stringifyView } from './viewJson';

/**
 * A finding's impact and subject as JSON cells: their shapes grow with the analyses, like views do.
 * Read back from a file someone may have edited, so every field is checked for its type.
 */
export const impactJson = (impact: FindingImpact): string => stringifyView(impact);
export const subjectJson = (subject: FindingSubject | undefined): string | null => (subject ? JSON.stringify(subject) : null);

type Check = 'number' | 'string' | 'boolean' | 'strings' | { [field: string]: Check };

const IMPACT: Check = {
  retained: { bytes: 'number', share: 'number', state: 'string' },
  growth: {
    grownBytes: 'number', grownObjects: 'number', observations: 'number', timeBase: 'string', overMs: 'number',
    bytesPerHour: 'number', shareOfGrowth: 'number', hoursToLimit: 'number', limitReached: 'boolean',
  },
  lockWait: { share: 'number', meanWaiters: 'number', totalWaitNs: 'number' },
  breach: { metric: 'string', durationMs: 'number', peakRatio: 'number', services: 'number' },
  oomKills: 'number',
  improvement: 'boolean',
};
const SUBJECT: Check = { key: 'string', slot: 'string', objects: 'string', partOf: 'strings', holdsGrowthOf: 'strings', population: 'string' };

/** The value's problem, or undefined when it fits the shape (unknown fields are problems too). */
function mismatch(value: unknown, check: Check, at: string): string | undefined {
  if (typeof check === 'string') {
    const ok = check === 'strings' ? Array.isArray(value) && value.every((v) => typeof v === 'string') : typeof value === check;
    return ok ? undefined : `${at} should be ${check === 'strings' ? 'a list of strings' : `a ${check}`}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${at} should be an object`;
  for (const [key, v] of Object.entries(value)) {
    const inner = check[key];
    if (!inner) return `${at}.${key} is not a known field`;
    const problem = mismatch(v, inner, `${at}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

export function parseImpact(text: string): FindingImpact | string {
  let value: unknown;
  try {
    value = parseView(text);
  } catch {
    return 'impact is not valid JSON';
  }
  return mismatch(value, IMPACT, 'impact') ?? (value as FindingImpact);
}

export function parseSubject(text: string): FindingSubject | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'subject is not valid JSON';
  }
  const problem = mismatch(value, SUBJECT, 'subject');
  if (problem) return problem;
  return typeof (value as { key?: unknown }).key === 'string' ? (value as FindingSubject) : 'subject has no key';
}
