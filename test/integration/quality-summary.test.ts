import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SparkSession } from "../../src/connect";
import { METADATA_DUPLICATE_RULE, qualitySummary } from "../../src/data/quality/quality-summary";
import { connect } from "../support/spark";

let spark: SparkSession;
beforeAll(async () => {
  spark = await connect();
});
afterAll(() => {
  spark.stop();
});

describe("qualitySummary", () => {
  const root = mkdtempSync(join(tmpdir(), "insights-quality-"));
  const validInteractionsPath = join(root, "interactions");
  const validMetadataPath = join(root, "metadata");
  const counts = { read: 10, valid: 8, quarantined: 2, byReason: { bad_timestamp: 2 } };

  it("reports metadata duplicates and the join coverage computed by hand", async () => {
    // 8 interactions; u000009's 2 have no metadata: 2/8 = 25%.
    const interactions = await spark.sql("SELECT * FROM VALUES ('u000001'), ('u000001'), ('u000001'), ('u000002'), ('u000003'), ('u000003'), ('u000009'), ('u000009') AS t(user_id)");
    await interactions.write.mode("overwrite").parquet(validInteractionsPath);
    // 5 metadata users, u000004 and u000005 without interactions: 2/5 = 40%; u000002 has 2 rows.
    const metadata = await spark.sql(
      `SELECT user_id, DATE(join_date) AS join_date, country FROM VALUES
         ('u000001', '2021-01-01', 'US'), ('u000002', '2021-01-01', 'US'), ('u000002', '2020-01-01', 'DE'),
         ('u000003', '2021-01-01', 'JP'), ('u000004', '2021-01-01', 'JP'), ('u000005', '2021-01-01', 'FR')
       AS t(user_id, join_date, country)`,
    );
    await metadata.write.mode("overwrite").parquet(validMetadataPath);

    const summary = await qualitySummary(spark, { interactions: counts, metadata: counts, validInteractionsPath, validMetadataPath });
    expect(summary).toEqual({
      interactions: counts,
      metadata: counts,
      metadataDuplicates: { users: 1, rows: 2, rowsDropped: 1, resolution: METADATA_DUPLICATE_RULE },
      interactionsWithoutMetadataShare: 0.25,
      metadataUsersWithoutInteractionsShare: 0.4,
    });
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});
