import { functions as F, StorageLevel, type DataFrame, type Row } from "../../../connect";
import type { DayRange } from "../common/event-date-bounds";
import type { PowerUsersParams } from "../definitions";
import { interactionTimeOutliers } from "./interaction-time-outliers";
import { userInteractionTotals } from "./power-users";

export interface PowerUserDetails {
  readonly activeUsers: number;
  readonly topCount: number;
  readonly events: number;
  readonly cappedEvents: number;
  /** The top users' share of all (capped) interaction time. */
  readonly topShareOfTime: number;
  readonly outliers: readonly Row[];
  readonly outlierCount: number;
  readonly median: number | null;
  readonly mad: number | null;
}

const OUTLIERS_SHOWN = 20;

/**
 * What the power-user ranking does not say: how many users and events, the cap's effect, the top
 * users' share of the time, the outliers. `top` is the ranking (power_users); the rest is one
 * aggregation over the users' totals (persisted, as the outlier search reads them three more times).
 */
export async function powerUserDetails(
  interactions: DataFrame,
  range: DayRange,
  params: Pick<PowerUsersParams, "capMs" | "outlierZ">,
  top: readonly { readonly total_ms: number }[],
): Promise<PowerUserDetails> {
  const totals = userInteractionTotals(interactions, range, params.capMs);
  await totals.persist(StorageLevel.MEMORY_AND_DISK);
  try {
    const [all] = await totals
      .agg(F.count("*").alias("users"), F.sum("events").alias("events"), F.sum("capped_events").alias("capped_events"), F.sum("total_ms").alias("total_ms"))
      .collect();
    const found = await interactionTimeOutliers(totals, params.outlierZ);
    const outlierCount = await found.outliers.count();
    const outliers = await found.outliers
      .orderBy(F.col("modified_z").desc())
      .limit(OUTLIERS_SHOWN)
      .select(F.col("user_id"), F.col("total_ms"), F.col("events"), F.round(F.col("modified_z"), 2).alias("modified_z"))
      .collect();
    const topMs = top.reduce((sum, row) => sum + row.total_ms, 0);
    return {
      activeUsers: Number(all?.users ?? 0),
      topCount: top.length,
      events: Number(all?.events ?? 0),
      cappedEvents: Number(all?.capped_events ?? 0),
      topShareOfTime: topMs / Math.max(1, Number(all?.total_ms ?? 0)),
      outliers,
      outlierCount,
      median: found.median,
      mad: found.mad,
    };
  } finally {
    await totals.unpersist(true);
  }
}
