import { timeTicks } from '../../../../analyzers/report/chartGeometry';
import type { TimeRange } from './timelineData';

/** Where a moment falls across the span, as a CSS left offset. */
export const shareOf = (span: TimeRange, ms: number): string => `${(((ms - span[0]) / (span[1] - span[0] || 1)) * 100).toFixed(3)}%`;

/** Round-time labels across a span (the range strip's whole span, the ruler's range in view), placed by share of its width. */
export function TimeTicks({ span, className, tickFormatter }: { span: TimeRange; className: string; tickFormatter: (ms: number) => string }) {
  return (
    <>
      {timeTicks(span[0], span[1]).map((t) => (
        <span key={t} className={className} style={{ left: shareOf(span, t) }}>
          {tickFormatter(t)}
        </span>
      ))}
    </>
  );
}
