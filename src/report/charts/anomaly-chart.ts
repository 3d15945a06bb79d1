import { xEncoding, xTooltip } from "./line-chart";
import { frame, type ChartOptions, type ChartSpec, type FieldRef } from "./spec";

export interface AnomalyChartOptions extends ChartOptions {
  /** Dates ("YYYY-MM-DD" strings or Dates). */
  readonly x: FieldRef;
  /** The observed metric. */
  readonly y: FieldRef;
  /** A boolean field: true where the point is an anomaly (drawn as a red dot). */
  readonly anomaly: string;
  /** The expected range, drawn as a band behind the line (e.g. a rolling mean ± 3σ). */
  readonly band?: { readonly lower: string; readonly upper: string; readonly title?: string };
}

/** A metric over time with its expected band and the days flagged as anomalies on top. */
export function anomalyChart(rows: readonly Readonly<Record<string, unknown>>[], options: AnomalyChartOptions): ChartSpec {
  const x = xEncoding(options.x, "temporal", rows);
  const yTitle = options.y.title ?? options.y.field;
  const band = options.band && {
    mark: { type: "area" as const, opacity: 0.25, color: "#9ecae1" },
    encoding: {
      y: { field: options.band.lower, type: "quantitative" as const, title: yTitle },
      y2: { field: options.band.upper },
    },
  };
  const line = {
    mark: { type: "line" as const, color: "#3182bd" },
    encoding: {
      y: { field: options.y.field, type: "quantitative" as const, title: yTitle, axis: { format: options.y.format } },
    },
  };
  const anomalies = {
    transform: [{ filter: `datum[${JSON.stringify(options.anomaly)}] === true` }],
    mark: { type: "point" as const, filled: true, size: 60, color: "#d62728" },
    encoding: {
      y: { field: options.y.field, type: "quantitative" as const },
      tooltip: [
        xTooltip(options.x, "temporal"),
        { field: options.y.field, type: "quantitative" as const, title: yTitle, format: options.y.format },
      ],
    },
  };
  return { ...frame(options, rows), encoding: { x }, layer: band ? [band, line, anomalies] : [line, anomalies] };
}
