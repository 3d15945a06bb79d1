import { frame, type ChartOptions, type ChartSpec, type FieldRef } from "./spec";

export interface LineChartOptions extends ChartOptions {
  /** The horizontal field: dates ("YYYY-MM-DD" strings or Dates) unless `xType` says otherwise. */
  readonly x: FieldRef;
  readonly xType?: "temporal" | "quantitative" | "ordinal";
  readonly y: FieldRef;
  /** One line per value of this field (e.g. DAU, WAU, MAU from long-format rows). */
  readonly series?: FieldRef;
  /** Marks each data point (useful for sparse series such as weekly retention). */
  readonly points?: boolean;
}

/** Lines over dates or numbers: DAU/WAU/MAU over time, a retention curve by days since joining. */
export function lineChart(rows: readonly Readonly<Record<string, unknown>>[], options: LineChartOptions): ChartSpec {
  return {
    ...frame(options, rows),
    mark: { type: "line", point: options.points ?? false },
    encoding: {
      x: xEncoding(options.x, options.xType ?? "temporal", rows),
      y: { field: options.y.field, type: "quantitative", title: options.y.title ?? options.y.field, axis: { format: options.y.format } },
      ...(options.series && { color: { field: options.series.field, type: "nominal", title: options.series.title ?? options.series.field } }),
      tooltip: [
        xTooltip(options.x, options.xType ?? "temporal"),
        { field: options.y.field, type: "quantitative", title: options.y.title ?? options.y.field, format: options.y.format },
        ...(options.series ? [{ field: options.series.field, type: "nominal" as const }] : []),
      ],
    },
  };
}

/** The x value in a tooltip, shown as on the axis (dates as days). */
export function xTooltip(x: FieldRef, type: "temporal" | "quantitative" | "ordinal") {
  const title = x.title ?? x.field;
  return type === "temporal" ? { field: x.field, type, title, timeUnit: "utcyearmonthdate" as const } : { field: x.field, type, title };
}

/**
 * A time axis reads dates at UTC and labels them in UTC: the same chart on every machine,
 * whatever its time zone (dates are calendar days, not instants).
 */
export function xEncoding(x: FieldRef, type: "temporal" | "quantitative" | "ordinal", rows: readonly Readonly<Record<string, unknown>>[]) {
  const title = x.title ?? x.field;
  if (type === "temporal") {
    // Ticks on whole days, about eight of them: left alone, a few days of data get hourly ticks
    // that all print the same date.
    const days = new Set(rows.map((row) => String(row[x.field]))).size;
    const tickCount = { interval: "day" as const, step: Math.max(1, Math.ceil(days / 8)) };
    return { field: x.field, type, title, timeUnit: "utcyearmonthdate" as const, axis: { format: x.format ?? "%Y-%m-%d", labelAngle: 0, tickCount } };
  }
  return { field: x.field, type, title, axis: { format: x.format, labelAngle: 0 } };
}
