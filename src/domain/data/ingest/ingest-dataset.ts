import { functions as F, type Column, type DataFrame, type SparkSession } from "../../../connect";
import { applyParallelismFromInput } from "../tuning/apply-parallelism";
import { measureFolderRows, planFileLayout, sizedForWrite } from "./file-layout";
import { countWrittenBatch, type IngestCounts } from "./ingest-counts";
import { detectInputFormat, readRawInput, type InputFormat, type RawSchemas } from "./raw-input";
import type { Rule } from "./rule";
import { REJECT_REASON, splitByRules, splitDuplicates } from "./validate";

/** Where one ingestion batch reads from and writes to. */
export interface IngestPaths {
  /** CSV files or folders in the brief's layout, or Parquet files or folders. */
  readonly input: string;
  /** The input's format; default: detected from the path (see detectInputFormat). */
  readonly format?: InputFormat;
  /** Valid rows: typed Parquet, partitioned as the dataset says. */
  readonly validPath: string;
  /** Rejected rows with their reason: Parquet, one folder per ingestion batch. */
  readonly quarantinePath: string;
  /**
   * Names this batch (`batch=<name>/` in quarantine, `ingest_batch` in the valid rows), so that
   * re-ingesting a batch replaces its own rows and other batches' stay. Default: the input path.
   */
  readonly batch?: string;
}

/** What differs between the datasets; the pipeline around it is the same. */
export interface DatasetSpec extends RawSchemas {
  /** The dataset's columns, in the brief's order. */
  readonly columns: readonly string[];
  readonly rules: readonly Rule[];
  /** Each column typed, from the text of a row that passed the rules. */
  readonly typed: (column: string) => Column;
  /** Each typed column back to the text it was read as, so quarantine has one schema. */
  readonly asText: (column: string) => Column;
  /** The valid rows' folder column, added by `layout` if it is derived. */
  readonly partitionBy: string;
  /** Derives the folder column and arranges the rows for the write. */
  readonly layout: (valid: DataFrame) => DataFrame;
}

/**
 * Validates one batch of a dataset and writes it: valid rows typed to Parquet (dynamic partition
 * overwrite, so only the folders in this batch are replaced), rejected rows to quarantine with
 * the first rule they break, exact duplicates beyond the first as `duplicate_event`. Then checks
 * conservation: rows read = valid + quarantined, or it throws ConservationError.
 *
 * The input is read once per output, once to size the output files and once more to count it,
 * rather than cached: at terabyte scale a cache of the raw text would spill to disk, which costs
 * more than sequential re-reads.
 */
export async function ingestDataset(spark: SparkSession, spec: DatasetSpec, paths: IngestPaths): Promise<IngestCounts> {
  await spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic");
  // A date or time the Spark 3 parser rejects but the legacy one would half-read (a prefix, as in
  // `2023-07-01 10:00:00.25`) must be null, i.e. a rejected row, not a failed job (the default
  // policy, EXCEPTION, throws SparkUpgradeException in the middle of the write).
  await spark.conf.set("spark.sql.legacy.timeParserPolicy", "CORRECTED");
  const batch = paths.batch ?? paths.input;
  const input = await readRawInput(spark, paths.input, paths.format ?? detectInputFormat(paths.input), spec);
  const parallelism = await applyParallelismFromInput(spark, input);
  const raw = input.withColumn("source_file", F.inputFileName());
  const byRule = splitByRules(raw, spec.rules);
  const typed = byRule.valid.select(...spec.columns.map((c) => spec.typed(c).alias(c)), F.col("source_file"));
  const byDuplicate = splitDuplicates(typed, spec.columns, [F.col("source_file")]);

  // Lineage: which ingestion batch wrote the row; also how this run counts what it wrote.
  const valid = spec.layout(byDuplicate.valid.drop("source_file").withColumn("ingest_batch", F.lit(batch)));
  // Files of about the target size per folder. Folders are measured before the duplicate split,
  // which costs a shuffle; a few duplicates do not change a file count.
  const files = planFileLayout(await measureFolderRows(spec.layout(typed), spec.partitionBy), parallelism.inputBytes);
  await (await sizedForWrite(valid, spec.partitionBy, files)).write.mode("overwrite").partitionBy(spec.partitionBy).parquet(paths.validPath);

  const tail = (corrupt: Column): Column[] => [corrupt.alias("_corrupt_record"), F.col("source_file"), F.col(REJECT_REASON)];
  const quarantined = byRule.quarantined
    .select(...spec.columns.map((c) => F.col(c)), ...tail(F.col("_corrupt_record")))
    .unionByName(byDuplicate.quarantined.select(...spec.columns.map((c) => spec.asText(c).alias(c)), ...tail(F.lit(null).cast("string"))));
  await quarantined.withColumn("batch", F.lit(batch)).write.mode("overwrite").partitionBy("batch").parquet(paths.quarantinePath);

  return countWrittenBatch(spark, { raw: input, validPath: paths.validPath, quarantinePath: paths.quarantinePath, batch });
}
