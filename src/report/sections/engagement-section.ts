import { functions as F, type DataFrame } from "../../connect";
import { trailingRange } from "../../domain/analyses/common/event-date-bounds";
import { DEFAULT_ACTIVE_USERS, DEFAULT_POWER_USERS } from "../../domain/analyses/definitions";
import { approximateActiveUsers } from "../../domain/analyses/engagement/approximate-active-users";
import { interactionTimeOutliers } from "../../domain/analyses/engagement/interaction-time-outliers";
import { userInteractionTotals } from "../../domain/analyses/engagement/power-users";
import { retentionBreakdown } from "../../domain/analyses/engagement/retention";
import type { AnalysisContext } from "../../jobs/analyze/metric-analyses";
import { StorageLevel } from "../../connect";
import type { MetricRow } from "../session/metric-files";

/** dau.csv in long form, one row per (date, measure), for a line per measure. */
export function activeUsersSeries(dau: readonly MetricRow[]): { date: string; measure: string; users: number }[] {
  return dau.flatMap((row) =>
    (["dau", "wau", "mau"] as const).map((measure) => ({ date: String(row.date), measure: measure.toUpperCase(), users: Number(row[measure]) })),
  );
}

/** Mean, minimum and maximum of the DAU/MAU ratio over the days that have one. */
export function stickiness(dau: readonly MetricRow[]): { days: number; mean: number; min: number; max: number } {
  const ratios = dau.map((row) => row.dau_mau_ratio).filter((value): value is number => typeof value === "number");
  if (ratios.length === 0) return { days: 0, mean: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { days: ratios.length, mean: ratios.reduce((a, b) => a + b, 0) / ratios.length, min: Math.min(...ratios), max: Math.max(...ratios) };
}

export interface ApproximationError {
  readonly days: number;
  readonly meanRelativeError: number;
  readonly maxRelativeError: number;
  /** HyperLogLog++'s standard error for the sketch size used, 1.04 / √(2^lgConfigK). */
  readonly expectedStandardError: number;
}

/**
 * The approximate (HyperLogLog) mode's DAU against the exact DAU of dau.csv, day by day: what
 * switching to sketches would cost in accuracy on this data.
 */
export async function approximationError(context: AnalysisContext, exact: readonly MetricRow[]): Promise<ApproximationError> {
  const range = trailingRange(context.bounds, DEFAULT_ACTIVE_USERS.days, context.asOf);
  const approximate = await approximateActiveUsers(context.enriched, range, { ...DEFAULT_ACTIVE_USERS, mode: "approximate" }).select("date", "dau").collect();
  const exactByDate = new Map(exact.map((row) => [String(row.date), Number(row.dau)]));
  const errors = approximate.flatMap((row) => {
    const date = row.date instanceof Date ? row.date.toISOString().slice(0, 10) : String(row.date);
    const truth = exactByDate.get(date);
    return truth === undefined || truth === 0 ? [] : [Math.abs(Number(row.dau) - truth) / truth];
  });
  return {
    days: errors.length,
    meanRelativeError: errors.reduce((a, b) => a + b, 0) / Math.max(1, errors.length),
    maxRelativeError: Math.max(0, ...errors),
    expectedStandardError: 1.04 / Math.sqrt(2 ** DEFAULT_ACTIVE_USERS.lgConfigK),
  };
}

export interface PowerUserDetails {
  readonly activeUsers: number;
  readonly topCount: number;
  readonly events: number;
  readonly cappedEvents: number;
  /** The top users' share of all (capped) interaction time. */
  readonly topShareOfTime: number;
  readonly outliers: readonly Record<string, unknown>[];
  readonly outlierCount: number;
  readonly median: number | null;
  readonly mad: number | null;
}

const OUTLIERS_SHOWN = 20;

/**
 * What the power_users table does not say: how many users and events, the cap's effect, the top
 * users' share of the time, the outliers. `top` is power_users.csv as the analysis wrote it; the
 * rest is one aggregation over the users' totals (persisted, as the outlier search reads them
 * three more times).
 */
export async function powerUserDetails(context: AnalysisContext, top: readonly MetricRow[]): Promise<PowerUserDetails> {
  const range = trailingRange(context.bounds, DEFAULT_POWER_USERS.days, context.asOf);
  const totals = userInteractionTotals(context.enriched, range, DEFAULT_POWER_USERS.capMs);
  await totals.persist(StorageLevel.MEMORY_AND_DISK);
  try {
    const [all] = await totals
      .agg(F.count("*").alias("users"), F.sum("events").alias("events"), F.sum("capped_events").alias("capped_events"), F.sum("total_ms").alias("total_ms"))
      .collect();
    const found = await interactionTimeOutliers(totals, DEFAULT_POWER_USERS.outlierZ);
    const outlierCount = await found.outliers.count();
    const outliers = await found.outliers.orderBy(F.col("modified_z").desc()).limit(OUTLIERS_SHOWN).select(F.col("user_id"), F.col("total_ms"), F.col("events"), F.round(F.col("modified_z"), 2).alias("modified_z")).collect();
    const topMs = top.reduce((sum, row) => sum + Number(row.total_ms), 0);
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

/** retention.csv's weighted average curve: per week_offset, Σ retained / Σ cohort_size over elapsed cells. */
export function retentionCurveRows(cells: readonly MetricRow[]): { week_offset: number; cohorts: number; users: number; rate: number }[] {
  const byOffset = new Map<number, { cohorts: number; users: number; retained: number }>();
  for (const cell of cells) {
    if (cell.retained === null || Number(cell.cohort_size) === 0) continue;
    const offset = Number(cell.week_offset);
    const sum = byOffset.get(offset) ?? { cohorts: 0, users: 0, retained: 0 };
    byOffset.set(offset, { cohorts: sum.cohorts + 1, users: sum.users + Number(cell.cohort_size), retained: sum.retained + Number(cell.retained) });
  }
  return [...byOffset.entries()].sort(([a], [b]) => a - b).map(([offset, sum]) => ({ week_offset: offset, cohorts: sum.cohorts, users: sum.users, rate: sum.retained / sum.users }));
}

/** The average retention curve per value of device_type, country and subscription_type (small: collected). */
export function retentionByDimension(enriched: DataFrame, asOf: string): Promise<Record<string, unknown>[]> {
  return retentionBreakdown(enriched, asOf).collect();
}
