/**
 * Tables for notebooks: the HTML form JupyterLab shows (every value escaped) and the MIME type
 * under which a table's data travels next to its markdown (see src/lib/text/table.ts).
 */
import { escapeHtml } from "../lib/text/escape";
import { formatValue, type TableData } from "../lib/text/table";

/** The MIME type under which notebooks publish a table's data next to its markdown and HTML. */
export const TABLE_MIME = "application/vnd.insights.table+json";

/** An HTML table; every header and value is escaped. */
export function htmlTable(table: TableData): string {
  const header = table.columns.map((name) => `<th>${escapeHtml(name)}</th>`).join("");
  const body = table.rows.map((row) => `<tr>${row.map((value) => `<td>${escapeHtml(formatValue(value))}</td>`).join("")}</tr>`);
  return `<table>\n<thead><tr>${header}</tr></thead>\n<tbody>\n${body.join("\n")}\n</tbody>\n</table>`;
}
