/**
 * JSON for the views, made lossless for the numbers plain JSON cannot hold: an analysis may
 * legitimately produce NaN (a ratio of nothing), ±Infinity or -0, and JSON.stringify would turn
 * them into null or 0. Such a number is written as `{"$number": "NaN"}`; no view has an object
 * whose only key is `$number`.
 */
const TAG = '$number';
const SPECIAL = new Map<string, number>([
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['-0', -0],
]);

export function stringifyView(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'number' || (Number.isFinite(v) && !Object.is(v, -0))) return v;
    return { [TAG]: Object.is(v, -0) ? '-0' : String(v) };
  });
}

/** Throws SyntaxError on malformed JSON; the caller names the file and the view. */
export function parseView(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const keys = Object.keys(v);
    if (keys.length !== 1 || keys[0] !== TAG) return v;
    const special = SPECIAL.get(String((v as Record<string, unknown>)[TAG]));
    return special ?? v;
  });
}
