import type { DataFrame, SparkSession } from "../../connect";
import { broadcastJoin } from "./broadcast-join";
import { type BucketedLayout, bucketedJoin, writeBucketedTables } from "./bucketed-join";
import { chooseJoinStrategy, DEFAULT_JOIN_POLICY, type JoinChoice, type JoinPolicy, type JoinStrategy } from "./choose-join-strategy";
import { dedupeMetadata } from "../../domain/data/quality/dedupe-metadata";
import { DEFAULT_HOT_KEY_OPTIONS, findHotKeys, type HotKeyOptions, type HotKeys } from "./hot-keys";
import { estimatePlanSizeInBytes } from "../../domain/data/tuning/plan-size";
import { saltedJoin } from "./salted-join";
import { enableAqeSkewJoin } from "../../domain/data/tuning/aqe-skew-join";
import { sortMergeJoin } from "./sort-merge-join";

export interface SkewAwareJoinOptions {
  readonly policy: JoinPolicy;
  readonly hotKeys: HotKeyOptions;
  readonly expectedJoins: number;
  readonly aqeSkewJoinAvailable: boolean;
  readonly saltBuckets: number;
  /** Where the bucketed strategy writes its tables. */
  readonly bucketedLayout: BucketedLayout;
  /**
   * A strategy imposed by the caller (benchmarks, a comparison of plans, an operator who knows
   * better); the inputs are still measured, and the reason says what the chooser would have picked.
   */
  readonly strategy?: JoinStrategy;
}

export const DEFAULT_SKEW_AWARE_JOIN: SkewAwareJoinOptions = {
  policy: DEFAULT_JOIN_POLICY,
  hotKeys: DEFAULT_HOT_KEY_OPTIONS,
  expectedJoins: 1,
  aqeSkewJoinAvailable: true,
  saltBuckets: 16,
  bucketedLayout: { interactionsTable: "interactions_bucketed", metadataTable: "metadata_bucketed", buckets: 64 },
};

export interface SkewAwareJoin {
  readonly joined: DataFrame;
  readonly choice: JoinChoice;
  readonly metadataBytes: number;
  /** Null when not searched: the metadata is broadcast, and a broadcast join cannot be skewed. */
  readonly hotKeys: HotKeys | null;
}

/**
 * Measures the inputs, picks a strategy with chooseJoinStrategy and returns its join.
 *
 * The metadata's size is measured first because it is free (the optimizer's estimate, no job)
 * and decides the common case: when the metadata will be broadcast, the interactions are never
 * shuffled, so no key can be hot in the join, and the hot-key search (three passes over the
 * interactions) is skipped. It runs only when a shuffle join is possible.
 */
export async function skewAwareJoin(
  spark: SparkSession,
  interactions: DataFrame,
  metadata: DataFrame,
  options: SkewAwareJoinOptions = DEFAULT_SKEW_AWARE_JOIN,
): Promise<SkewAwareJoin> {
  const metadataBytes = await estimatePlanSizeInBytes(dedupeMetadata(metadata));
  const broadcastable = metadataBytes <= options.policy.broadcastThresholdBytes;
  const hotKeys = broadcastable && options.strategy !== "salted" ? null : await findHotKeys(interactions, options.hotKeys);
  const chosen = chooseJoinStrategy(
    { metadataBytes, hotKeys: hotKeys?.keys.length ?? 0, expectedJoins: options.expectedJoins, aqeSkewJoinAvailable: options.aqeSkewJoinAvailable },
    options.policy,
  );
  const choice =
    options.strategy === undefined || options.strategy === chosen.strategy
      ? chosen
      : { strategy: options.strategy, reason: `imposed by the caller; the measurements alone would choose ${chosen.strategy}: ${chosen.reason}` };
  return { joined: await joinWith(choice, spark, interactions, metadata, hotKeys, options), choice, metadataBytes, hotKeys };
}

async function joinWith(
  choice: JoinChoice,
  spark: SparkSession,
  interactions: DataFrame,
  metadata: DataFrame,
  hotKeys: HotKeys | null,
  options: SkewAwareJoinOptions,
): Promise<DataFrame> {
  switch (choice.strategy) {
    case "broadcast":
      return broadcastJoin(interactions, metadata);
    case "bucketed":
      await writeBucketedTables(interactions, metadata, options.bucketedLayout);
      return bucketedJoin(spark, options.bucketedLayout);
    case "sort-merge-aqe":
      await enableAqeSkewJoin(spark);
      return sortMergeJoin(interactions, metadata);
    case "salted":
      // Searched whenever salting is possible (see above); an empty list salts nothing.
      return saltedJoin(interactions, metadata, hotKeys?.keys ?? [], options.saltBuckets);
  }
}
