import { frame, type ChartOptions, type ChartSpec, type FieldRef } from "./spec";

export interface BarChartOptions extends ChartOptions {
  /** One bar (or group of bars) per value: app version, device type… */
  readonly category: FieldRef;
  readonly value: FieldRef;
  /** Bars side by side within each category, one per value of this field (e.g. p50 and p95). */
  readonly group?: FieldRef;
  /** Categories on the vertical axis: long labels stay readable. */
  readonly horizontal?: boolean;
}

/**
 * Bars per category, largest first: p95 load time per app version, p50/p95 per device (grouped).
 * Pass the rows already cut to the categories to show (see topN).
 */
export function barChart(rows: readonly Readonly<Record<string, unknown>>[], options: BarChartOptions): ChartSpec {
  const horizontal = options.horizontal ?? false;
  const category = {
    field: options.category.field,
    type: "nominal" as const,
    title: options.category.title ?? options.category.field,
    // Largest value first; ties and groups use the category's largest bar.
    sort: { op: "max" as const, field: options.value.field, order: "descending" as const },
    axis: { labelAngle: 0 },
  };
  const value = { field: options.value.field, type: "quantitative" as const, title: options.value.title ?? options.value.field, axis: { format: options.value.format } };
  const group = options.group && { field: options.group.field, type: "nominal" as const, title: options.group.title ?? options.group.field };
  return {
    ...frame(options, rows),
    mark: { type: "bar" },
    encoding: {
      ...(horizontal ? { y: category, x: value } : { x: category, y: value }),
      ...(group && { color: group, ...(horizontal ? { yOffset: { field: group.field } } : { xOffset: { field: group.field } }) }),
      tooltip: [
        { field: options.category.field, type: "nominal", title: category.title },
        ...(group ? [{ field: group.field, type: "nominal" as const, title: group.title }] : []),
        { field: options.value.field, type: "quantitative", title: value.title, format: options.value.format },
      ],
    },
  };
}

/** The `n` rows with the largest `field`, largest first; ties keep their input order. */
export function topN<T extends Readonly<Record<string, unknown>>>(rows: readonly T[], field: string, n: number): T[] {
  return rows
    .map((row, index) => ({ row, index, value: Number(row[field]) }))
    .sort((a, b) => b.value - a.value || a.index - b.index)
    .slice(0, n)
    .map(({ row }) => row);
}
