import { functions as F, type DataFrame, type SparkSession } from "../../connect";
import { METADATA_COLUMNS } from "../schemas";
import { countWrittenBatch, type IngestCounts } from "./ingest-counts";
import { metadataRules, parsedJoinDate, RAW_METADATA_DDL, type MetadataRuleOptions } from "./metadata-rules";
import { REJECT_REASON, splitByRules, splitDuplicates } from "./validate";

export interface IngestMetadataOptions extends MetadataRuleOptions {
  /** CSV files or folders in the brief's layout (header, `yyyy-MM-dd` dates). */
  readonly input: string;
  /** Valid metadata: Parquet, one folder per country. */
  readonly validPath: string;
  /** Rejected rows with their reason: Parquet, one folder per ingestion batch. */
  readonly quarantinePath: string;
  /** Names this batch of input in quarantine (`batch=<name>/`). Default: the input path. */
  readonly batch?: string;
}

/**
 * Reads raw user metadata as text, validates it, and writes the valid rows as typed Parquet
 * partitioned by country and the rejected rows to quarantine with the first rule they break.
 * Exact duplicate rows are quarantined as `duplicate_event`; different rows for one user_id are
 * kept, since the join resolves them (dedupeMetadata) and the quality summary counts them.
 *
 * Partitioning by country: analyses join metadata by user_id but filter and group it by
 * country, and the ten countries give ~10 folders of about equal size (one file each here,
 * since metadata is small). A metadata batch is a snapshot: dynamic partition overwrite replaces
 * the countries it contains, so re-ingesting it is idempotent.
 * At 1 TB of interactions metadata is ~100 GB: country folders would then hold ~10 GB each and
 * the join by user_id would shuffle all of it every time; bucketing by user_id (a table written
 * with bucketBy) would let the join skip that shuffle, with country left to a column filter.
 */
export async function ingestMetadata(spark: SparkSession, options: IngestMetadataOptions): Promise<IngestCounts> {
  await spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic");
  const batch = options.batch ?? options.input;
  const raw = readRawMetadata(spark, options.input).withColumn("source_file", F.callFunction("input_file_name"));
  const byRule = splitByRules(raw, metadataRules(options));
  const typed = byRule.valid.select(
    F.col("user_id"),
    parsedJoinDate().alias("join_date"),
    F.col("country"),
    F.col("device_type"),
    F.col("subscription_type"),
    F.col("source_file"),
  );
  const byDuplicate = splitDuplicates(typed, METADATA_COLUMNS, [F.col("source_file")]);

  await byDuplicate.valid
    .drop("source_file")
    // Lineage: which ingestion batch wrote the row; also how this run counts what it wrote.
    .withColumn("ingest_batch", F.lit(batch))
    // One task per country, so each folder gets one file rather than one per input partition.
    .repartition(undefined, F.col("country"))
    .write.mode("overwrite")
    .partitionBy("country")
    .parquet(options.validPath);

  const quarantined = byRule.quarantined
    .select(...METADATA_COLUMNS.map((c) => F.col(c)), F.col("_corrupt_record"), F.col("source_file"), F.col(REJECT_REASON))
    .unionByName(
      byDuplicate.quarantined.select(
        ...METADATA_COLUMNS.map((c) => F.col(c).cast("string").alias(c)),
        F.lit(null).cast("string").alias("_corrupt_record"),
        F.col("source_file"),
        F.col(REJECT_REASON),
      ),
    );
  await quarantined.withColumn("batch", F.lit(batch)).write.mode("overwrite").partitionBy("batch").parquet(options.quarantinePath);

  return countWrittenBatch(spark, { raw: readRawMetadata(spark, options.input), validPath: options.validPath, quarantinePath: options.quarantinePath, batch });
}

/** Raw metadata, every field as text, malformed lines kept whole in `_corrupt_record`. */
export function readRawMetadata(spark: SparkSession, input: string): DataFrame {
  return spark.read
    .schema(RAW_METADATA_DDL)
    .options({ header: true, mode: "PERMISSIVE", columnNameOfCorruptRecord: "_corrupt_record", enforceSchema: false })
    .csv(input);
}
