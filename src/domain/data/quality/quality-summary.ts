import type { SparkSession } from "../../../connect";
import { countMetadataDuplicates, type MetadataDuplicates } from "./dedupe-metadata";
import type { IngestCounts } from "../ingest/ingest-counts";
import { countsByRule, type RuleCount, type RuleInfo } from "./rule-counts";

/** The definitions' rule for several metadata rows per user_id, as the report states it. */
export const METADATA_DUPLICATE_RULE =
  "keep the row with the earliest join_date (the original signup); ties broken by country, device_type, subscription_type ascending";

/** One dataset's ingestion: its counts and the rules it was checked against, in order. */
export interface DatasetIngestion {
  readonly counts: IngestCounts;
  readonly rules: readonly RuleInfo[];
}

export interface QualitySummaryInput {
  readonly interactions: DatasetIngestion;
  readonly metadata: DatasetIngestion;
  readonly validInteractionsPath: string;
  readonly validMetadataPath: string;
}

/** One dataset's rows read, valid and quarantined, and every rule with what it quarantined. */
export interface DatasetQuality {
  readonly read: number;
  readonly valid: number;
  readonly quarantined: number;
  /** Every rule in the order rows are charged, `duplicate_event` last; 0 where nothing broke it. */
  readonly rules: readonly RuleCount[];
}

/** What ingestion rejected and how well the two valid datasets match: plain data, JSON-ready. */
export interface QualitySummary {
  readonly interactions: DatasetQuality;
  readonly metadata: DatasetQuality;
  readonly metadataDuplicates: MetadataDuplicates & { readonly resolution: string };
  /** Valid interactions whose user_id has no valid metadata row (they read `unknown`), in [0, 1]. */
  readonly interactionsWithoutMetadataShare: number;
  /** Distinct metadata user_ids with no valid interaction, in [0, 1]. */
  readonly metadataUsersWithoutInteractionsShare: number;
}

/** Summarises ingestion counts and the join coverage of the valid datasets (all of them, not one batch). */
export async function qualitySummary(spark: SparkSession, input: QualitySummaryInput): Promise<QualitySummary> {
  const interactions = spark.read.parquet(input.validInteractionsPath).select("user_id");
  const metadata = spark.read.parquet(input.validMetadataPath);
  const metadataUsers = metadata.select("user_id").distinct();
  const interactionUsers = interactions.distinct();

  const [interactionsTotal, interactionsOrphaned, metadataUserTotal, metadataUsersIdle] = await Promise.all([
    interactions.count(),
    interactions.join(metadataUsers, "user_id", "left_anti").count(),
    metadataUsers.count(),
    metadataUsers.join(interactionUsers, "user_id", "left_anti").count(),
  ]);
  return {
    interactions: datasetQuality(input.interactions),
    metadata: datasetQuality(input.metadata),
    metadataDuplicates: { ...(await countMetadataDuplicates(metadata)), resolution: METADATA_DUPLICATE_RULE },
    interactionsWithoutMetadataShare: share(interactionsOrphaned, interactionsTotal),
    metadataUsersWithoutInteractionsShare: share(metadataUsersIdle, metadataUserTotal),
  };
}

function datasetQuality({ counts, rules }: DatasetIngestion): DatasetQuality {
  return { read: counts.read, valid: counts.valid, quarantined: counts.quarantined, rules: countsByRule(rules, counts) };
}

/** part / whole, and 0 for an empty whole (nothing to be missing). */
function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
