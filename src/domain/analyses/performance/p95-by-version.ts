import { functions as F, type Column, type DataFrame } from "../../../connect";
import { DEFAULT_PERCENTILES, type PercentileOptions } from "./p95-options";
import { pageLoads } from "./page-loads";
import { groupTopN } from "./top-n";
import { compareVersions, majorMinorOf, majorOf, releaseOrder } from "./version-order";

/** The levels of the p95 table, finest first, each named by its key column ("all": every page load). */
export const P95_LEVELS = ["app_version", "major_minor", "major", "all"] as const;
export type P95Level = (typeof P95_LEVELS)[number];

/** One group's 95th percentile of page load time. */
export interface P95Row {
  /** The version, `major.minor`, `major`, or "all". */
  readonly key: string;
  readonly events: number;
  readonly p95_ms: number;
  readonly low_confidence: boolean;
}

/** Every level of the roll-up, each in release order. */
export type P95Tables = { readonly [L in Exclude<P95Level, "all">]: readonly P95Row[] } & { readonly all: P95Row };

/**
 * p95 of page load time per app_version and its roll-ups per major.minor and per major (and over
 * all), as rows `level, key, events, p95_ms, low_confidence`.
 *
 * One pass, however many versions there are: a ROLLUP(major, major_minor, app_version) is one
 * scan and one aggregation (Spark expands each row once per level inside the task; the map side
 * keeps one percentile sketch per level's group and shuffles only those sketches, never the page
 * loads). Exact percentiles would shuffle and sort every page load per version; the sketch's rank
 * error (≤ events / accuracy) is the price, stated in PercentileOptions. A roll-up level is
 * computed from the raw loads, not from the finer level's percentiles (percentiles do not add up).
 */
/**
 * The aggregates of a p95 roll-up, batch or streaming: the grouping id (which keys are rolled
 * up), the page loads and their p95 (percentile_approx: a mergeable quantile sketch per group).
 */
export function rollupP95Aggregates(options: Pick<PercentileOptions, "accuracy">): Column[] {
  return [F.groupingId().alias("grouping"), F.count("*").alias("events"), F.percentileApprox("load_ms", 0.95, options.accuracy).alias("p95_ms")];
}

export function p95Rollup(enriched: DataFrame, options: PercentileOptions = DEFAULT_PERCENTILES): DataFrame {
  // grouping_id() sets one bit per rolled-up key, the last key (app_version) in the lowest bit.
  const grouping = F.col("grouping");
  const level = F.when(grouping.eq(0), "app_version").when(grouping.eq(1), "major_minor").when(grouping.eq(3), "major").otherwise("all");
  return pageLoads(enriched)
    .withColumns({ major: majorOf("app_version"), major_minor: majorMinorOf("app_version") })
    .rollup("major", "major_minor", "app_version")
    .agg(...rollupP95Aggregates(options))
    .select(
      level.alias("level"),
      F.coalesce("app_version", "major_minor", "major", F.lit("all")).alias("key"),
      F.col("events"),
      F.col("p95_ms"),
      F.col("events").lt(options.minEvents).alias("low_confidence"),
    );
}

/**
 * One level of the roll-up as its own table, the key column named after the level, in release
 * order: `p95Table(rollup, "app_version")` is p95_by_version (app_version, events, p95_ms,
 * low_confidence). Cache the roll-up when several levels are read from it.
 */
export function p95Table(rollup: DataFrame, level: P95Level): DataFrame {
  return rollup
    .where(F.col("level").eq(level))
    .select(F.col("key").alias(level), F.col("events"), F.col("p95_ms"), F.col("low_confidence"))
    .orderBy(...releaseOrder(level));
}

/** p95_by_version: app_version, events, p95_ms, low_confidence. */
export function p95ByVersion(enriched: DataFrame, options: PercentileOptions = DEFAULT_PERCENTILES): DataFrame {
  return p95Table(p95Rollup(enriched, options), "app_version");
}

/** All levels of the roll-up from one Spark job (the result is small: one row per version, minor and major). */
export async function collectP95Tables(enriched: DataFrame, options: PercentileOptions = DEFAULT_PERCENTILES): Promise<P95Tables> {
  const rows = await p95Rollup(enriched, options).collect();
  const level = (name: P95Level): P95Row[] =>
    rows
      .filter((row) => row.level === name)
      .map((row) => ({ key: String(row.key), events: Number(row.events), p95_ms: Number(row.p95_ms), low_confidence: row.low_confidence === true }))
      .sort((a, b) => compareVersions(a.key, b.key));
  const [all] = level("all");
  if (all === undefined) throw new Error("There are no page_view events: no page load time to report");
  return { app_version: level("app_version"), major_minor: level("major_minor"), major: level("major"), all };
}

/**
 * p95 for the `n` app versions with the most page loads and one `other` group for all the rest
 * (its p95 from the pooled loads of those versions), in release order with `other` last:
 * app_version_group, events, p95_ms, low_confidence.
 */
export function p95TopVersions(enriched: DataFrame, n: number, options: PercentileOptions = DEFAULT_PERCENTILES): DataFrame {
  return groupTopN(pageLoads(enriched), "app_version", n)
    .groupBy("app_version_group")
    .agg(F.count("*").alias("events"), F.percentileApprox("load_ms", 0.95, options.accuracy).alias("p95_ms"))
    .withColumn("low_confidence", F.col("events").lt(options.minEvents))
    .orderBy(...releaseOrder("app_version_group"));
}
