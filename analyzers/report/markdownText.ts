/**
 * Escapes text that came from an input file (class names, stack frames, event titles) so that it
 * renders as literal text in Markdown — and stays inert when a Markdown viewer allows raw HTML.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&')
    // CommonMark ends a line at \n, \r\n and a lone \r: any of them could start a list item or a heading.
    .replace(/\r\n?|\n/g, ' ');
}

/** A Markdown table from already-formatted cells; every cell is escaped. */
export function markdownTable(header: string[], rows: (string | number)[][], alignRight: boolean[] = []): string {
  const sep = header.map((_, i) => (alignRight[i] ? '---:' : '---'));
  const line = (cells: (string | number)[]) => `| ${cells.map((c) => escapeMarkdown(String(c))).join(' | ')} |`;
  return [line(header), `| ${sep.join(' | ')} |`, ...rows.map(line)].join('\n');
}
