const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content *and* quoted attribute values (also inside inline SVG), so
 * a class name like `<script>` or an event title with `"` cannot open a tag or leave an attribute.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A fragment id from a report key; keys are already [\w.~-] (findingRefs.ts), this keeps ids valid anyway. */
export const anchorId = (key: string): string => `f-${key.replace(/[^\w.-]/g, '_')}`;
