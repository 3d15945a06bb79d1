import { readFileSync } from "node:fs";

/** A metric table's row as the report reads it back: numbers where the field is numeric, null where empty. */
export type MetricRow = Record<string, string | number | boolean | null>;

/**
 * A metric CSV (as writeCsvTable writes it: RFC 4180, a header, null as the empty field) read
 * back into rows. The report charts these rows rather than what Spark returned, so every figure
 * it shows is the figure in the file.
 */
export function readMetricCsv(file: string): MetricRow[] {
  const [header, ...records] = parseCsv(readFileSync(file, "utf8"));
  if (header === undefined) throw new Error(`${file} is empty: a metric table always has a header`);
  const names = header.map((field) => field.text);
  return records.map((fields, index): MetricRow => {
    if (fields.length !== names.length) throw new Error(`${file}: row ${index + 2} has ${fields.length} fields, the header ${names.length}`);
    const row: MetricRow = {};
    names.forEach((name, column) => {
      row[name] = typed(fields[column] ?? null);
    });
    return row;
  });
}

/** Unquoted empty → null; a quoted field stays text; numbers and booleans as such. */
function typed(field: Field | null): string | number | boolean | null {
  if (field === null || (!field.quoted && field.text === "")) return null;
  if (field.quoted) return field.text;
  if (field.text === "true" || field.text === "false") return field.text === "true";
  const number = Number(field.text);
  return /^-?(\d|Infinity|NaN)/.test(field.text) && !Number.isNaN(number) ? number : field.text;
}

interface Field {
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
