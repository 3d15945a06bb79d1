import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { ingestInteractions } from "../../../src/domain/data/ingest/ingest-interactions";
import { useSpark } from "../../support/spark";

const spark = useSpark();

const HEADER = "user_id,timestamp,action_type,page_id,duration_ms,app_version";
const RULES = { earliest: "2000-01-01", latest: "2030-01-01" };

function csv(dir: string, name: string, lines: readonly string[]): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), `${[HEADER, ...lines].join("\n")}\n`);
  return dir;
}

/** Every file under `dir` with its modification time: what a rewrite would change. */
function snapshot(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".parquet")) out.set(path, statSync(path).mtimeMs);
    }
  };
  walk(dir);
  return out;
}

const good = (user: number, day: number, duration: number): string =>
  `u${String(user).padStart(6, "0")},2023-07-0${day} 10:00:0${user % 10},edit,p000001,${duration},5.7.3`;

describe("ingestInteractions", () => {
  const root = mkdtempSync(join(tmpdir(), "insights-ingest-"));
  const validPath = join(root, "valid");
  const quarantinePath = join(root, "quarantine");
  const lines = [
    good(1, 1, 100),
    good(2, 1, 200),
    good(3, 2, 300),
    good(4, 3, 400),
    good(5, 3, 500),
    good(1, 1, 100), // exact duplicate of the first line
    "u000006,2023-07-02 10:00:00,edit,p000001,-1,5.7.3", // negative duration
    "u000007,not a time,edit,p000001,1,5.7.3", // bad timestamp
    "u000008,2023-07-02 10:00:00,edit", // malformed row
  ];
  const input = csv(join(root, "in-1"), "part.csv", lines);

  it("conserves rows: valid + quarantined = read, each reject charged to its rule", async () => {
    const counts = await ingestInteractions(spark, { ...RULES, input, validPath, quarantinePath });
    expect(counts).toEqual({
      read: lines.length,
      valid: 5,
      quarantined: 4,
      byReason: { duplicate_event: 1, negative_duration: 1, bad_timestamp: 1, malformed_row: 1 },
    });
    const days = readdirSync(validPath)
      .filter((d) => d.startsWith("event_date="))
      .sort();
    expect(days).toEqual(["event_date=2023-07-01", "event_date=2023-07-02", "event_date=2023-07-03"]);
    const rows = await spark.read.parquet(validPath).orderBy("user_id").select("user_id", "duration_ms").collect();
    expect(rows).toEqual([1, 2, 3, 4, 5].map((u) => ({ user_id: `u00000${u}`, duration_ms: u * 100 })));
  });

  it("is idempotent, and a new day rewrites only that day's folder", async () => {
    const before = await spark.read.parquet(validPath).orderBy("user_id", "timestamp").collect();
    await ingestInteractions(spark, { ...RULES, input, validPath, quarantinePath });
    expect(await spark.read.parquet(validPath).orderBy("user_id", "timestamp").collect()).toEqual(before);

    const untouched = snapshot(validPath);
    const newDay = csv(join(root, "in-2"), "part.csv", [good(9, 4, 900)]);
    const counts = await ingestInteractions(spark, { ...RULES, input: newDay, validPath, quarantinePath });
    expect(counts.valid).toBe(1);
    const after = snapshot(validPath);
    for (const [file, mtime] of untouched) expect(after.get(file)).toBe(mtime);
    expect([...after.keys()].filter((f) => f.includes("event_date=2023-07-04"))).toHaveLength(1);
    expect(await spark.read.parquet(validPath).count()).toBe(6);
  });
});
