import type { ExportFormat } from '../../analyzers/app/appApi';

/** How the menu and the save dialog name each export format. */
export const FORMAT_LABELS: Record<ExportFormat, string> = { md: 'Markdown', html: 'HTML', json: 'JSON', pdf: 'PDF' };
