import { functions as F, TypedLiteral, Window, type DataFrame } from "../../../connect";
import type { DayRange } from "../common/event-date-bounds";
import { dateLit } from "../common/utc-columns";
import type { PowerUsersParams } from "../definitions";

/**
 * Per user active in `range`: total_ms = Σ min(duration_ms, capMs), events, and capped_events
 * (events longer than the cap, whose time was cut). The aggregation is partial before the
 * shuffle, so it carries at most one row per (task, user): the result is users-sized (the brief's
 * 1M users ≈ 40 MB), small enough to persist when several of the steps below read it.
 */
export function userInteractionTotals(interactions: DataFrame, range: DayRange, capMs: number): DataFrame {
  const cap = F.lit(TypedLiteral.long(capMs));
  return interactions
    .where(F.col("event_date").between(dateLit(range.from), dateLit(range.to)))
    .groupBy("user_id")
    .agg(
      F.sum(F.least(F.col("duration_ms"), cap)).alias("total_ms"),
      F.count("*").alias("events"),
      F.count(F.when(F.col("duration_ms").gt(cap), 1)).alias("capped_events"),
    );
}

/**
 * How many users "the top X%" of `users` is: ceil(X/100 × users). The small tolerance keeps
 * floating-point noise from adding a user (0.07 × 100 is 7.000000000000001 in doubles).
 */
export function topCount(percent: number, users: number): number {
  if (!(percent > 0 && percent <= 100)) throw new RangeError(`percent must be in (0, 100], not ${percent}`);
  return Math.max(0, Math.ceil((percent * users) / 100 - 1e-9));
}

/** The top users and the counts the report states beside them. */
export interface PowerUsers {
  /** The `power_users` table: rank, user_id, total_ms, events (rank 1 = largest total). */
  readonly top: DataFrame;
  readonly activeUsers: number;
  readonly topCount: number;
  readonly events: number;
  /** Events whose duration exceeded the cap. */
  readonly cappedEvents: number;
  /** The approximate threshold that pre-selected the candidates (null when there are no users). */
  readonly candidateThreshold: number | null;
}

/**
 * The ceil(X% × active users) users with the largest totals, ties broken by user_id ascending;
 * exact and deterministic, without collecting the users to the client or sorting all of them:
 * 1. one aggregation job gives the user count and an approximate quantile of the totals a little
 *    below 1 − X% (the margin is twice the sketch's rank error), so that at least the top X% lie
 *    at or above it;
 * 2. a count job checks that they do (if ever not, every user is a candidate: still exact);
 * 3. only the candidates (≈ X% of users plus the margin) are ranked exactly by row_number over
 *    (total desc, user_id), a window without partitions, i.e. one sorted task: 1% of 1M users is
 *    10k rows. Every user at or above the threshold is a candidate, so ties at the boundary
 *    are ranked among all who share them.
 * `totals` is read by each job: persist it first on large data (it is users-sized).
 */
export async function findPowerUsers(totals: DataFrame, params: Pick<PowerUsersParams, "percent" | "thresholdAccuracy">): Promise<PowerUsers> {
  const quantile = Math.max(0, 1 - params.percent / 100 - 2 / params.thresholdAccuracy);
  const [stats] = await totals
    .agg(
      F.count("*").alias("users"),
      F.coalesce(F.sum("events"), F.lit(0)).alias("events"),
      F.coalesce(F.sum("capped_events"), F.lit(0)).alias("capped_events"),
      F.percentileApprox("total_ms", quantile, params.thresholdAccuracy).alias("threshold"),
    )
    .collect();
  const activeUsers = Number(stats?.users ?? 0);
  const count = topCount(params.percent, activeUsers);
  const threshold = stats?.threshold == null ? null : Number(stats.threshold);

  let candidates = threshold === null ? totals : totals.where(F.col("total_ms").geq(F.lit(TypedLiteral.long(threshold))));
  if (threshold !== null && (await candidates.count()) < count) candidates = totals;

  const ranking = Window.orderBy(F.col("total_ms").desc(), F.col("user_id").asc());
  const top = candidates.withColumn("rank", F.rowNumber().over(ranking)).where(F.col("rank").leq(count)).select("rank", "user_id", "total_ms", "events");
  return {
    top,
    activeUsers,
    topCount: count,
    events: Number(stats?.events ?? 0),
    cappedEvents: Number(stats?.capped_events ?? 0),
    candidateThreshold: threshold,
  };
}
