import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { functions as F } from "../../src/connect";
import { INTERACTIONS, METADATA } from "../../src/domain/data/schemas";
import { DEFAULT_SKEW_AWARE_JOIN } from "../../src/jobs/join/skew-aware-join";
import { runJoinJob } from "../../src/jobs/join-job";
import { defaultParallelism } from "../../src/domain/data/tuning/apply-parallelism";
import { useSpark, useTempDir } from "../support/spark";

const day = (d: number, h = 12): Date => new Date(Date.UTC(2023, 5, d, h));
const event = (user: string, when: Date, ms: number) => ({
  user_id: user,
  timestamp: when,
  action_type: "edit",
  page_id: "p000001",
  duration_ms: ms,
  app_version: "6.1.0",
});

const INTERACTION_ROWS = [
  event("u000001", day(1), 100),
  event("u000001", day(1, 13), 200),
  event("u000001", day(2), 300),
  event("u000002", day(2), 400),
  event("u000003", day(3), 500), // no metadata: reads `unknown`
  event("u000003", day(3), 500), // an exact duplicate that ingestion let through in another batch: both stay
];

const METADATA_ROWS = [
  { user_id: "u000001", join_date: "2022-03-01", country: "DE", device_type: "Mac", subscription_type: "free" },
  { user_id: "u000001", join_date: "2021-01-01", country: "US", device_type: "iPad", subscription_type: "basic" }, // earliest: kept
  { user_id: "u000002", join_date: "2020-05-05", country: "JP", device_type: "Windows", subscription_type: "premium" },
  { user_id: "u000009", join_date: "2020-05-05", country: "JP", device_type: "Windows", subscription_type: "premium" }, // no interactions
];

/** The enriched row each interaction must become, worked out by hand from the definitions. */
const EXPECTED = [
  ["u000001", 100, "US", "iPad", "basic", "2021-01-01", "2023-06-01"],
  ["u000001", 200, "US", "iPad", "basic", "2021-01-01", "2023-06-01"],
  ["u000001", 300, "US", "iPad", "basic", "2021-01-01", "2023-06-02"],
  ["u000002", 400, "JP", "Windows", "premium", "2020-05-05", "2023-06-02"],
  ["u000003", 500, "unknown", "unknown", "unknown", null, "2023-06-03"],
  ["u000003", 500, "unknown", "unknown", "unknown", null, "2023-06-03"],
];

const spark = useSpark();
const dir = useTempDir("insights-join-job-");
let paths: { interactionsPath: string; metadataPath: string };

beforeAll(async () => {
  await spark.conf.set("spark.sql.shuffle.partitions", 2);
  paths = { interactionsPath: join(dir, "valid", "interactions"), metadataPath: join(dir, "valid", "metadata") };
  // The layout ingestion writes, lineage column included (it is on both sides).
  await spark
    .createDataFrame(INTERACTION_ROWS, INTERACTIONS.ddl)
    .withColumn("event_date", F.toDate(F.col("timestamp")))
    .withColumn("ingest_batch", F.lit("b1"))
    .write.partitionBy("event_date")
    .parquet(paths.interactionsPath);
  await spark.createDataFrame(METADATA_ROWS, METADATA.ddl).withColumn("ingest_batch", F.lit("b1")).write.partitionBy("country").parquet(paths.metadataPath);
});

async function enrichedRows(path: string): Promise<unknown[][]> {
  const rows = await spark.read.parquet(path).orderBy("user_id", "duration_ms").collect();
  return rows.map((r) => [r.user_id, r.duration_ms, r.country, r.device_type, r.subscription_type, r.join_date, r.event_date]);
}

describe("insights join (runJoinJob)", () => {
  it("picks the broadcast for small metadata, writes every interaction once and explains itself", async () => {
    const outDir = join(dir, "auto");
    const result = await runJoinJob(spark, { ...paths, outDir, join: DEFAULT_SKEW_AWARE_JOIN });
    expect(result.rows).toBe(INTERACTION_ROWS.length);
    expect(await enrichedRows(result.enrichedPath)).toEqual(EXPECTED);
    expect(result.description.strategy).toBe("broadcast");
    expect(result.description.physicalPlan).toContain("BroadcastHashJoin");

    const markdown = readFileSync(join(outDir, "join.md"), "utf8");
    expect(markdown).toContain("**Strategy: broadcast.**");
    expect(markdown).toContain("BroadcastHashJoin");
    expect(JSON.parse(readFileSync(join(outDir, "join.json"), "utf8"))).toEqual(
      JSON.parse(JSON.stringify({ ...result.description, parallelism: result.parallelism })),
    );
    // Kilobytes of input make one 128 MiB partition, rounded up to the cores: one partition per core.
    expect(result.parallelism.shufflePartitions).toBe(await defaultParallelism(spark));
    expect(await spark.conf.get("spark.sql.shuffle.partitions")).toBe(String(result.parallelism.shufflePartitions));
  });

  it("follows an imposed strategy and says what it overrode", async () => {
    const outDir = join(dir, "forced");
    const result = await runJoinJob(spark, { ...paths, outDir, join: { ...DEFAULT_SKEW_AWARE_JOIN, strategy: "sort-merge-aqe" } });
    expect(await enrichedRows(result.enrichedPath)).toEqual(EXPECTED);
    expect(result.description.physicalPlan).toContain("SortMergeJoin");
    expect(result.description.reason).toMatch(/^imposed by the caller; the measurements alone would choose broadcast: /);
  });
});
