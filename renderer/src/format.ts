export { formatBytes } from '../../analyzers/core/byteFormat';

export const formatCount = (n: number): string => n.toLocaleString('en-US');
