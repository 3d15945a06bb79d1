import { frame, type ChartOptions, type ChartSpec } from "./spec";

/** One bin: values in [start, end) were seen `count` times. */
export interface HistogramBin {
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

export interface HistogramOptions extends ChartOptions {
  /** What was binned, e.g. "Session duration (minutes)". */
  readonly xTitle: string;
  readonly yTitle?: string;
}

/**
 * A histogram of bins counted elsewhere (in Spark: millions of sessions reduce to a few dozen
 * rows, and only those travel), drawn as adjacent bars from each bin's start to its end.
 */
export function histogram(bins: readonly HistogramBin[], options: HistogramOptions): ChartSpec {
  return {
    ...frame(options, bins.map((bin) => ({ ...bin }))),
    mark: { type: "bar", binSpacing: 1 },
    encoding: {
      x: { field: "start", type: "quantitative", bin: "binned", title: options.xTitle, axis: { labelAngle: 0 } },
      x2: { field: "end" },
      y: { field: "count", type: "quantitative", title: options.yTitle ?? "Count" },
      tooltip: [
        { field: "start", type: "quantitative", title: "From" },
        { field: "end", type: "quantitative", title: "To" },
        { field: "count", type: "quantitative", title: options.yTitle ?? "Count", format: "," },
      ],
    },
  };
}
