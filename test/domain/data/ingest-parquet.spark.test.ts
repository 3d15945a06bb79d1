import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functions as F, type DataFrame } from "../../../src/connect";
import { seedInteractions, seedMetadata } from "../../../src/domain/data/generate/seed-datasets";
import { writeDataset } from "../../../src/domain/data/generate/write-dataset";
import { ingestInteractions } from "../../../src/domain/data/ingest/ingest-interactions";
import { ingestMetadata } from "../../../src/domain/data/ingest/ingest-metadata";
import { ParquetSchemaError } from "../../../src/domain/data/ingest/raw-input";
import { INTERACTIONS, METADATA } from "../../../src/domain/data/schemas";
import { useSpark, useTempDir } from "../../support/spark";

const RULES = { earliest: "2000-01-01", latest: "2030-01-01" };
const SEED = 77;
/** Each test ingests up to twice: slow on a busy two-core machine. */
const INGEST_TIMEOUT_MS = 400_000;

const spark = useSpark();
const root = useTempDir("insights-ingest-parquet-");

/** The typed rows of the given columns, as sorted JSON (dates and timestamps as ISO strings). */
async function rowsOf(path: string, columns: readonly string[]): Promise<string[]> {
  const rows = await spark.read
    .parquet(path)
    .select(...columns)
    .collect();
  return rows.map((r) => JSON.stringify(columns.map((c) => r[c]))).sort();
}

/**
 * Writes the same generated rows as CSV and as Parquet, ingests both and compares. Interactions
 * are cut to January: a year of event_date folders would make each write slow for no gain.
 */
async function ingestBothWays(
  name: string,
  generated: DataFrame,
  ingest: typeof ingestInteractions | typeof ingestMetadata,
  columns: readonly string[],
): Promise<void> {
  const csvIn = join(root, name, "in-csv");
  const parquetIn = join(root, name, "in-parquet");
  await writeDataset(generated, csvIn, { format: "csv" });
  await writeDataset(generated, parquetIn, { format: "parquet" });
  // The rows are all distinct (none is a duplicate_event): counted here, not assumed.
  const collected = await generated.collect();
  const rows = new Set(collected.map((r) => JSON.stringify(r))).size;
  expect(rows).toBe(collected.length);
  expect(rows).toBeGreaterThan(100);

  const out = (format: string) => ({ validPath: join(root, name, format, "valid"), quarantinePath: join(root, name, format, "quarantine") });
  // No format given for Parquet: detected from the folder's files.
  const fromParquet = await ingest(spark, { ...RULES, input: parquetIn, ...out("parquet") });
  const fromCsv = await ingest(spark, { ...RULES, input: csvIn, format: "csv", ...out("csv") });
  expect(fromParquet).toEqual({ read: rows, valid: rows, quarantined: 0, byReason: {} });
  expect(fromCsv).toEqual(fromParquet);

  expect(await spark.read.parquet(out("parquet").validPath).dtypes()).toEqual(await spark.read.parquet(out("csv").validPath).dtypes());
  expect(await rowsOf(out("parquet").validPath, columns)).toEqual(await rowsOf(out("csv").validPath, columns));
}

describe("ingesting Parquet input", () => {
  it(
    "validates interactions as it validates the same rows in CSV, and writes the same typed rows",
    async () => {
      const january = seedInteractions(spark, 3000, SEED).filter(F.col("timestamp").lt(F.lit("2023-02-01 00:00:00").cast("timestamp")));
      await ingestBothWays("interactions", january, ingestInteractions, INTERACTIONS.columns);
    },
    INGEST_TIMEOUT_MS,
  );

  it(
    "validates metadata as it validates the same rows in CSV, and writes the same typed rows",
    async () => {
      await ingestBothWays("metadata", seedMetadata(spark, 500, SEED), ingestMetadata, METADATA.columns);
    },
    INGEST_TIMEOUT_MS,
  );

  it(
    "charges typed rows that break a domain rule to that rule",
    async () => {
      const input = join(root, "domain", "in");
      const rows = await spark.sql(
        `SELECT user_id, CAST(ts AS TIMESTAMP) AS timestamp, action_type, page_id, CAST(d AS BIGINT) AS duration_ms, app_version FROM VALUES
         ('u000001', '2023-07-01 10:00:00', 'edit', 'p000001', 100, '5.7.3'),
         ('u000002', '2023-07-01 10:00:00', 'edit', 'p000001', -5, '5.7.3'),
         ('u000003', '2023-07-01 10:00:00', 'like', 'p000001', 100, '5.7.3'),
         ('u000004', '1999-07-01 10:00:00', 'edit', 'p000001', 100, '5.7.3'),
         ('u000005', '2023-07-01 10:00:00.250', 'edit', 'p000001', 100, '5.7.3'),
         (NULL, '2023-07-01 10:00:00', 'edit', 'p000001', 100, '5.7.3'),
         ('u000001', '2023-07-01 10:00:00', 'edit', 'p000001', 100, '5.7.3')
       AS t(user_id, ts, action_type, page_id, d, app_version)`,
      );
      await rows.write.mode("overwrite").parquet(input);
      const counts = await ingestInteractions(spark, {
        ...RULES,
        input,
        format: "parquet",
        validPath: join(root, "domain", "valid"),
        quarantinePath: join(root, "domain", "q"),
      });
      expect(counts).toEqual({
        read: 7,
        valid: 1,
        quarantined: 6,
        // A sub-second timestamp is not the brief's format: rejected, not silently truncated.
        byReason: { negative_duration: 1, unknown_action_type: 1, implausible_timestamp: 1, bad_timestamp: 1, empty_user_id: 1, duplicate_event: 1 },
      });
    },
    INGEST_TIMEOUT_MS,
  );

  it("refuses a Parquet input whose schema conflicts with the dataset's, naming the path and the field", async () => {
    const textDuration = join(root, "conflict", "text-duration");
    await (
      await spark.sql(
        "SELECT 'u000001' AS user_id, TIMESTAMP'2023-07-01 10:00:00' AS timestamp, 'edit' AS action_type, 'p000001' AS page_id, '100' AS duration_ms, '5.7.3' AS app_version",
      )
    ).write
      .mode("overwrite")
      .parquet(textDuration);
    const paths = { validPath: join(root, "conflict", "valid"), quarantinePath: join(root, "conflict", "q") };
    const attempt = ingestInteractions(spark, { ...RULES, input: textDuration, ...paths });
    await expect(attempt).rejects.toThrow(ParquetSchemaError);
    await expect(attempt).rejects.toThrow(
      `Parquet input ${textDuration} does not match the dataset's schema: field 'duration_ms' is string in the file, but the schema says bigint`,
    );

    const noCountry = join(root, "conflict", "no-country");
    await (
      await spark.sql("SELECT 'u000001' AS user_id, DATE'2021-01-01' AS join_date, 'iPad' AS device_type, 'free' AS subscription_type")
    ).write
      .mode("overwrite")
      .parquet(noCountry);
    await expect(ingestMetadata(spark, { ...RULES, input: noCountry, ...paths })).rejects.toThrow(
      `${noCountry} does not match the dataset's schema: field 'country' is missing`,
    );
  });
});
