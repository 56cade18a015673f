/** `11520` → `11.3 KiB`, `-4` → `−4 B`: binary units, one decimal, for titles and details; negatives take the minus sign that signed changes (`−3 MiB`) show. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Math.abs(n);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${n < 0 ? '−' : ''}${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}
