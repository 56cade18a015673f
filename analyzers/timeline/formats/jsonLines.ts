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

/** Label values as strings; anything that is not an object of scalars yields no labels. */
export function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) if (v !== null && typeof v !== 'object') out[k] = String(v);
  return out;
}
