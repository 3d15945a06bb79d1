import { functions as F, type SparkSession } from "../../../connect";
import { METADATA } from "../schemas";
import { ingestDataset, type IngestPaths } from "./ingest-dataset";
import type { IngestCounts } from "./ingest-counts";
import { metadataRules, parsedJoinDate, type MetadataRuleOptions } from "./metadata-rules";

export interface IngestMetadataOptions extends MetadataRuleOptions, IngestPaths {}

/**
 * Validates raw user metadata and writes the valid rows as typed Parquet partitioned by
 * country, the rejected rows to quarantine (see ingestDataset). Exact duplicate rows are
 * quarantined as `duplicate_event`; different rows for one user_id are kept, since the join
 * resolves them (dedupeMetadata) and the quality summary counts them.
 *
 * Partitioning by country: analyses join metadata by user_id but filter and group it by
 * country, and the ten countries give ~10 folders of about equal size (one file each here,
 * since metadata is small; dozens of ~128 MiB files each at 100 GB). A metadata batch is a
 * snapshot: dynamic partition overwrite replaces the countries it contains, so re-ingesting it
 * is idempotent.
 * At 1 TB of interactions metadata is ~100 GB: country folders would then hold ~10 GB each and
 * the join by user_id would shuffle all of it every time; bucketing by user_id (a table written
 * with bucketBy) would let the join skip that shuffle, with country left to a column filter.
 */
export function ingestMetadata(spark: SparkSession, options: IngestMetadataOptions): Promise<IngestCounts> {
  return ingestDataset(
    spark,
    {
      rawDdl: METADATA.rawDdl,
      typedDdl: METADATA.ddl,
      columns: METADATA.columns,
      rules: metadataRules(options),
      typed: (c) => (c === "join_date" ? parsedJoinDate() : F.col(c)),
      asText: (c) => F.col(c).cast("string"),
      partitionBy: "country",
      // No arrangement here: ingestDataset sizes the files of each country folder (sizedForWrite).
      layout: (valid) => valid,
    },
    options,
  );
}
