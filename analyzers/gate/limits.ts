import type { GateLimits, GateSettings, LimitKey } from '../case/saved/regression';
import { formatPercentLimit, nounFor } from '../core/numberFormat';

export const LIMIT_KEYS: readonly LimitKey[] = ['p99', 'mean', 'throughput', 'errors', 'cpu', 'memory', 'lock-wait', 'leak', 'leak-rate', 'heap', 'heap-count', 'heap-growth'];

export const DEFAULT_LIMITS: GateLimits = {
  p99: 0.1,
  mean: 0.1,
  throughput: 0.1,
  errors: 1,
  cpu: 0.1,
  memory: 0.1,
  'lock-wait': 0.1,
  leak: 0.1,
  'leak-rate': 0.1,
  heap: 0.1,
  'heap-count': 0.1,
  'heap-growth': 0.1,
};

/** The significance level of the noise test. */
export const DEFAULT_ALPHA = 0.05;

const isKey = (k: string): k is LimitKey => (LIMIT_KEYS as readonly string[]).includes(k);

/** `10%`, `10`, `0.5%` → 0.1, 0.1, 0.005; `errors` stays in points. */
function limitValue(key: LimitKey, text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  if (!m) return undefined;
  return key === 'errors' ? Number(m[1]) : Number(m[1]) / 100;
}

/** `p99=10%,throughput=10%,lock-wait=20%` over `base`, or what is wrong. */
export function parseLimitList(text: string, base: GateLimits = DEFAULT_LIMITS): { limits: GateLimits } | { error: string } {
  const limits = { ...base };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, value] = part.split('=');
    const v = value === undefined || !isKey(key) ? undefined : limitValue(key, value);
    if (v === undefined || !isKey(key)) return { error: `limits are name=percent pairs of ${LIMIT_KEYS.join(', ')} (got '${part}')` };
    limits[key] = v;
  }
  return { limits };
}

/**
 * A gate config kept in the repository (`aftermath-gate.json`):
 * `{"maxRegression": {"default": "10%", "p99": "5%", "errors": 1}, "alpha": 0.05}`.
 */
export function parseGateConfig(value: unknown): { settings: GateSettings } | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'the gate config must be a JSON object' };
  const { maxRegression, alpha, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) return { error: `unknown key '${unknown[0]}' (expected maxRegression, alpha)` };
  const settings: GateSettings = { limits: { ...DEFAULT_LIMITS }, alpha: DEFAULT_ALPHA };
  if (alpha !== undefined) {
    if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 0.5)) return { error: `alpha must be a number between 0 and 0.5 (got ${JSON.stringify(alpha)})` };
    settings.alpha = alpha;
  }
  if (maxRegression !== undefined) {
    if (typeof maxRegression !== 'object' || maxRegression === null || Array.isArray(maxRegression)) return { error: 'maxRegression must be an object of name: "10%" pairs' };
    const entries = Object.entries(maxRegression);
    const fallback = entries.find(([k]) => k === 'default');
    if (fallback) {
      const v = limitValue('p99', String(fallback[1]));
      if (v === undefined) return { error: `maxRegression.default must be a percentage like "10%" (got ${JSON.stringify(fallback[1])})` };
      for (const k of LIMIT_KEYS) if (k !== 'errors') settings.limits[k] = v;
    }
    for (const [k, raw] of entries) {
      if (k === 'default') continue;
      if (!isKey(k)) return { error: `maxRegression.${k} is not a figure the gate compares (${LIMIT_KEYS.join(', ')})` };
      const v = typeof raw === 'number' || typeof raw === 'string' ? limitValue(k, String(raw)) : undefined;
      if (v === undefined) return { error: `maxRegression.${k} must be a percentage like "10%" (got ${JSON.stringify(raw)})` };
      settings.limits[k] = v;
    }
  }
  return { settings };
}

/**
 * `10 %` or `1 percentage point` as the limit is stated back to the user: the points as set (`0.5`),
 * so `nounFor` and not `plural`, which rounds to a count.
 */
export function limitText(key: LimitKey, limit: number): string {
  return key === 'errors' ? `${limit} ${nounFor(limit, 'percentage point')}` : formatPercentLimit(limit * 100);
}
