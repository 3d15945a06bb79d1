import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

import { interactionRules } from "../../../src/domain/data/ingest/interaction-rules";
import { metadataRules } from "../../../src/domain/data/ingest/metadata-rules";
import { METADATA_DUPLICATE_RULE, qualitySummary } from "../../../src/domain/data/quality/quality-summary";
import { useSpark } from "../../support/spark";

const spark = useSpark();

describe("qualitySummary", () => {
  const root = mkdtempSync(join(tmpdir(), "insights-quality-"));
  const validInteractionsPath = join(root, "interactions");
  const validMetadataPath = join(root, "metadata");
  const counts = { read: 10, valid: 8, quarantined: 2, byReason: { bad_timestamp: 2 } };
  const bounds = { earliest: "2000-01-01", latest: "2030-01-01" };
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it("reports metadata duplicates and the join coverage computed by hand", async () => {
    // 8 interactions; u000009's 2 have no metadata: 2/8 = 25%.
    const interactions = await spark.sql(
      "SELECT * FROM VALUES ('u000001'), ('u000001'), ('u000001'), ('u000002'), ('u000003'), ('u000003'), ('u000009'), ('u000009') AS t(user_id)",
    );
    await interactions.write.mode("overwrite").parquet(validInteractionsPath);
    // 5 metadata users, u000004 and u000005 without interactions: 2/5 = 40%; u000002 has 2 rows.
    const metadata = await spark.sql(
      `SELECT user_id, DATE(join_date) AS join_date, country FROM VALUES
         ('u000001', '2021-01-01', 'US'), ('u000002', '2021-01-01', 'US'), ('u000002', '2020-01-01', 'DE'),
         ('u000003', '2021-01-01', 'JP'), ('u000004', '2021-01-01', 'JP'), ('u000005', '2021-01-01', 'FR')
       AS t(user_id, join_date, country)`,
    );
    await metadata.write.mode("overwrite").parquet(validMetadataPath);

    const summary = await qualitySummary(spark, {
      interactions: { counts, rules: interactionRules(bounds) },
      metadata: { counts: { ...counts, byReason: { bad_join_date: 2 } }, rules: metadataRules(bounds) },
      validInteractionsPath,
      validMetadataPath,
    });
    expect(summary).toMatchObject({
      interactions: { read: 10, valid: 8, quarantined: 2 },
      metadata: { read: 10, valid: 8, quarantined: 2 },
      metadataDuplicates: { users: 1, rows: 2, rowsDropped: 1, resolution: METADATA_DUPLICATE_RULE },
      interactionsWithoutMetadataShare: 0.25,
      metadataUsersWithoutInteractionsShare: 0.4,
    });
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it("lists every rule of each dataset in rule order with its description, zero counts included", async () => {
    const summary = await qualitySummary(spark, {
      interactions: { counts, rules: interactionRules(bounds) },
      metadata: { counts: { read: 3, valid: 3, quarantined: 0, byReason: {} }, rules: metadataRules(bounds) },
      validInteractionsPath,
      validMetadataPath,
    });
    // The rules of interaction-rules.ts and metadata-rules.ts, in their order, then duplicates.
    expect(summary.interactions.rules.map((r) => [r.reason, r.rejected])).toEqual([
      ["malformed_row", 0],
      ["invalid_utf8", 0],
      ["empty_user_id", 0],
      ["bad_user_id", 0],
      ["bad_timestamp", 2],
      ["implausible_timestamp", 0],
      ["unknown_action_type", 0],
      ["bad_page_id", 0],
      ["non_numeric_duration", 0],
      ["negative_duration", 0],
      ["bad_app_version", 0],
      ["duplicate_event", 0],
    ]);
    expect(summary.metadata.rules.map((r) => r.reason)).toEqual([
      "malformed_row",
      "invalid_utf8",
      "empty_user_id",
      "bad_user_id",
      "bad_join_date",
      "implausible_join_date",
      "unknown_country",
      "unknown_device_type",
      "unknown_subscription_type",
      "duplicate_event",
    ]);
    expect(summary.metadata.rules.every((r) => r.rejected === 0)).toBe(true);
    expect(summary.interactions.rules.find((r) => r.reason === "implausible_timestamp")).toEqual({
      reason: "implausible_timestamp",
      field: "timestamp",
      description: "timestamp lies outside [2000-01-01, 2030-01-01)",
      rejected: 0,
    });
    // JSON carries the rules as plain data (no Spark condition).
    expect(Object.keys(JSON.parse(JSON.stringify(summary.interactions.rules[0])) as object).sort()).toEqual(["description", "field", "reason", "rejected"]);
  });
});
