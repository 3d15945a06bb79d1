import { writeFileSync } from "node:fs";
import type { DataFrame, Row } from "../../connect";

/** A value as collected from Spark that a metric table may hold. */
export type CsvValue = string | number | bigint | boolean | null;

/**
 * One CSV field, RFC 4180: quoted when it holds a comma, a quote or a line break, quotes doubled.
 * null is the empty field and the empty string is `""`, as Spark's CSV writer tells them apart.
 * Numbers keep JavaScript's shortest round-trip form (NaN and ±Infinity spelled out).
 */
export function csvField(value: CsvValue): string {
  if (value === null) return "";
  const text = String(value);
  if (text === "") return '""';
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header line and one line per row, each `\n`-terminated, fields in `columns` order. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const line = (fields: readonly CsvValue[]): string => `${fields.map(csvField).join(",")}\n`;
  return line(columns) + rows.map((row) => line(columns.map((name) => csvValue(row, name)))).join("");
}

function csvValue(row: Row, column: string): CsvValue {
  const value = row[column];
  if (value === undefined) throw new Error(`The row has no column '${column}'`);
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return value;
  // Timestamps, arrays, maps and structs have no single CSV spelling: a metric table selects scalars.
  throw new TypeError(`Column '${column}' holds a ${typeof value} (${Object.prototype.toString.call(value)}), not a CSV scalar`);
}

/**
 * Collects `table` (its `columns`, in its order) and writes it to `file` as one CSV file with a
 * header; returns the row count.
 *
 * Collected and written from Node rather than by Spark's CSV writer: the metric tables are small
 * (a row per day, cohort cell, version or device: at most a few thousand), and Spark writes a
 * folder of part files (even after coalesce(1)) that would have to be renamed into place: on a
 * remote cluster, on a filesystem this process may not see. A collect returns the rows in the
 * table's order, and the file lands next to run.json, where the caller reads it.
 */
export async function writeCsvTable(table: DataFrame, columns: readonly string[], file: string): Promise<number> {
  const rows = await table.select(...columns).collect();
  writeFileSync(file, toCsv(columns, rows));
  return rows.length;
}
