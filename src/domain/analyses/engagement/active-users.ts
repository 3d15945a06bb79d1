import { functions as F, Window, type Column, type DataFrame } from "../../../connect";
import { addDays, monthStart } from "../common/calendar-days";
import type { DayRange } from "../common/event-date-bounds";
import { dateLit, daySpine, monthOf, monthSpine } from "../common/utc-columns";
import { DEFAULT_ACTIVE_USERS, type ActiveUsersParams } from "../definitions";
import { approximateActiveUsers, approximateCalendarMonthlyActiveUsers } from "./approximate-active-users";

type Windows = Pick<ActiveUsersParams, "wauDays" | "mauDays">;

/**
 * The `dau` table: one row per day of `range` (zeros included) with columns date, dau, wau, mau,
 * dau_mau_ratio (null when MAU is 0). Exact by default; `mode: "approximate"` uses HyperLogLog
 * sketches instead (see approximateActiveUsers).
 *
 * Exact rolling distinct counts without a loop over days and without expanding each active day
 * to the 7 or 30 days it counts for (a 30× blow-up of the largest intermediate):
 * 1. reduce the events to distinct (user, day) pairs;
 * 2. per user, in day order, each active day d extends the user's "counted" days to d + W − 1.
 *    The days it adds that no earlier active day already covers are [max(d, previous + W), d + W − 1]
 *    (previous = the user's previous active day): disjoint runs, one per active day. Emit +1 at
 *    a run's start and −1 the day after its end (lag over a window partitioned by user_id: one
 *    user's active days, at most a few hundred rows, are sorted in one task);
 * 3. sum the ±1 per day (a few hundred rows) and take the running sum in day order: the number
 *    of users whose runs cover the day, i.e. active in the W days ending on it. DAU is W = 1.
 * Only step 3's tiny per-day table is ordered in a single partition.
 */
export function activeUsers(interactions: DataFrame, range: DayRange, params: ActiveUsersParams = DEFAULT_ACTIVE_USERS): DataFrame {
  if (params.mode === "approximate") return approximateActiveUsers(interactions, range, params);
  // Days before the range count towards its first rolling windows.
  const lookback = addDays(range.from, 1 - Math.max(1, params.wauDays, params.mauDays));
  const deltas = activityDeltas(activeUserDays(interactions, lookback, range.to), params);
  const running = Window.orderBy("date").rowsBetween(Window.unboundedPreceding, Window.currentRow);
  return daySpine(interactions, lookback, range.to, "date")
    .join(deltas, ["date"], "left")
    .select(
      F.col("date"),
      ...(["dau", "wau", "mau"] as const).map((name) =>
        F.sum(F.coalesce(F.col(name), F.lit(0)))
          .over(running)
          .cast("bigint")
          .alias(name),
      ),
    )
    .where(F.col("date").geq(dateLit(range.from)))
    .withColumn("dau_mau_ratio", F.when(F.col("mau").gt(0), F.col("dau").divide(F.col("mau"))))
    .orderBy("date");
}

/**
 * The `mau_monthly` table: month (YYYY-MM), mau = distinct users active in the calendar month,
 * for every month that `range` touches (zeros included). The first month is counted in full even
 * when the range starts inside it; the last one up to range.to (month to date).
 */
export function calendarMonthlyActiveUsers(interactions: DataFrame, range: DayRange, params: ActiveUsersParams = DEFAULT_ACTIVE_USERS): DataFrame {
  if (params.mode === "approximate") return approximateCalendarMonthlyActiveUsers(interactions, range, params);
  const first = monthStart(range.from);
  // (user, month) pairs from (user, day) pairs: the shuffle carries at most one row per user and day.
  const perMonth = activeUserDays(interactions, first, range.to)
    .select(F.col("user_id"), monthOf(F.col("date")).alias("month"))
    .distinct()
    .groupBy("month")
    .agg(F.count("*").alias("mau"));
  return monthSpine(interactions, first, range.to)
    .join(perMonth, ["month"], "left")
    .select(F.col("month"), F.coalesce(F.col("mau"), F.lit(0)).cast("bigint").alias("mau"))
    .orderBy("month");
}

/**
 * Distinct (user_id, date) pairs with event_date in [from, to]. The aggregation runs partially
 * before the shuffle, so each task sends only its distinct pairs: with input partitioned by
 * event_date a task's events are of one day, and it sends one row per user active in them.
 */
export function activeUserDays(interactions: DataFrame, from: string, to: string): DataFrame {
  return interactions
    .where(F.col("event_date").between(dateLit(from), dateLit(to)))
    .select(F.col("user_id"), F.col("event_date").alias("date"))
    .distinct();
}

/** Per day, the +1/−1 changes of the DAU, WAU and MAU counts (step 2 of activeUsers). */
function activityDeltas(userDays: DataFrame, windows: Windows): DataFrame {
  const previous = F.lag("date").over(Window.partitionBy("user_id").orderBy("date"));
  const delta = (date: Column, counts: readonly [number, number, number]): Column =>
    F.struct(date.alias("date"), F.lit(counts[0]).alias("dau"), F.lit(counts[1]).alias("wau"), F.lit(counts[2]).alias("mau"));
  const runOf = (days: number): [Column, Column] => [
    F.when(F.col("previous").isNull(), F.col("date")).otherwise(F.greatest(F.col("date"), F.dateAdd(F.col("previous"), days))),
    F.dateAdd(F.col("date"), days),
  ];
  const [dauStart, dauEnd] = runOf(1);
  const [wauStart, wauEnd] = runOf(windows.wauDays);
  const [mauStart, mauEnd] = runOf(windows.mauDays);
  return userDays
    .withColumn("previous", previous)
    .select(
      F.explode(
        F.array(
          delta(dauStart, [1, 0, 0]),
          delta(dauEnd, [-1, 0, 0]),
          delta(wauStart, [0, 1, 0]),
          delta(wauEnd, [0, -1, 0]),
          delta(mauStart, [0, 0, 1]),
          delta(mauEnd, [0, 0, -1]),
        ),
      ).alias("delta"),
    )
    .groupBy(F.col("delta.date").alias("date"))
    .agg(F.sum("delta.dau").alias("dau"), F.sum("delta.wau").alias("wau"), F.sum("delta.mau").alias("mau"));
}
