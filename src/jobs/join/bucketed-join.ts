import { type DataFrame, functions as F, type SparkSession } from "../../connect";
import { dedupeMetadata } from "../../domain/data/quality/dedupe-metadata";
import { leftJoinMetadata } from "./left-join";

export interface BucketedLayout {
  readonly interactionsTable: string;
  readonly metadataTable: string;
  /** The same count on both sides: only then do bucket i of one table and bucket i of the other hold the same user_ids. */
  readonly buckets: number;
}

/**
 * Writes both sides as tables bucketed and sorted by user_id, the metadata deduplicated once here
 * rather than at every join. This pays the shuffle once, at write time; each later join of the
 * two tables reads bucket i of both and merges them with no exchange. Worth it when the same
 * data is joined repeatedly (daily reports, several analyses); for a single join it only adds a
 * write. Skew is not removed: a hot user_id makes one bucket large, so the task reading it is the
 * slowest (the sort-merge streams, so it is slow rather than out of memory).
 */
export async function writeBucketedTables(interactions: DataFrame, metadata: DataFrame, layout: BucketedLayout): Promise<void> {
  await writeBucketed(interactions, layout.interactionsTable, layout.buckets);
  await writeBucketed(dedupeMetadata(metadata), layout.metadataTable, layout.buckets);
}

/**
 * Repartitioning by the same hash and count as the buckets first gives each bucket one file;
 * without it every write task would write a file per bucket (tasks × buckets small files).
 */
async function writeBucketed(df: DataFrame, table: string, buckets: number): Promise<void> {
  await df.repartition(buckets, F.col("user_id")).write.mode("overwrite").bucketBy(buckets, "user_id").sortBy("user_id").saveAsTable(table);
}

/**
 * The join of the bucketed tables. The `merge` hint keeps it a sort-merge join: a small metadata
 * table would otherwise be broadcast, and the bucketing only pays off in a shuffle join, where
 * both sides' scans already report hash partitioning by user_id, so no Exchange is planned.
 */
export function bucketedJoin(spark: SparkSession, layout: BucketedLayout): DataFrame {
  return leftJoinMetadata(spark.table(layout.interactionsTable), spark.table(layout.metadataTable).hint("merge"));
}
