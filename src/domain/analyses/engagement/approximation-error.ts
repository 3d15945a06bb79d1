import { functions as F, type DataFrame } from "../../../connect";
import type { DayRange } from "../common/event-date-bounds";
import { DEFAULT_ACTIVE_USERS, type ActiveUsersParams } from "../definitions";
import { activeUsers } from "./active-users";
import { approximateActiveUsers } from "./approximate-active-users";

/** HyperLogLog++'s relative standard error for a sketch of 2^lgConfigK buckets: 1.04 / √(2^lgConfigK). */
export function hllStandardError(lgConfigK: number): number {
  return 1.04 / Math.sqrt(2 ** lgConfigK);
}

/**
 * What switching DAU to sketches would cost in accuracy on this data: per day of `range`, the
 * exact DAU, the HyperLogLog DAU and |approximate − exact| / exact (null on a day without users).
 * Both sides are computed here, in one plan, so the comparison needs nothing from the driver.
 */
export function approximateDauError(interactions: DataFrame, range: DayRange, params: ActiveUsersParams = DEFAULT_ACTIVE_USERS): DataFrame {
  const exact = activeUsers(interactions, range, params).select(F.col("date"), F.col("dau").alias("exact_dau"));
  const approximate = approximateActiveUsers(interactions, range, { ...params, mode: "approximate" }).select(
    F.col("date"),
    F.col("dau").alias("approximate_dau"),
  );
  return exact
    .join(approximate, ["date"], "left")
    .withColumn("relative_error", F.when(F.col("exact_dau").gt(0), F.abs(F.col("approximate_dau").minus(F.col("exact_dau"))).divide(F.col("exact_dau"))))
    .orderBy("date");
}
