/** The time series the anomaly detector reads and the anomalies it reports. */

export const GRANULARITIES = ["daily", "hourly"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** The seasonal period of each granularity: a week of days, a day of hours. */
export const SEASONAL_PERIOD: Readonly<Record<Granularity, number>> = { daily: 7, hourly: 24 };

/** One series: its consecutive buckets (no gaps: empty buckets are zeros) and their counts. */
export interface Series {
  /** `all/events`, `action_type=edit/active_users`, `major_minor=6.2/events`… (see seriesName). */
  readonly name: string;
  readonly granularity: Granularity;
  /** Bucket starts, UTC: `YYYY-MM-DD` (daily) or `YYYY-MM-DD HH:mm:ss` (hourly). */
  readonly timestamps: readonly string[];
  readonly values: readonly number[];
  /** The counting noise's variance-to-mean ratio (see DetectorOptions.dispersion); 1 when absent. */
  readonly dispersion?: number;
}

export type Direction = "up" | "down";

/**
 * One flagged bucket, a row of the anomalies table. (series, granularity, ts) identifies it, in
 * the same formats as the generator's injected anomalies, so reports can be matched to ground truth.
 */
export interface Anomaly {
  readonly series: string;
  readonly granularity: Granularity;
  readonly ts: string;
  readonly observed: number;
  /** What the decomposition expected (trend × seasonal, back from the log scale). */
  readonly expected: number;
  /** The robust z-score of the bucket's residual: its magnitude in units of the usual spread. */
  readonly score: number;
  readonly direction: Direction;
}

/** The anomalies table's schema, for `spark.createDataFrame(anomalies, ANOMALIES_DDL)`. */
export const ANOMALIES_DDL = "series string, granularity string, ts string, observed bigint, expected double, score double, direction string";
