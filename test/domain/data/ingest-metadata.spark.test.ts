import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { ingestMetadata } from "../../../src/domain/data/ingest/ingest-metadata";
import { useSpark } from "../../support/spark";

const spark = useSpark();

const HEADER = "user_id,join_date,country,device_type,subscription_type";
const RULES = { earliest: "2000-01-01", latest: "2030-01-01" };

describe("ingestMetadata", () => {
  const root = mkdtempSync(join(tmpdir(), "insights-ingest-metadata-"));
  const validPath = join(root, "valid");
  const quarantinePath = join(root, "quarantine");
  const lines = [
    "u000001,2021-03-04,US,iPhone,free",
    "u000002,2022-05-06,DE,Mac,premium",
    "u000003,2020-01-01,JP,Windows,basic",
    "u000003,2021-01-01,JP,Windows,basic", // same user, different row: kept, resolved at join
    "u000001,2021-03-04,US,iPhone,free", // exact duplicate of the first line
    "u000004,2021-03-04,Atlantis,iPhone,free", // unknown country
    "u000005,2021-03-04,US,Nokia,free", // unknown device
    "u000006,2021-03-04,US,iPhone,gold", // unknown subscription
    "u000007,04/03/2021,US,iPhone,free", // bad join date
    "u000008,1999-12-31,US,iPhone,free", // implausible join date
    "x8,2021-03-04,US,iPhone,free", // bad user_id
    "u000009,2021-03-04,US", // malformed row
  ];
  const input = join(root, "in");
  mkdirSync(input);
  writeFileSync(join(input, "part.csv"), `${[HEADER, ...lines].join("\n")}\n`);

  it("conserves rows, charges each reject to its rule and writes one folder per country", async () => {
    const counts = await ingestMetadata(spark, { ...RULES, input, validPath, quarantinePath });
    expect(counts).toEqual({
      read: lines.length,
      valid: 4,
      quarantined: 8,
      byReason: {
        duplicate_event: 1,
        unknown_country: 1,
        unknown_device_type: 1,
        unknown_subscription_type: 1,
        bad_join_date: 1,
        implausible_join_date: 1,
        bad_user_id: 1,
        malformed_row: 1,
      },
    });
    const countries = readdirSync(validPath)
      .filter((d) => d.startsWith("country="))
      .sort();
    expect(countries).toEqual(["country=DE", "country=JP", "country=US"]);
    const rows = await spark.read.parquet(validPath).orderBy("user_id", "join_date").select("user_id", "country", "ingest_batch").collect();
    expect(rows.map((r) => [r.user_id, r.country, r.ingest_batch])).toEqual([
      ["u000001", "US", input],
      ["u000002", "DE", input],
      ["u000003", "JP", input],
      ["u000003", "JP", input],
    ]);
    const [typed] = await spark.read
      .parquet(validPath)
      .filter("user_id = 'u000002'")
      .selectExpr("typeof(join_date) AS t", "CAST(join_date AS STRING) AS d")
      .collect();
    expect(typed).toEqual({ t: "date", d: "2022-05-06" });
  });

  it("is idempotent: re-ingesting the batch gives the same rows and rejects", async () => {
    const valid = await spark.read.parquet(validPath).orderBy("user_id", "join_date").collect();
    const rejects = await spark.read.parquet(quarantinePath).orderBy("reject_reason").collect();
    const counts = await ingestMetadata(spark, { ...RULES, input, validPath, quarantinePath });
    expect(counts.read).toBe(counts.valid + counts.quarantined);
    expect(await spark.read.parquet(validPath).orderBy("user_id", "join_date").collect()).toEqual(valid);
    expect(await spark.read.parquet(quarantinePath).orderBy("reject_reason").collect()).toEqual(rejects);
  });
});
