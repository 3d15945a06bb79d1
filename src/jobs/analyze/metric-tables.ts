import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DataFrame } from "../../connect";
import type { Anomaly } from "../../domain/analyses/anomalies/model";
import type { DeviceEffect } from "../../domain/analyses/performance/device-effect";
import { parseCsv, toCsv, type Field } from "../../lib/text/csv";

/**
 * The metric tables `insights analyze` writes: the one contract between the analyses, the files
 * and every reader (the report, the benchmarks, a downstream job). Each table is declared once:
 * its file, and its columns in order with the kind of value each holds; the row types, the
 * writers and the readers are derived from the declaration, so a reader gets `DauRow[]`, not
 * untyped records, and a file that does not match its declaration fails loudly when read.
 */

/** A column's values: text, a number, a boolean; `?` when the field may be empty (null). */
type FieldKind = "text" | "number" | "number?" | "boolean";

interface FieldValue {
  text: string;
  number: number;
  "number?": number | null;
  boolean: boolean;
}

interface TableSpec {
  readonly file: string;
  readonly columns: Readonly<Record<string, FieldKind>>;
}

const spec = <const T extends TableSpec>(table: T): T => table;

export const METRIC_TABLES = {
  /** Every day of the 365 ending at as_of (not before the first event), zeros included. */
  dau: spec({ file: "dau.csv", columns: { date: "text", dau: "number", wau: "number", mau: "number", dau_mau_ratio: "number?" } }),
  /** Distinct users active in the calendar month (the as_of month to date). */
  mau_monthly: spec({ file: "mau_monthly.csv", columns: { month: "text", mau: "number" } }),
  /** The top 1% of the past year's active users by total (capped) interaction time. */
  power_users: spec({ file: "power_users.csv", columns: { rank: "number", user_id: "text", total_ms: "number", events: "number" } }),
  /** Weekly first-activity cohorts × week offsets; retained and rate empty for weeks not over by as_of. */
  retention: spec({
    file: "retention.csv",
    columns: { cohort_week: "text", cohort_size: "number", week_offset: "number", retained: "number?", rate: "number?" },
  }),
  session_summary: spec({
    file: "session_summary.csv",
    columns: {
      sessions: "number",
      users: "number",
      mean_duration_ms: "number?",
      p50_duration_ms: "number?",
      p90_duration_ms: "number?",
      p99_duration_ms: "number?",
      mean_actions: "number?",
      sessions_per_user_week: "number?",
    },
  }),
  /** Versions in release order; low_confidence below 100 page loads. */
  p95_by_version: spec({ file: "p95_by_version.csv", columns: { app_version: "text", events: "number", p95_ms: "number", low_confidence: "boolean" } }),
  /** Slowest median first, `unknown` included. */
  device_performance: spec({ file: "device_performance.csv", columns: { device_type: "text", events: "number", p50_ms: "number", p95_ms: "number" } }),
  /** Flagged buckets of the daily and hourly series. */
  anomalies: spec({
    file: "anomalies.csv",
    columns: { series: "text", granularity: "text", ts: "text", observed: "number", expected: "number", score: "number", direction: "text" },
  }),
} as const;

/** The metric files that are not tables. */
export const METRIC_DOCUMENTS = {
  device_correlation: "device_correlation.json",
  /** The anomalies as alerts, one JSON object per line. */
  anomaly_alerts: "anomalies.jsonl",
} as const;

export type MetricTableName = keyof typeof METRIC_TABLES;
export type MetricDocumentName = keyof typeof METRIC_DOCUMENTS;

/** One row of a metric table, as its declaration types it. */
export type MetricRowOf<N extends MetricTableName> = RowOfColumns<(typeof METRIC_TABLES)[N]["columns"]>;

type RowOfColumns<Columns extends Readonly<Record<string, FieldKind>>> = { -readonly [C in keyof Columns]: FieldValue[Columns[C]] };

export type DauRow = MetricRowOf<"dau">;
export type MauMonthlyRow = MetricRowOf<"mau_monthly">;
export type PowerUserRow = MetricRowOf<"power_users">;
export type RetentionRow = MetricRowOf<"retention">;
export type SessionSummaryRow = MetricRowOf<"session_summary">;
export type P95ByVersionRow = MetricRowOf<"p95_by_version">;
export type DevicePerformanceRow = MetricRowOf<"device_performance">;
export type AnomalyRow = MetricRowOf<"anomalies">;

