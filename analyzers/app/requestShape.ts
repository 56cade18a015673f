import type { JobId } from './appApi';

/** A value from across a trust boundary, checked: the value, or what is wrong in the user's terms. */
export type Checked<T> = { value: T } | { error: string };

const MAX_ID = 200;

/** An object with only the named keys (a forged request with extra fields is refused, not trimmed). */
export function asRecord(value: unknown, what: string, keys: readonly string[]): Checked<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: `${what} must be an object` };
  const extra = Object.keys(value).find((k) => !keys.includes(k));
  if (extra !== undefined) return { error: `${what} has an unknown field '${extra}'` };
  return { value: value as Record<string, unknown> };
}

/** A job id as hosts hand them out; whether the job exists is the host's check. */
export function checkJobId(value: unknown): Checked<JobId> {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID) return { error: 'jobId must be a job id string' };
  return { value };
}
