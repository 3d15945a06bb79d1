import { functions as F, Window, type DataFrame } from "../../../connect";
import { epochMillis, isoWeekStartOf, utcDate } from "../common/utc-columns";
import { DEFAULT_SESSIONS, type SessionParams } from "../definitions";

/** User attributes carried onto each session (constant per user after the metadata join). */
export const SESSION_ATTRIBUTES = ["country", "device_type", "subscription_type"] as const;

/**
 * One row per session: user_id, session_start and session_end (timestamps), duration_ms, actions,
 * start_date and start_week (UTC day and its ISO week's Monday), and the user's country,
 * device_type and subscription_type.
 *
 * The rule: a user's events in order of (timestamp, then duration_ms, action_type, page_id,
 * app_version as a stable tie-break); event i is active during [ts_i, ts_i + duration_i]; a new
 * session starts at i when ts_i − max_{j<i}(ts_j + duration_j) > inactivityGapMs (so an event
 * inside an earlier one's duration, or a gap of exactly the limit, continues the session).
 * Equal timestamps never start a session after the first of them, so the tie-break only fixes
 * the row order. A session is then cut into pieces by floor((ts − session start) / maxSessionMs):
 * each piece is a session of its own, with its first event as start and the latest end of its
 * events as end (a piece's last event may run past the cut: events are not split). Times are
 * compared in epoch milliseconds (the inputs have second precision).
 *
 * Spark: both running aggregates (the max end before each event, the running count of session
 * starts) share one window partitioned by user_id and ordered by time, so the events are
 * shuffled by user_id and sorted once; the per-session aggregation that follows groups by
 * (user_id, …) and reuses that partitioning without another shuffle. A user's events are
 * sorted and scanned in one task: a hot user (a bot with millions of events) makes one long
 * task, which spills rather than fails (window buffers spill to disk), and the skew shows in
 * the stage's task times. The 24-h cut bounds each session's span, so an always-on bot yields
 * one session per day instead of one year-long session; it does not shrink the user's window
 * partition. Partitioning by (user_id, day) with a carried-over state would, at the price of a
 * second pass for sessions that cross midnight.
 */
export function sessionize(interactions: DataFrame, params: Pick<SessionParams, "inactivityGapMs" | "maxSessionMs"> = DEFAULT_SESSIONS): DataFrame {
  const byTime = Window.partitionBy("user_id").orderBy("start_ms", "duration_ms", "action_type", "page_id", "app_version");
  const before = byTime.rowsBetween(Window.unboundedPreceding, -1);
  const upToHere = byTime.rowsBetween(Window.unboundedPreceding, Window.currentRow);

  const marked = interactions
    .select(
      F.col("user_id"),
      epochMillis(F.col("timestamp")).alias("start_ms"),
      F.col("duration_ms"),
      F.col("action_type"),
      F.col("page_id"),
      F.col("app_version"),
      ...SESSION_ATTRIBUTES.map((name) => F.col(name)),
    )
    .withColumn("end_ms", F.col("start_ms").plus(F.col("duration_ms")))
    .withColumn("latest_end_before", F.max("end_ms").over(before));
  const startsSession = F.col("latest_end_before")
    .isNull()
    .or(F.col("start_ms").minus(F.col("latest_end_before")).gt(params.inactivityGapMs));
  // Times never decrease along the window, so the latest session start so far is the current
  // session's start: one more running aggregate over the same sorted rows, no second sort.
  const pieces = marked
    .withColumn("session_number", F.sum(F.when(startsSession, 1).otherwise(0)).over(upToHere))
    .withColumn("session_start_ms", F.max(F.when(startsSession, F.col("start_ms"))).over(upToHere))
    .withColumn("piece", F.floor(F.col("start_ms").minus(F.col("session_start_ms")).divide(params.maxSessionMs)));

  return pieces
    .groupBy("user_id", "session_number", "piece")
    .agg(
      F.min("start_ms").alias("start_ms"),
      F.max("end_ms").alias("end_ms"),
      F.count("*").alias("actions"),
      ...SESSION_ATTRIBUTES.map((name) => F.min(name).alias(name)),
    )
    .select(
      F.col("user_id"),
      F.timestampMillis(F.col("start_ms")).alias("session_start"),
      F.timestampMillis(F.col("end_ms")).alias("session_end"),
      F.col("end_ms").minus(F.col("start_ms")).alias("duration_ms"),
      F.col("actions"),
      ...SESSION_ATTRIBUTES.map((name) => F.col(name)),
    )
    .withColumn("start_date", utcDate(F.col("session_start")))
    .withColumn("start_week", isoWeekStartOf(F.col("start_date")));
}
