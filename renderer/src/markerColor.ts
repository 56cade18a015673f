import type { TimelineEventKind } from '../../analyzers/case/saved/timelineView';
import { MARKER_COLORS } from '../../analyzers/report/chartGeometry';

/**
 * A marker's colour on screen: the exported report's, but a finding's is the page's text colour,
 * which the report's near-black is only on the light page; on the dark theme it would vanish.
 */
export const markerColor = (kind: TimelineEventKind): string => (kind === 'finding' ? 'var(--text)' : MARKER_COLORS[kind]);
