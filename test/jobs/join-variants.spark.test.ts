import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SparkError } from "../../src/connect";
import { INTERACTIONS, METADATA } from "../../src/domain/data/schemas";
import { NAIVE, readInputs, type JoinInputPaths } from "../../src/jobs/experiments/join-variants";
import { connect, useTempDir } from "../support/spark";

/**
 * Lines ingestion quarantines (an impossible timestamp, a short row, a word for a duration) beside
 * good ones: the naive baseline reads this raw CSV with a typed schema and must still join every line.
 */
const INTERACTION_LINES = [
  "u000001,2023-06-05 10:00:00,page_view,p000001,1000,1.0.0",
  "u000002,2023-13-45 25:61:00,page_view,p000002,2000,1.0.0",
  "u000003,2023-06-05 11:00:00,edit",
  "u000001,2023-06-06 09:00:00,edit,p000003,lots,1.1.0",
  "u000004,2023-06-07 12:00:00,share,p000004,3000,1.1.0",
];
const METADATA_LINES = ["u000001,2023-01-01,US,iPhone,free", "u000002,2023-02-30,DE,Windows,premium"];

const dir = useTempDir("insights-join-variants-");

function writeInputs(): JoinInputPaths {
  const csv = { interactions: join(dir, "csv", "interactions"), metadata: join(dir, "csv", "metadata") };
  mkdirSync(csv.interactions, { recursive: true });
  mkdirSync(csv.metadata, { recursive: true });
  writeFileSync(join(csv.interactions, "part-0.csv"), [INTERACTIONS.csvHeader, ...INTERACTION_LINES].join("\n") + "\n");
  writeFileSync(join(csv.metadata, "part-0.csv"), [METADATA.csvHeader, ...METADATA_LINES].join("\n") + "\n");
  return { csv, parquet: { interactions: join(dir, "none"), metadata: join(dir, "none") } };
}

describe("the naive join baseline on raw CSV", () => {
  it("joins every line of a file with malformed values, each bad value null", async () => {
    const data = writeInputs();
    const spark = await connect();
    try {
      for (const [key, value] of Object.entries(NAIVE.conf)) await spark.conf.set(key, value);
      const planned = await NAIVE.plan(spark, readInputs(spark, data, "csv"));
      const rows = await planned.joined.orderBy("user_id", "page_id").select("user_id", "timestamp", "duration_ms", "device_type").collect();
      expect(rows).toHaveLength(INTERACTION_LINES.length);
      // u000002's timestamp cannot be parsed: null, not a failed job; the word duration likewise.
      expect(rows.find((r) => r.user_id === "u000002")?.timestamp).toBeNull();
      expect(rows.filter((r) => r.user_id === "u000001").map((r) => r.duration_ms)).toEqual([1000, null]);
    } finally {
      spark.stop();
    }
  });

  it("fails as Spark's default parser policy does without the baseline's setting, which is why it sets it", async () => {
    const data = writeInputs();
    const spark = await connect();
    try {
      await spark.conf.set("spark.sql.legacy.timeParserPolicy", "EXCEPTION");
      const inputs = readInputs(spark, data, "csv");
      await expect(inputs.interactions.collect()).rejects.toThrow(SparkError);
      await expect(inputs.interactions.collect()).rejects.toThrow(/INCONSISTENT_BEHAVIOR_CROSS_VERSION/);
    } finally {
      spark.stop();
    }
  });
});
