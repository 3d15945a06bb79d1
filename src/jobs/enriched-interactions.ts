import { type DataFrame, type SparkSession, StorageLevel } from "../connect";
import { ENRICHED, INTERACTIONS, METADATA } from "../domain/data/schemas";
import { DEFAULT_SKEW_AWARE_JOIN, skewAwareJoin, type SkewAwareJoin, type SkewAwareJoinOptions } from "./join/skew-aware-join";
import { withPersisted } from "./with-persisted";

export interface EnrichedInteractions {
  /** One row per interaction, ENRICHED.columns; `unknown` categories for users without metadata. */
  readonly enriched: DataFrame;
  /** How the join was done and why, for the report. */
  readonly join: SkewAwareJoin;
}

/**
 * Valid interactions (as ingested: with their `event_date`) LEFT JOIN the deduplicated metadata,
 * by the strategy skewAwareJoin picks from measured sizes and hot keys. Both sides are narrowed
 * to their own columns first: the ingested Parquet of both carries `ingest_batch`, which would
 * otherwise appear twice, and a narrower join shuffles (or broadcasts) fewer bytes.
 */
export async function enrichInteractions(
  spark: SparkSession,
  interactions: DataFrame,
  metadata: DataFrame,
  options: SkewAwareJoinOptions = DEFAULT_SKEW_AWARE_JOIN,
): Promise<EnrichedInteractions> {
  const join = await skewAwareJoin(spark, interactions.select(...INTERACTIONS.columns, "event_date"), metadata.select(...METADATA.columns), options);
  return { enriched: join.joined.select(...ENRICHED.columns), join };
}

/**
 * MEMORY_AND_DISK: partitions that fit in storage memory stay there, the rest go to the
 * executors' local disks once, and no read ever recomputes the join.
 *
 * At 1 TB the enriched set (in Spark's in-memory columnar format, compressed per column but less
 * tightly than Parquet) is larger than the cluster's memory, so most of it lands on local disk
 * whichever level is chosen. The alternatives:
 * - MEMORY_ONLY drops what does not fit, and every reader recomputes those partitions: the
 *   scan and the join again, a full shuffle of the interactions for a sort-merge join.
 * - DISK_ONLY reads every partition from disk but leaves storage memory to the analyses' own
 *   aggregations and sorts. MEMORY_AND_DISK costs them little: execution memory evicts cached
 *   blocks to disk when it needs the room, down to spark.memory.storageFraction. Choose DISK_ONLY
 *   when the analyses spill.
 * - A Parquet checkpoint (write, then read back) survives lost executors and the session, so it
 *   suits analyses scheduled as separate jobs or preemptible executors; it costs a write to the
 *   distributed filesystem (replicated, or an object-store commit) and its cleanup. The analyses
 *   here run in one session, one after the other.
 * Serialized or not hardly matters for a DataFrame: its cache holds columnar batches either way.
 * One replica: a lost executor's partitions are recomputed from lineage (its share of the join),
 * cheaper than writing every block twice.
 */
export const ENRICHED_STORAGE_LEVEL = StorageLevel.MEMORY_AND_DISK;

/** The job tag of the step that fills the cache. */
export const MATERIALIZE_ENRICHED_TAG = "materialize-enriched-interactions";

/**
 * Runs `analyses` with the enriched interactions cached, then drops the cache.
 *
 * What: the joined, narrowed interactions (ENRICHED.columns), the one dataset every engagement,
 * performance and session analysis starts from. When: after the join, before the first analysis,
 * materialised by a job of its own (MATERIALIZE_ENRICHED_TAG); dropped as soon as the analyses
 * are done, or fail. Level: ENRICHED_STORAGE_LEVEL, reasoned above. Why: without it each analysis
 * re-reads the interactions and redoes the join; with it, the join runs once and each reader
 * scans only the columns it uses (the cache is columnar). It pays from two readers on: with one,
 * building the cache costs about what it saves. The analyses derive their queries from the
 * DataFrame they are given: Spark answers any plan that contains the cached one from the cache.
 */
export function withCachedEnrichedInteractions<T>(enriched: DataFrame, analyses: (cached: DataFrame) => Promise<T>): Promise<T> {
  return withPersisted(enriched, { level: ENRICHED_STORAGE_LEVEL, materializeTag: MATERIALIZE_ENRICHED_TAG }, analyses);
}
