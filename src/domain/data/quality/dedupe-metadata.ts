import { type DataFrame, functions as F, Window } from "../../../connect";

/**
 * The definitions' rule for a user_id with several metadata rows: keep the original signup, i.e.
 * the earliest join_date, ties broken by country, device_type, subscription_type ascending. Nulls
 * sort last, so a row with a known join_date always wins over one without.
 */
const SIGNUP_ORDER = Window.partitionBy("user_id").orderBy(
  F.col("join_date").ascNullsLast(),
  F.col("country").ascNullsLast(),
  F.col("device_type").ascNullsLast(),
  F.col("subscription_type").ascNullsLast(),
);

/**
 * One metadata row per user_id. A row_number window (not dropDuplicates, which keeps an arbitrary
 * row) makes the choice deterministic. It costs one shuffle of the metadata by user_id, and
 * Spark keeps only the first row per user_id before that shuffle (a partial window group limit);
 * a sort-merge join on user_id then reuses this partitioning instead of shuffling the metadata again.
 */
export function dedupeMetadata(metadata: DataFrame): DataFrame {
  return metadata.withColumn("signup_rank", F.rowNumber().over(SIGNUP_ORDER)).where(F.col("signup_rank").eq(1)).drop("signup_rank");
}

export interface MetadataDuplicates {
  /** user_ids with more than one metadata row. */
  readonly users: number;
  /** All metadata rows of those users. */
  readonly rows: number;
  /** Rows the deduplication removes (rows − users). */
  readonly rowsDropped: number;
}

/** How many users and rows the deduplication affects, in one aggregation job. */
export async function countMetadataDuplicates(metadata: DataFrame): Promise<MetadataDuplicates> {
  const perUser = metadata.groupBy("user_id").agg(F.count("*").alias("rows"));
  const duplicated = F.col("rows").gt(1);
  const [totals] = await perUser
    .agg(F.count(F.when(duplicated, 1)).alias("users"), F.coalesce(F.sum(F.when(duplicated, F.col("rows"))), F.lit(0)).alias("rows"))
    .collect();
  const users = Number(totals?.users ?? 0);
  const rows = Number(totals?.rows ?? 0);
  return { users, rows, rowsDropped: rows - users };
}
