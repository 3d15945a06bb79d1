import type { SparkSession } from "../../../connect";

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