/** The columns of a table, in file order. */
export function metricColumns(name: MetricTableName): string[] {
  return Object.keys(METRIC_TABLES[name].columns);
}

/** Where a table's file lives in a metrics folder. */
export function metricPath(metricsDir: string, name: MetricTableName): string {
  return join(metricsDir, METRIC_TABLES[name].file);
}

/**
 * Collects `table` (the declared columns, in order) and writes it as one CSV file with a header;
 * returns the row count.
 *
 * Collected and written from Node rather than by Spark's CSV writer: the metric tables are small
 * (a row per day, cohort cell, version or device: at most a few thousand), and Spark writes a
 * folder of part files (even after coalesce(1)) that would have to be renamed into place: on a
 * remote cluster, on a filesystem this process may not see. A collect returns the rows in the
 * table's order, and the file lands next to run.json, where the caller reads it.
 */
export async function writeMetricTable(metricsDir: string, name: MetricTableName, table: DataFrame): Promise<number> {
  const columns = metricColumns(name);
  const rows = await table.select(...columns).collect();
  writeFileSync(metricPath(metricsDir, name), toCsv(columns, rows));
  return rows.length;
}

/** Writes rows computed on the driver (the anomalies) as a metric table. */
export function writeMetricRows<N extends MetricTableName>(metricsDir: string, name: N, rows: readonly MetricRowOf<N>[]): void {
  writeFileSync(metricPath(metricsDir, name), toCsv(metricColumns(name), rows));
}

/**
 * A metric table read back: the header must be the declared one, and every field of the kind
 * its column declares, or the read fails naming the file, row and column. The report charts
 * these rows rather than what Spark returned, so every figure it shows is the figure in the file.
 */
export function readMetricTable<N extends MetricTableName>(metricsDir: string, name: N): MetricRowOf<N>[] {
  const file = metricPath(metricsDir, name);
  const kinds = METRIC_TABLES[name].columns as Readonly<Record<string, FieldKind>>;
  const columns = Object.keys(kinds);
  const [header, ...records] = parseCsv(readFileSync(file, "utf8"));
  const names = header?.map((field) => field.text) ?? [];
  if (names.join(",") !== columns.join(",")) throw new Error(`${file}: the header is '${names.join(",")}', expected '${columns.join(",")}'`);
  return records.map((fields, index) => {
    const line = index + 2;
    if (fields.length !== columns.length) throw new Error(`${file}: line ${line} has ${fields.length} fields, the header ${columns.length}`);
    const entries = columns.map((column, i) => [column, fieldValue(fields[i] as Field, kinds[column] as FieldKind, `${file}: line ${line}, column ${column}`)]);
    return Object.fromEntries(entries) as MetricRowOf<N>;
  });
}

function fieldValue(field: Field, kind: FieldKind, where: string): FieldValue[FieldKind] {
  const empty = !field.quoted && field.text === "";
  switch (kind) {
    case "text":
      return field.text;
    case "boolean":
      if (field.text === "true" || field.text === "false") return field.text === "true";
      throw new Error(`${where}: '${field.text}' is not true or false`);
    case "number?":
      return empty ? null : numberValue(field, where);
    case "number":
      return numberValue(field, where);
  }
}

function numberValue(field: Field, where: string): number {
  const value = Number(field.text);
  if (field.text === "" || (Number.isNaN(value) && field.text !== "NaN")) throw new Error(`${where}: '${field.text}' is not a number`);
  return value;
}

/** device_correlation.json, as the devices analysis wrote it. */
export function readDeviceCorrelation(metricsDir: string): DeviceEffect {
  return JSON.parse(readFileSync(join(metricsDir, METRIC_DOCUMENTS.device_correlation), "utf8")) as DeviceEffect;
}

/** Rows of the anomalies table from the detector's anomalies. */
export function anomalyRows(anomalies: readonly Anomaly[]): AnomalyRow[] {
  return anomalies.map(({ series, granularity, ts, observed, expected, score, direction }) => ({
    series,
    granularity,
    ts,
    observed,
    expected,
    score,
    direction,
  }));
}
