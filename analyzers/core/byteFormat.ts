const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * `11520` → `11.3 KiB`, `-4` → `−4 B`: binary units, one decimal, for titles and details; negatives take the minus sign that signed changes (`−3 MiB`) show.
 * The next unit takes over once the number shown would reach 1000, not 1024 (`1.0 MiB`, never `1023.9 KiB`): no size has four
 * digits before its unit, as none has in DevTools or heaptrack (their decimal units step at 1000).
 */
export function formatBytes(n: number): string {
  let v = Math.abs(n);
  let u = 0;
  while (Number(digits(v, u)) >= 1000 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${n < 0 ? '−' : ''}${digits(v, u)} ${UNITS[u]}`;
}

/** Whole bytes, one decimal of the larger units: the number as the label shows it, rounding included. */
const digits = (v: number, unit: number): string => (unit === 0 ? String(v) : v.toFixed(1));
