/**
 * The result tables both engines produce, by analysis: their columns and how each is compared.
 * Both sides are normalised to these shapes (dates as `YYYY-MM-DD`, counts and ratios as
 * numbers, null as null) before the comparison, so neither engine's value types leak into it.
 */

/**
 * - `date`, `text`: equal as text.
 * - `count`: an integer, equal exactly.
 * - `ratio`: a floating-point result (a mean, a rate), equal within RELATIVE_TOLERANCE: the two
 *   engines add in different orders.
 * - `percentile`: the p-th percentile of a column, each engine by its own function; compared by
 *   the rank the Spark value has in the exact sorted data (see percentileRankAgrees).
 */
export type ColumnKind = "date" | "text" | "count" | "ratio" | { readonly percentile: number };

export interface TableShape {
  readonly name: string;
  /** Column names in output order, with their kind. */
  readonly columns: readonly (readonly [string, ColumnKind])[];
}

export type Cell = string | number | null;
export type ResultRow = Readonly<Record<string, Cell>>;

/** One analysis's output: table name → rows, in the table's defined order. */
export type AnalysisTables = Readonly<Record<string, readonly ResultRow[]>>;

/** Relative tolerance for `ratio` columns. */
export const RELATIVE_TOLERANCE = 1e-9;

const DAU: TableShape = {
  name: "dau",
  columns: [
    ["date", "date"],
    ["dau", "count"],
    ["wau", "count"],
    ["mau", "count"],
    ["dau_mau_ratio", "ratio"],
  ],
};
const MAU_MONTHLY: TableShape = {
  name: "mau_monthly",
  columns: [
    ["month", "text"],
    ["mau", "count"],
  ],
};
const POWER_USERS: TableShape = {
  name: "power_users",
  columns: [
    ["rank", "count"],
    ["user_id", "text"],
    ["total_ms", "count"],
    ["events", "count"],
  ],
};
const POWER_USER_COUNTS: TableShape = {
  name: "power_user_counts",
  columns: [
    ["active_users", "count"],
    ["top_count", "count"],
    ["events", "count"],
    ["capped_events", "count"],
  ],
};
const RETENTION: TableShape = {
  name: "retention",
  columns: [
    ["cohort_week", "date"],
    ["cohort_size", "count"],
    ["week_offset", "count"],
    ["retained", "count"],
    ["rate", "ratio"],
  ],
};
const SESSION_SUMMARY: TableShape = {
  name: "session_summary",
  columns: [
    ["sessions", "count"],
    ["users", "count"],
    ["mean_duration_ms", "ratio"],
    ["p50_duration_ms", { percentile: 0.5 }],
    ["p90_duration_ms", { percentile: 0.9 }],
    ["p99_duration_ms", { percentile: 0.99 }],
    ["mean_actions", "ratio"],
    ["sessions_per_user_week", "ratio"],
    ["sessions_per_user_day", "ratio"],
  ],
};

/** The analyses of the benchmark, in run order, with the tables each produces. */
export const ANALYSES = [
  { name: "dau", tables: [DAU] },
  { name: "mau_monthly", tables: [MAU_MONTHLY] },
  { name: "power_users", tables: [POWER_USERS, POWER_USER_COUNTS] },
  { name: "retention", tables: [RETENTION] },
  { name: "sessions", tables: [SESSION_SUMMARY] },
] as const satisfies readonly { readonly name: string; readonly tables: readonly TableShape[] }[];

export type AnalysisName = (typeof ANALYSES)[number]["name"];

/** A value as its column kind reads it: engines hand back bigints, Dates, numeric strings. */
export function normaliseCell(kind: ColumnKind, value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (kind === "date" && value instanceof Date) return value.toISOString().slice(0, 10);
  if (kind === "date" || kind === "text") {
    if (typeof value !== "string") throw new TypeError(`Not text: ${JSON.stringify(value)}`);
    return kind === "date" ? value.slice(0, 10) : value;
  }
  if (typeof value === "number") return value;
  if (typeof value === "bigint" || typeof value === "string") return Number(value);
  throw new TypeError(`Not a number: ${JSON.stringify(value)}`);
}

/** Rows of any engine as `shape` reads them: only its columns, normalised. */
export function normaliseRows(shape: TableShape, rows: readonly Readonly<Record<string, unknown>>[]): ResultRow[] {
  return rows.map((row) => Object.fromEntries(shape.columns.map(([name, kind]) => [name, normaliseCell(kind, row[name])])));
}
