export { formatBytes } from '../../analyzers/core/byteFormat';

export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** A change with its sign (`+1.2 MiB`, `−3`), the number itself written by `format`. */
export const signed = (n: number, format: (n: number) => string): string => `${n > 0 ? '+' : n < 0 ? '−' : ''}${format(Math.abs(n))}`;
