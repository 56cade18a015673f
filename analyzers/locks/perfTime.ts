import { nanos, type Nanos } from '../core/units';

/** perf's `lock_stat_key_print_time` units; `h`, `m` and `s` are printed with a trailing space. */
const NS_PER_UNIT: Readonly<Record<string, number>> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

export function isTimeUnit(token: string): boolean {
  return Object.prototype.hasOwnProperty.call(NS_PER_UNIT, token);
}

/** `1.76` + `ms` → 1 760 000 ns; undefined when the number or the unit is not one perf prints. */
export function toNanos(value: string, unit: string): Nanos | undefined {
  const factor = NS_PER_UNIT[unit];
  const n = Number(value);
  if (factor === undefined || value === '' || !Number.isFinite(n)) return undefined;
  return nanos(Math.round(n * factor));
}
