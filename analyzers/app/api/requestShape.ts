import type { JobId } from './appApi';

/** A value from across a trust boundary, checked: the value, or what is wrong in the user's terms. */
export type Checked<T> = { value: T } | { error: string };

const MAX_ID = 200;
const MAX_FILES = 1_000;

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

/** The files of a job: a non-empty list of ids the host granted. */
export function checkFileIds(value: unknown, isKnown: (id: string) => boolean): Checked<string[]> {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_FILES) return { error: 'fileIds must be a non-empty list of file ids' };
  for (const id of value) {
    if (typeof id !== 'string' || !isKnown(id)) return { error: `unknown file id ${JSON.stringify(id)}` };
  }
  return { value: value as string[] };
}
