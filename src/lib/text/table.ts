/**
 * Tables as markdown: the rows of a Spark result (or any records) made into JSON-safe cells and
 * written as a GitHub-flavoured table in which every value is escaped, so a value can never open
 * or close markup. Used by the report, the Spark UI findings and the CLI's summaries alike.
 */

import { escapeMarkdown } from "./escape";

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

export interface MarkdownTableOptions {
  /**
   * `markup` (default): every character that could start markup is escaped, for tables that are
   * rendered (the report). `cells`: only what would break the table (pipes, line breaks), for
   * tables read as text (the CLI's summaries), so `bad_timestamp` stays as it is.
   */
  readonly escape?: "markup" | "cells";
  /** Per column; by default numbers are right-aligned and the rest left. */
  readonly align?: readonly ("left" | "right")[];
}

/** A GitHub-flavoured markdown table. */
export function markdownTable(table: TableData, options: MarkdownTableOptions = {}): string {
  const escape = options.escape === "cells" ? escapeCell : escapeMarkdown;
  const numeric = table.columns.map((_, column) => table.rows.length > 0 && table.rows.every((row) => typeof row[column] === "number" || row[column] === null));
  const right = table.columns.map((_, column) => (options.align?.[column] ?? (numeric[column] === true ? "right" : "left")) === "right");
  const header = `| ${table.columns.map(escape).join(" | ")} |`;
  const rule = `|${right.map((r) => (r ? " ---: " : " --- ")).join("|")}|`;
  const body = table.rows.map((row) => `| ${row.map((value) => escape(formatValue(value))).join(" | ")} |`);
  return [header, rule, ...body].join("\n");
}

/** A cell's text kept as it is but for what would break the table: a pipe, a line break. */
function escapeCell(text: string): string {
  return text.replace(/\r?\n|\r/g, " ").replace(/\|/g, "\\|");
}
