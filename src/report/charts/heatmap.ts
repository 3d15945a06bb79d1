import { frame, type ChartOptions, type ChartSpec, type FieldRef } from "./spec";

export interface HeatmapOptions extends ChartOptions {
  /** Columns, e.g. weeks since joining. Ordinal: one column per distinct value, in value order. */
  readonly x: FieldRef;
  /** Rows, e.g. the join-week cohort. */
  readonly y: FieldRef;
  /** The colour, e.g. the share of the cohort still active. */
  readonly value: FieldRef;
  /** Writes each value in its cell (readable up to a few hundred cells). */
  readonly labels?: boolean;
}

/** A grid of coloured cells: the retention cohort table. */
export function heatmap(rows: readonly Readonly<Record<string, unknown>>[], options: HeatmapOptions): ChartSpec {
  const x = { field: options.x.field, type: "ordinal" as const, title: options.x.title ?? options.x.field, axis: { labelAngle: 0 } };
  const y = { field: options.y.field, type: "ordinal" as const, title: options.y.title ?? options.y.field };
  const valueTitle = options.value.title ?? options.value.field;
  const rect = {
    mark: { type: "rect" as const },
    encoding: {
      color: { field: options.value.field, type: "quantitative" as const, title: valueTitle, legend: { format: options.value.format }, scale: { scheme: "blues" } },
      tooltip: [
        { field: options.y.field, type: "ordinal" as const, title: y.title },
        { field: options.x.field, type: "ordinal" as const, title: x.title },
        { field: options.value.field, type: "quantitative" as const, title: valueTitle, format: options.value.format },
      ],
    },
  };
  const text = {
    mark: { type: "text" as const, fontSize: 10 },
    encoding: {
      text: { field: options.value.field, type: "quantitative" as const, format: options.value.format },
      // Cells in the darker half of the colour range get white text; black would not read.
      color: { condition: { test: `datum[${JSON.stringify(options.value.field)}] > ${midpoint(rows, options.value.field)}`, value: "white" }, value: "black" },
    },
  };
  return { ...frame(options, rows), encoding: { x, y }, layer: options.labels ? [rect, text] : [rect] };
}

/** Halfway between the smallest and largest value: where the linear colour scale turns dark. */
function midpoint(rows: readonly Readonly<Record<string, unknown>>[], field: string): number {
  const values = rows.map((row) => Number(row[field])).filter(Number.isFinite);
  return values.length === 0 ? 0 : (Math.min(...values) + Math.max(...values)) / 2;
}
