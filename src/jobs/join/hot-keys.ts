import { type DataFrame, functions as F } from "../../connect";
import { DEFAULT_HOT_KEY_CRITERIA, hotKeyThreshold, hotKeySampleFraction, type HotKeyCriteria } from "./hot-key-threshold";

export interface HotKeys {
  /** Hot user_ids, hottest first (at most maxKeys of them). */
  readonly keys: readonly string[];
  /** Exact rows of the hottest key (0 when there is none). */
  readonly hottestRows: number;
  readonly threshold: number;
  readonly totalRows: number;
  /** Distinct user_ids, a HyperLogLog estimate (it only sets the threshold). */
  readonly distinctKeys: number;
  /** The share of rows sampled to find candidates (1: every row was counted). */
  readonly sampleFraction: number;
}

export interface HotKeyOptions extends HotKeyCriteria {
  /** A guard for the driver: the keys are collected, and salting inlines them in the plan. */
  readonly maxKeys: number;
  /** Seed of the candidate sample: the same data gives the same candidates. */
  readonly sampleSeed: number;
}

export const DEFAULT_HOT_KEY_OPTIONS: HotKeyOptions = { ...DEFAULT_HOT_KEY_CRITERIA, maxKeys: 1_000, sampleSeed: 17 };

/**
 * A key whose sampled count is above this share of its expected sampled count at the threshold
 * is a candidate. Half: with ≥ 400 expected sampled rows at the threshold, a key truly at the
 * threshold falls below half of it with odds far under 1e-9, so no hot key is missed.
 */
const CANDIDATE_SHARE = 0.5;

/**
 * The user_ids with far more interactions than average, found from approximate counts and then
 * confirmed exactly.
 *
 * Why not an exact count per key: at terabyte scale every map task holds most of the user_ids,
 * so even the partially aggregated counts shuffle about tasks × users rows (8k tasks × 1M users ≈
 * 8 billion). Instead, three cheap passes:
 * 1. total rows and distinct user_ids (HyperLogLog): the threshold; a footer-and-sketch job;
 * 2. a seeded Bernoulli sample sized so that a key at the threshold expects hundreds of sampled
 *    rows (hotKeySampleFraction): keys above half that are candidates; the sample's shuffle is
 *    the sample's size, not the data's;
 * 3. the candidates' exact counts, from a scan filtered to them (an IN-set of at most a few
 *    thousand keys): the shuffle carries one row per (task, candidate).
 * The result is exact (every reported count is a real count, every reported key is over the
 * threshold) and deterministic (fixed sample seed); the sample only decides which keys are worth
 * counting. Null user_ids are left out: they never match metadata, so they cannot skew the join.
 */
export async function findHotKeys(interactions: DataFrame, options: HotKeyOptions = DEFAULT_HOT_KEY_OPTIONS): Promise<HotKeys> {
  const keyed = interactions.where(F.col("user_id").isNotNull()).select("user_id");
  const [totals] = await keyed.agg(F.count("*").alias("total_rows"), F.approxCountDistinct("user_id").alias("distinct_keys")).collect();
  const totalRows = Number(totals?.total_rows ?? 0);
  const distinctKeys = Number(totals?.distinct_keys ?? 0);
  const threshold = hotKeyThreshold(totalRows, distinctKeys, options);
  const sampleFraction = hotKeySampleFraction(threshold, options);
  const none = { keys: [], hottestRows: 0, threshold, totalRows, distinctKeys, sampleFraction };
  if (totalRows === 0) return none;

  const countsOf = (df: DataFrame): DataFrame => df.groupBy("user_id").agg(F.count("*").alias("rows"));
  // With the whole data "sampled", the candidates' counts are already exact: skip pass 3.
  const exact = sampleFraction >= 1;
  const candidates = await countsOf(exact ? keyed : keyed.sample(sampleFraction, options.sampleSeed))
    .where(F.col("rows").gt(exact ? threshold : threshold * sampleFraction * CANDIDATE_SHARE))
    .orderBy(F.desc("rows"), F.col("user_id"))
    // Candidates beyond twice the cap cannot all be reported; the hottest are the ones that matter.
    .limit(exact ? options.maxKeys : 2 * options.maxKeys)
    .collect();
  if (candidates.length === 0) return none;

  const hot = exact
    ? candidates
    : await countsOf(keyed.where(F.col("user_id").isin(...candidates.map((row) => String(row.user_id)))))
        .where(F.col("rows").gt(threshold))
        .orderBy(F.desc("rows"), F.col("user_id"))
        .limit(options.maxKeys)
        .collect();
  return { ...none, keys: hot.map((row) => String(row.user_id)), hottestRows: Number(hot[0]?.rows ?? 0) };
}
