import type { HeapQuery } from '../../heap/viewExplorer';
import type { JobId } from './appApi';
import { asRecord, checkJobId, type Checked } from './requestShape';

/** Longer than any class name a person types. */
const MAX_FILTER_CHARS = 500;

const KEYS: Record<HeapQuery['kind'], readonly string[]> = {
  classes: ['snapshot', 'filter'],
  instances: ['snapshot', 'className', 'offset', 'limit', 'newSince'],
  references: ['snapshot', 'id', 'offset', 'limit'],
  retainers: ['snapshot', 'id', 'offset', 'limit'],
  dominated: ['snapshot', 'id', 'offset', 'limit'],
  object: ['snapshot', 'id'],
  compare: ['before', 'after', 'filter'],
};

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_FILTER_CHARS;

/**
 * A heap explorer query that crossed a trust boundary (the page's IPC call, the HTTP body): the
 * known kinds with their fields only, whole non-negative numbers, short strings. Whether the
 * snapshot or the object exists is the explorer's to answer.
 */
export function parseHeapQuery(value: unknown): Checked<HeapQuery> {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !(kind in KEYS)) return { error: `query.kind must be one of ${Object.keys(KEYS).join(', ')}` };
  const obj = asRecord(value, `${kind} query`, ['kind', ...KEYS[kind as HeapQuery['kind']]]);
  if ('error' in obj) return obj;
  const fields = obj.value;
  const optional = new Set(['filter', 'newSince', 'id']);
  if (kind === 'object') optional.add('snapshot').delete('id');
  for (const key of KEYS[kind as HeapQuery['kind']]) {
    const v = fields[key];
    if (v === undefined && optional.has(key)) continue;
    const ok = key === 'filter' || key === 'className' ? isText(v) : isCount(v);
    if (!ok) return { error: `${kind} query: ${key} must be ${key === 'filter' || key === 'className' ? `a string of at most ${MAX_FILTER_CHARS} characters` : 'a whole number ≥ 0'}` };
  }
  if ((kind === 'references' || kind === 'retainers') && fields.id === undefined) return { error: `${kind} query: id must be a whole number ≥ 0` };
  return { value: fields as unknown as HeapQuery };
}

/** The HTTP body of an explorer query: `{ jobId, query }`. */
export function parseExploreRequest(value: unknown): Checked<{ jobId: JobId; query: HeapQuery }> {
  const obj = asRecord(value, 'explore request', ['jobId', 'query']);
  if ('error' in obj) return obj;
  const jobId = checkJobId(obj.value.jobId);
  if ('error' in jobId) return jobId;
  const query = parseHeapQuery(obj.value.query);
  if ('error' in query) return query;
  return { value: { jobId: jobId.value, query: query.value } };
}
