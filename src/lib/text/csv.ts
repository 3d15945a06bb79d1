/**
 * CSV as RFC 4180 has it, both ways: fields quoted when they hold a comma, a quote or a line
 * break, quotes doubled; null is the empty field and the empty string `""`, as Spark's CSV writer
 * tells them apart.
 */

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
export function toCsv(columns: readonly string[], rows: readonly Readonly<Record<string, unknown>>[]): string {
  const line = (fields: readonly CsvValue[]): string => `${fields.map(csvField).join(",")}\n`;
  return line(columns) + rows.map((row) => line(columns.map((name) => csvValue(row, name)))).join("");
}

function csvValue(row: Readonly<Record<string, unknown>>, column: string): CsvValue {
  const value = row[column];
  if (value === undefined) throw new Error(`The row has no column '${column}'`);
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return value;
  // Timestamps, arrays, maps and structs have no single CSV spelling: a metric table selects scalars.
  throw new TypeError(`Column '${column}' holds a ${typeof value} (${Object.prototype.toString.call(value)}), not a CSV scalar`);
}

/** One parsed field: its text, and whether it was quoted (an unquoted empty field is null). */
export interface Field {
  readonly text: string;
  readonly quoted: boolean;
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): Field[][] {
  const records: Field[][] = [];
  let record: Field[] = [];
  let at = 0;
  while (at < text.length) {
    let field: Field;
    if (text[at] === '"') {
      let value = "";
      at++;
      for (;;) {
        const quote = text.indexOf('"', at);
        if (quote === -1) throw new Error("A quoted CSV field is not closed");
        value += text.slice(at, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          at = quote + 2;
        } else {
          at = quote + 1;
          break;
        }
      }
      field = { text: value, quoted: true };
    } else {
      const end = /[,\n]/.exec(text.slice(at));
      const stop = end === null ? text.length : at + end.index;
      field = { text: text.slice(at, stop).replace(/\r$/, ""), quoted: false };
      at = stop;
    }
    record.push(field);
    if (text[at] === ",") {
      at++;
    } else {
      if (text[at] === "\r") at++;
      if (text[at] === "\n") at++;
      records.push(record);
      record = [];
    }
  }
  return records;
}
