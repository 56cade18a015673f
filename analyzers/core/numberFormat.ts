/**
 * `1204` → `1,204`: the one way Aftermath groups a count, in notices, findings, reports and the UI
 * alike, whatever the machine's locale (so a report reads the same wherever it was exported).
 * Rounds to a whole number: what is grouped is a count.
 */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 object`, `275,000 objects`, `2 classes` (with `pluralNoun` where adding "s" is wrong). */
export function plural(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${groupDigits(n)} ${n === 1 ? noun : pluralNoun}`;
}
