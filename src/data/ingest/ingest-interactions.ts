import { functions as F, type DataFrame, type SparkSession } from "../../connect";
import { INTERACTION_COLUMNS, TIMESTAMP_FORMAT } from "../schemas";
import { countWrittenBatch, type IngestCounts } from "./ingest-counts";
import { interactionRules, RAW_INTERACTIONS_DDL, type InteractionRuleOptions } from "./interaction-rules";
import { REJECT_REASON, splitByRules, splitDuplicates } from "./validate";

export interface IngestInteractionsOptions extends InteractionRuleOptions {
  /** CSV files or folders in the brief's layout (header, `yyyy-MM-dd HH:mm:ss`). */
  readonly input: string;
  /** Valid interactions: Parquet, one folder per event date. */
  readonly validPath: string;
  /** Rejected rows with their reason: Parquet, one folder per ingestion batch. */
  readonly quarantinePath: string;
  /**
   * Names this batch of input in quarantine (`batch=<name>/`), so re-ingesting a batch replaces
   * its rejects and other batches' stay. Default: the input path.
   */
  readonly batch?: string;
}

/**
 * Reads raw interactions as text, validates them, and writes the valid rows as typed Parquet
 * partitioned by event date and the rejected rows to quarantine with the first rule they break.
 *
 * Partitioning by event date: every analysis filters or groups by time, so date folders let
 * Spark skip what a query does not need, and a new day's data replaces exactly one folder
 * (dynamic partition overwrite), which makes re-ingesting a day idempotent. At 1 TB a day is
 * ~3 GB, still a handful of well-sized files per folder.
 *
 * The input is read once per output and once more to count it, rather than cached: at terabyte
 * scale a cache of the raw text would spill to disk, which costs more than sequential re-reads.
 */
export async function ingestInteractions(spark: SparkSession, options: IngestInteractionsOptions): Promise<IngestCounts> {
  // Only the date folders present in this batch of input are replaced; others stay as they are.
  await spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic");
  const batch = options.batch ?? options.input;
  const raw = readRawInteractions(spark, options.input).withColumn("source_file", F.callFunction("input_file_name"));
  const byRule = splitByRules(raw, interactionRules(options));
  const typed = byRule.valid.select(
    F.col("user_id"),
    F.toTimestamp(F.col("timestamp"), TIMESTAMP_FORMAT).alias("timestamp"),
    F.col("action_type"),
    F.col("page_id"),
    F.col("duration_ms").cast("bigint").alias("duration_ms"),
    F.col("app_version"),
    F.col("source_file"),
  );
  const byDuplicate = splitDuplicates(typed, INTERACTION_COLUMNS, [F.col("source_file")]);

  await byDuplicate.valid
    .drop("source_file")
    // Lineage: which ingestion batch wrote the row; also how this run counts what it wrote.
    .withColumn("ingest_batch", F.lit(batch))
    .withColumn("event_date", F.toDate(F.col("timestamp")))
    .write.mode("overwrite")
    .partitionBy("event_date")
    .parquet(options.validPath);

  const quarantined = byRule.quarantined
    .select(...INTERACTION_COLUMNS.map((c) => F.col(c)), F.col("_corrupt_record"), F.col("source_file"), F.col(REJECT_REASON))
    .unionByName(byDuplicate.quarantined.select(...stringified(INTERACTION_COLUMNS), F.lit(null).cast("string").alias("_corrupt_record"), F.col("source_file"), F.col(REJECT_REASON)));
  await quarantined
    .withColumn("batch", F.lit(batch))
    .write.mode("overwrite")
    .partitionBy("batch")
    .parquet(options.quarantinePath);

  // Conservation is checked against an independent count of the input and the rows this batch wrote.
  return countWrittenBatch(spark, { raw: readRawInteractions(spark, options.input), validPath: options.validPath, quarantinePath: options.quarantinePath, batch });
}

/** Raw interactions, every field as text, malformed lines kept whole in `_corrupt_record`. */
export function readRawInteractions(spark: SparkSession, input: string): DataFrame {
  return spark.read
    .schema(RAW_INTERACTIONS_DDL)
    .options({ header: true, mode: "PERMISSIVE", columnNameOfCorruptRecord: "_corrupt_record", enforceSchema: false })
    .csv(input);
}

/** Typed columns back to the text they were read as, so quarantine has one schema. */
function stringified(columns: readonly string[]) {
  return columns.map((c) => (c === "timestamp" ? F.dateFormat(F.col(c), TIMESTAMP_FORMAT) : F.col(c).cast("string")).alias(c));
}
