export { formatBytes } from '../../analyzers/core/byteFormat';

/** Counts are grouped the one way every output groups them. */
export { groupDigits as formatCount, plural, formatPercent, formatShare } from '../../analyzers/core/numberFormat';
export { formatDuration } from '../../analyzers/core/durationFormat';

/** A change with its sign (`+1.2 MiB`, `−3`), the number itself written by `format`. */
export const signed = (n: number, format: (n: number) => string): string => `${n > 0 ? '+' : n < 0 ? '−' : ''}${format(Math.abs(n))}`;
