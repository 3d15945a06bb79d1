/** Escaping for the two markups the report writes, so that no value can open or close markup. */

/** The five characters HTML gives meaning to in content and quoted attributes, and their entities. */
export const HTML_ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}

/**
 * Text that markdown shows as is, inside a table cell: backslash escapes for what could start
 * markup inline (emphasis, code, links, HTML tags, entities, strike-through, the cell's pipe), and
 * line breaks as spaces (a break would end the row). Hyphens, dots and digits stay readable.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n|\r/g, " ").replace(/[\\`*_[\]<>&|~]/g, (char) => `\\${char}`);
}
