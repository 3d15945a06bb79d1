import type { TopLevelSpec } from "vega-lite" with { "resolution-mode": "import" };
import { tableValue, type TableValue } from "../../lib/text/table";

/**
 * A Vega-Lite chart, checked against vega-lite's own types. Builders stay within Vega-Lite 5
 * (the newest version JupyterLab renders) and declare the v5 schema, so one spec shows live in a
 * notebook and renders to SVG in Node for the report.
 */
export type ChartSpec = TopLevelSpec;

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/** One data point: field name → JSON value. */
export type ChartRow = Readonly<Record<string, TableValue>>;

/** The default chart area in pixels; the report's page width fits two of these side by side. */
export const CHART_SIZE = { width: 560, height: 260 } as const;

/** A field and how to label it. */
export interface FieldRef {
  readonly field: string;
  /** Axis or legend title; defaults to the field name. */
  readonly title?: string;
  /** d3-format for numbers (e.g. ",.0f", ".1%") or, on a time axis, a d3-time-format. */
  readonly format?: string;
}

/** Common to every builder. */
export interface ChartOptions {
  readonly title: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Rows made JSON: Dates become ISO strings (a date alone at UTC midnight), bigints numbers, so
 * rows straight from `DataFrame.collect()` can be charted and stored in a notebook.
 */
export function chartData(rows: readonly Readonly<Record<string, unknown>>[]): ChartRow[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, tableValue(value)])));
}

/** The top-level properties shared by every chart. */
export function frame(options: ChartOptions, rows: readonly Readonly<Record<string, unknown>>[]) {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title,
    description: options.title,
    width: options.width ?? CHART_SIZE.width,
    height: options.height ?? CHART_SIZE.height,
    data: { values: chartData(rows) },
  };
}
