/**
 * A value from untrusted input, as an error message quotes it: a string as it is, anything else as JSON,
 * so `{ "anchorDate": {} }` is answered with `got '{}'`, not `got '[object Object]'`.
 */
export function shownValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}
