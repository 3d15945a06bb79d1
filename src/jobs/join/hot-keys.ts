import { type DataFrame, functions as F } from "../../connect";
import { DEFAULT_HOT_KEY_CRITERIA, hotKeyThreshold, type HotKeyCriteria } from "./hot-key-threshold";

export interface HotKeys {
  /** Hot user_ids, hottest first (at most maxKeys of them). */
  readonly keys: readonly string[];
  /** Rows of the hottest key (0 when there is none). */
  readonly hottestRows: number;
  readonly threshold: number;
  readonly totalRows: number;
  readonly distinctKeys: number;
}

export interface HotKeyOptions extends HotKeyCriteria {
  /** A guard for the driver: the keys are collected, and salting inlines them in the plan. */
  readonly maxKeys: number;
}

export const DEFAULT_HOT_KEY_OPTIONS: HotKeyOptions = { ...DEFAULT_HOT_KEY_CRITERIA, maxKeys: 1_000 };

/**
 * The user_ids with far more interactions than average, from an exact count per key.
 *
 * Why exact counts rather than a sample: the aggregation is partial per map task first, so the
 * shuffle carries one row per (task, user_id), a small fraction of the interactions, and it is one
 * scan of data the join reads anyway. A sample is cheaper to scan but its per-key counts are noisy
 * near the threshold (a key found hot in one run and not in the next changes the salting plan),
 * and it needs the sample fraction tuned to the key count. approxCountDistinct answers a different
 * question (how many distinct keys), not how frequent each key is. Null user_ids are left out:
 * they never match metadata, so they cannot skew the join's matching.
 */
export async function findHotKeys(interactions: DataFrame, options: HotKeyOptions = DEFAULT_HOT_KEY_OPTIONS): Promise<HotKeys> {
  const perKey = interactions.where(F.col("user_id").isNotNull()).groupBy("user_id").agg(F.count("*").alias("rows"));
  const [totals] = await perKey.agg(F.coalesce(F.sum("rows"), F.lit(0)).alias("total_rows"), F.count("*").alias("distinct_keys")).collect();
  const totalRows = Number(totals?.total_rows ?? 0);
  const distinctKeys = Number(totals?.distinct_keys ?? 0);
  const threshold = hotKeyThreshold(totalRows, distinctKeys, options);
  const hot = await perKey
    .where(F.col("rows").gt(threshold))
    .orderBy(F.desc("rows"), F.col("user_id"))
    .limit(options.maxKeys)
    .collect();
  return {
    keys: hot.map((row) => String(row.user_id)),
    hottestRows: Number(hot[0]?.rows ?? 0),
    threshold,
    totalRows,
    distinctKeys,
  };
}
