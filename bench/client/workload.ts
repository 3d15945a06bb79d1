/**
 * The one definition of what both clients run. The Python client receives it as JSON, so the
 * two sides cannot drift apart: same row count, same expressions, same repetitions.
 */
export interface Workload {
  /** Rows of the wide query, built on the server from range(rows). */
  readonly rows: number;
  /** selectExpr() expressions over range's `id`: six columns of mixed types. */
  readonly columns: readonly string[];
  /** Untimed runs of each measure before timing, so JIT, caches and connections are warm. */
  readonly warmups: number;
  /** Timed runs of each measure; the reported figure is their median. */
  readonly runs: number;
  /** Round trips of the trivial query per timed run (the run's figure is their median). */
  readonly trivialTries: number;
  /** Untimed trivial round trips before the first timed one. */
  readonly trivialWarmups: number;
}

export const DEFAULT_WORKLOAD: Workload = {
  rows: 5_000_000,
  columns: [
    "id", // long
    "CAST(id % 100000 AS INT) AS n", // int
    "id * 0.25 + 0.1 AS x", // double
    "concat('user-', CAST(id % 100000 AS STRING)) AS s", // string, short as event keys are
    "timestamp_seconds(1700000000 + id) AS ts", // timestamp
    "id % 3 = 0 AS flag", // boolean
  ],
  warmups: 1,
  runs: 3,
  trivialTries: 50,
  trivialWarmups: 10,
};

/** The measures both clients run. */
export type MeasureName = "arrow" | "rows" | "trivial";
/** PySpark also runs toPandas(), for context: 3.5 has no public Arrow-table result. */
export type PySparkMeasureName = MeasureName | "pandas";
