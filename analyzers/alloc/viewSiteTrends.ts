import type { CaptureOrderBasis } from './captureOrder';
import type { AllocSiteTrend, AllocSiteTrendReport } from './siteTrends';

/** The sites worth a line in a chart: still growing, or levelled off after a rise (most bytes added first). */
export function chartedSites(report: AllocSiteTrendReport, max: number): AllocSiteTrend[] {
  return report.sites.filter((s) => s.bytes.shape === 'growing' || s.bytes.shape === 'plateau').slice(0, max);
}

/** How the view says what ordered the captures. */
export const ORDER_TEXT: Record<CaptureOrderBasis, string> = {
  'sample ids': 'in the order of their own sample ids (one V8 sampling session)',
  timestamps: 'in the order of their own timestamps',
  'file order': 'in the order given: they carry no sample ids or timestamps to order them by',
};
