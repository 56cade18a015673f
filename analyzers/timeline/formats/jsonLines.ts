/** One JSON Lines record, or undefined when the line is not a JSON object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The first non-empty line of a JSON Lines head parsed as an object, for sniffing. */
export function firstJsonObject(head: string): Record<string, unknown> | undefined {
  const line = head.split('\n').find((l) => l.trim() !== '');
  return line === undefined ? undefined : parseJsonObject(line.trim());
}

/** JavaScript writes these into "JSON" (JSON.stringify of a NaN gives null, but hand-rolled writers do not). */
const NON_JSON_NUMBER = /"(\w+)"\s*:\s*(NaN|-?Infinity|undefined)\b/;

/**
 * Why a JSON Lines head with records of this shape (`keys` present on a line) does not sniff:
 * the first such line that is not a JSON object, or whose `ts` is not a time. Undefined when no
 * line has the keys at all (then the file is something else).
 */
export function jsonLinesNearMiss(head: string, keys: readonly string[], isRecord: (r: Record<string, unknown>) => string | undefined): string | undefined {
  const lines = head.split('\n').slice(0, 50);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line.startsWith('{') || !keys.every((k) => line.includes(`"${k}"`))) continue;
    const bad = NON_JSON_NUMBER.exec(line);
    if (bad) return `line ${i + 1}: ${bad[1]} is ${bad[2]}, which JSON has no value for`;
    const r = parseJsonObject(line);
    if (!r) return `line ${i + 1} is not a JSON object`;
    const why = isRecord(r);
    if (why) return `line ${i + 1}: ${why}`;
  }
  return undefined;
}

/** Label values as strings; anything that is not an object of scalars yields no labels. */
export function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) if (v !== null && typeof v !== 'object') out[k] = String(v);
  return out;
}
