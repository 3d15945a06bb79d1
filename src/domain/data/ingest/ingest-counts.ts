import { functions as F, type DataFrame, type SparkSession } from "../../../connect";
import { REJECT_REASON } from "./validate";

export interface IngestCounts {
  readonly read: number;
  readonly valid: number;
  readonly quarantined: number;
  /** Quarantined rows per rule, `duplicate_event` included. */
  readonly byReason: Readonly<Record<string, number>>;
}

/** Raised when rows read ≠ valid + quarantined: a row was lost or counted twice. */
export class ConservationError extends Error {
  constructor(readonly counts: IngestCounts) {
    super(
      `Ingestion lost or duplicated rows: read ${counts.read}, valid ${counts.valid} + quarantined ${counts.quarantined} = ${counts.valid + counts.quarantined}`,
    );
    this.name = "ConservationError";
  }
}

export interface WrittenBatch {
  /** The raw input, re-read: an independent count of what came in. */
  readonly raw: DataFrame;
  /** Valid Parquet output with an `ingest_batch` column. */
  readonly validPath: string;
  /** Quarantine Parquet output partitioned by `batch`. */
  readonly quarantinePath: string;
  readonly batch: string;
}

/**
 * Counts one batch from its outputs and checks that no row was lost or counted twice.
 *
 * The counts are read back from the Parquet outputs (where counting is cheap) rather than taken
 * along the writes: Spark Connect 3.5 does not return observed metrics for write commands.
 */
export async function countWrittenBatch(spark: SparkSession, written: WrittenBatch): Promise<IngestCounts> {
  // Explicit schemas (only the columns counted): an output that received no rows has no Parquet
  // file to take a schema from, and must count as 0 rather than fail.
  const byReason = await spark.read
    .schema(`${REJECT_REASON} string, batch string`)
    .parquet(written.quarantinePath)
    .filter(F.col("batch").eq(written.batch))
    .groupBy(REJECT_REASON)
    .count()
    .collect();
  const reasons = Object.fromEntries(byReason.map((r) => [String(r[REJECT_REASON]), Number(r.count)]));
  const counts: IngestCounts = {
    read: await written.raw.count(),
    valid: await spark.read.schema("ingest_batch string").parquet(written.validPath).filter(F.col("ingest_batch").eq(written.batch)).count(),
    quarantined: Object.values(reasons).reduce((a, b) => a + b, 0),
    byReason: reasons,
  };
  if (counts.read !== counts.valid + counts.quarantined) throw new ConservationError(counts);
  return counts;
}
