import { functions as F, type DataFrame } from "../../../connect";
import { DEFAULT_SESSIONS, type SessionParams } from "../definitions";

/** The breakdowns the session summary is offered by. */
export const SESSION_DIMENSIONS = ["device_type", "subscription_type"] as const;
export type SessionDimension = (typeof SESSION_DIMENSIONS)[number];

const PERCENTILES = [0.5, 0.9, 0.99] as const;

/**
 * The `session_summary` table from sessionize's output, one row overall (or one per value of
 * `dimension`): sessions, users, mean_duration_ms, p50/p90/p99_duration_ms, mean_actions,
 * sessions_per_user_week (sessions / (user, ISO week) pairs with a session start),
 * sessions_per_user_day (sessions / (user, UTC day) pairs with a session start).
 *
 * Percentiles are percentile_approx's: the smallest duration whose rank is at least p × sessions,
 * within a rank error of sessions / percentileAccuracy (exact when the accuracy exceeds the
 * number of sessions). An exact percentile would hold every distinct duration in one buffer.
 *
 * Frequencies come from a chain of shrinking aggregations (sessions → (user, day) → (user, week)
 * → user), each partially aggregated before its shuffle, rather than count(DISTINCT …) over
 * several column sets, which Spark would evaluate by expanding every session row once per set.
 */
export function sessionSummary(
  sessions: DataFrame,
  params: Pick<SessionParams, "percentileAccuracy"> = DEFAULT_SESSIONS,
  dimension?: SessionDimension,
): DataFrame {
  const groups = dimension === undefined ? [] : [dimension];
  const percentiles = F.percentileApprox("duration_ms", [...PERCENTILES], params.percentileAccuracy);
  const distribution = sessions
    .groupBy(...groups)
    .agg(
      F.count("*").alias("sessions"),
      F.avg("duration_ms").alias("mean_duration_ms"),
      percentiles.alias("duration_percentiles"),
      F.avg("actions").alias("mean_actions"),
    );

  // The dimension is a user attribute, so grouping by it and the user splits nothing.
  const frequency = sessions
    .groupBy(...groups, "user_id", "start_week", "start_date")
    .agg(F.count("*").alias("sessions"))
    .groupBy(...groups, "user_id", "start_week")
    .agg(F.count("*").alias("days"))
    .groupBy(...groups, "user_id")
    .agg(F.count("*").alias("weeks"), F.sum("days").alias("days"))
    .groupBy(...groups)
    .agg(F.count("*").alias("users"), F.sum("weeks").alias("user_weeks"), F.sum("days").alias("user_days"));

  const joined = groups.length === 0 ? distribution.crossJoin(frequency) : distribution.join(frequency, groups);
  const summary = joined.select(
    ...groups.map((name) => F.col(name)),
    F.col("sessions"),
    F.col("users"),
    F.col("mean_duration_ms"),
    ...PERCENTILES.map((p, i) =>
      F.col("duration_percentiles")
        .getItem(i)
        .alias(`p${Math.round(p * 100)}_duration_ms`),
    ),
    F.col("mean_actions"),
    F.col("sessions").divide(F.col("user_weeks")).alias("sessions_per_user_week"),
    F.col("sessions").divide(F.col("user_days")).alias("sessions_per_user_day"),
  );
  return groups.length === 0 ? summary : summary.orderBy(...groups);
}
