import { functions as F, type Column, type DataFrame } from "../../../connect";
import { addDays, isoWeekStart } from "../common/calendar-days";
import { dateLit, isoWeekStartOf } from "../common/utc-columns";
import { DEFAULT_RETENTION, type RetentionParams } from "../definitions";

/** The dimensions the retention breakdown is offered by (metadata attributes, `unknown` without). */
export const RETENTION_DIMENSIONS = ["device_type", "country", "subscription_type"] as const;
export type RetentionDimension = (typeof RETENTION_DIMENSIONS)[number];

/**
 * The `retention` table: for each of the `cohorts` weekly cohorts ending with the ISO week of
 * `asOf` and each week_offset k = 0 … cohorts − 1: cohort_week (the Monday), cohort_size, retained
 * (cohort users with a valid interaction in [cohort_week + 7k, cohort_week + 7k + 7)) and rate.
 * A cell whose week ends after asOf has not fully elapsed: retained and rate are null. A cohort
 * without users has size 0 and a null rate. Events after asOf are ignored.
 *
 * With `segment` (a user attribute such as device_type), the same cells per value of it, in a
 * column of that name (each user's value: identical on all their events after the join).
 *
 * Cohorts by first activity look at the user's whole history up to asOf (a user first seen
 * before the 26 weeks is in no cohort); by join_date, users without metadata (null join_date)
 * have no cohort. Cost: one aggregation per user (first date, attributes) and distinct
 * (user, week) pairs of the last `cohorts` weeks, both partially aggregated before their
 * shuffles; their join on user_id is between two users-sized tables. The cells, at most
 * 26 × 26 per segment value, are all that is left for the grid.
 */
export function retentionCells(interactions: DataFrame, asOf: string, params: RetentionParams = DEFAULT_RETENTION, segment?: RetentionDimension): DataFrame {
  const segments = segment === undefined ? [] : [segment];
  const lastCohort = isoWeekStart(asOf);
  const firstCohort = addDays(lastCohort, -7 * (params.cohorts - 1));
  const upToAsOf = interactions.where(F.col("event_date").leq(dateLit(asOf)));

  const cohortDate = params.cohortBy === "join_date" ? F.min("join_date") : F.min("event_date");
  const users = upToAsOf
    .groupBy("user_id")
    .agg(isoWeekStartOf(cohortDate).alias("cohort_week"), ...segments.map((name) => F.min(name).alias(name)))
    .where(F.col("cohort_week").between(dateLit(firstCohort), dateLit(lastCohort)));

  const activeWeeks = upToAsOf
    .where(F.col("event_date").geq(dateLit(firstCohort)))
    .select(F.col("user_id"), isoWeekStartOf(F.col("event_date")).alias("active_week"))
    .distinct();

  const sizes = users.groupBy(...segments, "cohort_week").agg(F.count("*").alias("cohort_size"));
  const retained = users
    .join(activeWeeks, ["user_id"])
    .withColumn("week_offset", F.datediff(F.col("active_week"), F.col("cohort_week")).divide(7).cast("int"))
    .where(F.col("week_offset").geq(0))
    .groupBy(...segments, "cohort_week", "week_offset")
    .agg(F.count("*").alias("retained"));

  const grid = cohortGrid(interactions, firstCohort, params.cohorts);
  const cells = (segment === undefined ? grid : grid.crossJoin(sizes.select(segment).distinct()))
    .join(sizes, [...segments, "cohort_week"], "left")
    .join(retained, [...segments, "cohort_week", "week_offset"], "left");
  // The cell's last day is cohort_week + 7k + 6: elapsed when that day is at or before asOf.
  const elapsed = F.dateAdd(F.col("cohort_week"), F.col("week_offset").multiply(7).plus(6)).leq(dateLit(asOf));
  const size = F.coalesce(F.col("cohort_size"), F.lit(0)).cast("bigint");
  const retainedCount = F.when(elapsed, F.coalesce(F.col("retained"), F.lit(0))).cast("bigint");
  return cells
    .select(...segments.map((name) => F.col(name)), F.col("cohort_week"), size.alias("cohort_size"), F.col("week_offset"), retainedCount.alias("retained"))
    .withColumn("rate", F.when(F.col("cohort_size").gt(0), F.col("retained").divide(F.col("cohort_size"))))
    .orderBy(...segments, "cohort_week", "week_offset");
}

/**
 * The average retention curve from `retentionCells` output: per week_offset (and segment value),
 * cohort-size-weighted over the cohorts whose cell has elapsed: cohorts (with users), users
 * (Σ cohort_size), retained (Σ retained), rate = retained / users.
 */
export function retentionCurve(cells: DataFrame, segment?: RetentionDimension): DataFrame {
  const segments = segment === undefined ? [] : [segment];
  return cells
    .where(F.col("retained").isNotNull().and(F.col("cohort_size").gt(0)))
    .groupBy(...segments, "week_offset")
    .agg(F.count("*").alias("cohorts"), F.sum("cohort_size").alias("users"), F.sum("retained").alias("retained"))
    .withColumn("rate", F.col("retained").divide(F.col("users")))
    .orderBy(...segments, "week_offset");
}

/** The curve per value of each breakdown dimension, stacked: dimension, value, week_offset, cohorts, users, retained, rate. */
export function retentionBreakdown(interactions: DataFrame, asOf: string, params: RetentionParams = DEFAULT_RETENTION): DataFrame {
  return RETENTION_DIMENSIONS.map((dimension) =>
    retentionCurve(retentionCells(interactions, asOf, params, dimension), dimension).select(
      F.lit(dimension).alias("dimension"),
      F.col(dimension).alias("value"),
      ...["week_offset", "cohorts", "users", "retained", "rate"].map((name) => F.col(name)),
    ),
  )
    .reduce((stacked, next) => stacked.unionByName(next))
    .orderBy("dimension", "value", "week_offset");
}

/** Every (cohort_week, week_offset) of the report: `cohorts` Mondays × offsets 0 … cohorts − 1. */
function cohortGrid(like: DataFrame, firstCohort: string, cohorts: number): DataFrame {
  const weeks: Column = F.sequence(dateLit(firstCohort), dateLit(addDays(firstCohort, 7 * (cohorts - 1))), F.expr("INTERVAL 7 DAYS"));
  return like.session
    .range(1)
    .select(F.explode(weeks).alias("cohort_week"))
    .select(F.col("cohort_week"), F.explode(F.sequence(F.lit(0), F.lit(cohorts - 1))).alias("week_offset"));
}
