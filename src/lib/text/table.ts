/**
 * Tables as markdown: the rows of a Spark result (or any records) made into JSON-safe cells and
 * written as a GitHub-flavoured table in which every value is escaped, so a value can never open
 * or close markup. Used by the report, the Spark UI findings and the CLI's summaries alike.
 */

/** A cell value that survives JSON: what a table keeps of a Spark row. */
export type TableValue = string | number | boolean | null;

/** A table with named columns; rows hold one value per column, in column order. */
export interface TableData {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly TableValue[])[];
}

/**
 * A table from rows such as `DataFrame.collect()` returns. Columns are `columns` if given, else
 * the keys of the first row. Dates become ISO strings (just the date at UTC midnight), bigints
 * numbers when exact, other objects JSON.
 */
export function tableOf(rows: readonly Readonly<Record<string, unknown>>[], columns?: readonly string[]): TableData {
  const names = columns ?? Object.keys(rows[0] ?? {});
  return { columns: names, rows: rows.map((row) => names.map((name) => tableValue(row[name]))) };
}

export function tableValue(value: unknown): TableValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === "bigint" ? inner.toString() : inner));
}

/** A value as text: empty for null, numbers as JavaScript prints them. */
export function formatValue(value: TableValue): string {
  return value === null ? "" : String(value);
}

/** A GitHub-flavoured markdown table; numbers are right-aligned. */
export function markdownTable(table: TableData): string {
  const numeric = table.columns.map((_, column) => table.rows.length > 0 && table.rows.every((row) => typeof row[column] === "number" || row[column] === null));
  const header = `| ${table.columns.map(escapeMarkdown).join(" | ")} |`;
  const rule = `|${numeric.map((right) => (right ? " ---: " : " --- ")).join("|")}|`;
  const body = table.rows.map((row) => `| ${row.map((value) => escapeMarkdown(formatValue(value))).join(" | ")} |`);
  return [header, rule, ...body].join("\n");
}

/**
 * Text that markdown shows as is, inside a table cell: backslash escapes for what could start
 * markup inline (emphasis, code, links, HTML tags, entities, strike-through, the cell's pipe), and
 * line breaks as spaces (a break would end the row). Hyphens, dots and digits stay readable.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n|\r/g, " ").replace(/[\\`*_[\]<>&|~]/g, (char) => `\\${char}`);
}
