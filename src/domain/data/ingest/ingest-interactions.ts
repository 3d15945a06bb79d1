import { functions as F, type SparkSession } from "../../../connect";
import { INTERACTIONS, TIMESTAMP_FORMAT } from "../schemas";
import { ingestDataset, type IngestPaths } from "./ingest-dataset";
import type { IngestCounts } from "./ingest-counts";
import { interactionRules, parsedTimestamp, type InteractionRuleOptions } from "./interaction-rules";

export interface IngestInteractionsOptions extends InteractionRuleOptions, IngestPaths {}

/**
 * Validates raw interactions and writes the valid rows as typed Parquet partitioned by event
 * date, the rejected rows to quarantine (see ingestDataset).
 *
 * Partitioning by event date: every analysis filters or groups by time, so date folders let
 * Spark skip what a query does not need, and a new day's data replaces exactly one folder
 * (dynamic partition overwrite), which makes re-ingesting a day idempotent. At 1 TB a day is
 * ~3 GB, still a handful of well-sized files per folder.
 */
export function ingestInteractions(spark: SparkSession, options: IngestInteractionsOptions): Promise<IngestCounts> {
  return ingestDataset(
    spark,
    {
      rawDdl: INTERACTIONS.rawDdl,
      typedDdl: INTERACTIONS.ddl,
      columns: INTERACTIONS.columns,
      rules: interactionRules(options),
      typed: (c) => (c === "timestamp" ? parsedTimestamp() : c === "duration_ms" ? F.col(c).cast("bigint") : F.col(c)),
      asText: (c) => (c === "timestamp" ? F.dateFormat(F.col(c), TIMESTAMP_FORMAT) : F.col(c).cast("string")),
      partitionBy: "event_date",
      layout: (valid) => valid.withColumn("event_date", F.toDate(F.col("timestamp"))),
    },
    options,
  );
}
