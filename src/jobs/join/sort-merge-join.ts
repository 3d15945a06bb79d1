import type { DataFrame, SparkSession } from "../../connect";
import { dedupeMetadata } from "./dedupe-metadata";
import { leftJoinMetadata } from "./left-join";

export interface AqeSkewJoinSettings {
  /** A shuffle partition is skewed when larger than this factor × the median partition size… */
  readonly skewedPartitionFactor: number;
  /** …and larger than this many bytes. */
  readonly skewedPartitionThresholdBytes: number;
  /** The size AQE aims for when it splits skewed partitions and coalesces small ones. */
  readonly advisoryPartitionBytes: number;
}

/** Spark's defaults, which suit terabyte inputs; tests lower the byte sizes to see skew on kilobytes. */
export const DEFAULT_AQE_SKEW_JOIN: AqeSkewJoinSettings = {
  skewedPartitionFactor: 5,
  skewedPartitionThresholdBytes: 256 * 2 ** 20,
  advisoryPartitionBytes: 64 * 2 ** 20,
};

/**
 * Turns on adaptive query execution with skew-join handling for this session (session-wide: it
 * changes every later query of the session, which is what we want for skewed product data).
 *
 * AQE re-plans at each shuffle boundary from the real map-output sizes: a partition above both
 * skew thresholds is split into advisory-sized pieces, each joined with a copy of the matching
 * (small) metadata partition. For a LEFT OUTER join only the left side can be split, and that is
 * the side that carries the hot user_ids. Coalescing merges the many tiny partitions that a
 * generous spark.sql.shuffle.partitions leaves, so parallelism follows the data size.
 */
export async function enableAqeSkewJoin(spark: SparkSession, settings: AqeSkewJoinSettings = DEFAULT_AQE_SKEW_JOIN): Promise<void> {
  await spark.conf.set("spark.sql.adaptive.enabled", true);
  await spark.conf.set("spark.sql.adaptive.skewJoin.enabled", true);
  await spark.conf.set("spark.sql.adaptive.coalescePartitions.enabled", true);
  await spark.conf.set("spark.sql.adaptive.skewJoin.skewedPartitionFactor", settings.skewedPartitionFactor);
  await spark.conf.set("spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", settings.skewedPartitionThresholdBytes);
  await spark.conf.set("spark.sql.adaptive.advisoryPartitionSizeInBytes", settings.advisoryPartitionBytes);
}

/**
 * Sort-merge join, pinned with the `merge` hint so that neither the planner nor AQE turns it into
 * a broadcast. Both sides are shuffled by user_id and sorted; the merge then streams, so memory
 * stays bounded however large either side is (a shuffle-hash join would hold a whole partition
 * of the build side in memory). Skew is left to AQE (enableAqeSkewJoin): without it, all rows of
 * a hot user_id land in one task, which then runs far longer than the others and may spill.
 * Costs: a full shuffle and sort of the interactions, the most expensive step of the join.
 */
export function sortMergeJoin(interactions: DataFrame, metadata: DataFrame): DataFrame {
  return leftJoinMetadata(interactions, dedupeMetadata(metadata).hint("merge"));
}
