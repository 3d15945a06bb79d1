import type { DataFrame } from "../connect/sql/dataframe";
import { concat, elementAt, floor, formatString, lit, rand, timestampSeconds } from "../connect/sql/functions";
import type { SparkSession } from "../connect/sql/session";

/**
 * User interactions with the distributions of the brief's Python generator (`seed` mode), made
 * inside Spark so that any size is generated in parallel: user and page ids uniform over
 * u000001..u1000000, timestamps uniform over 2023-01-01..2023-12-31 to the second, the five
 * action types uniformly, durations uniform in [100, 300000] ms, versions 5-7.0-9.0-9.
 *
 * Deterministic: the same seed and row count give the same rows (each column draws from its own
 * seeded generator over a fixed partitioning).
 */
export function seedInteractions(spark: SparkSession, rows: number, seed = 42, partitions = Math.max(1, Math.ceil(rows / 2_000_000))): DataFrame {
  const start = Date.UTC(2023, 0, 1) / 1000;
  const span = (Date.UTC(2023, 11, 31) - Date.UTC(2023, 0, 1)) / 1000;
  const uniformInt = (k: number, low: number, high: number) => floor(rand(seed * 100 + k).multiply(high - low + 1)).plus(low);
  return spark.range(0, rows, 1, partitions).select(
    formatString("u%06d", uniformInt(1, 1, 1_000_000).cast("int")).alias("user_id"),
    timestampSeconds(uniformInt(2, 0, span).plus(start)).alias("timestamp"),
    elementAt(lit(["page_view", "edit", "create", "delete", "share"]), uniformInt(3, 1, 5).cast("int")).alias("action_type"),
    formatString("p%06d", uniformInt(4, 1, 1_000_000).cast("int")).alias("page_id"),
    uniformInt(5, 100, 300_000).cast("bigint").alias("duration_ms"),
    concat(uniformInt(6, 5, 7).cast("int").cast("string"), lit("."), uniformInt(7, 0, 9).cast("int").cast("string"), lit("."), uniformInt(8, 0, 9).cast("int").cast("string")).alias("app_version"),
  );
}
