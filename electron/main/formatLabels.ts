import type { ExportFormat } from '../../analyzers/app/appApi';

/** How the menu and the save dialog name each export format, and the file extension it gets. */
export const FORMAT_LABELS: Record<ExportFormat, string> = { md: 'Markdown', html: 'HTML', json: 'JSON', pdf: 'PDF', case: 'Aftermath case' };

export const FORMAT_EXTENSIONS: Record<ExportFormat, string> = { md: 'md', html: 'html', json: 'json', pdf: 'pdf', case: 'aftermath' };
