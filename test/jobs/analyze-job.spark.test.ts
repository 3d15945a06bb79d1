import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runAnalyzeJob, type AnalyzeJobResult } from "../../src/jobs/analyze-job";
import { useSpark, useTempDir } from "../support/spark";
import { INTERACTIONS, METADATA } from "../../src/domain/data/schemas";

/**
 * Four users over three days of two ISO weeks (Mon 2023-06-05, Tue 06-06, Mon 06-12); u000004 has
 * no metadata; one malformed line (too few fields) for a fifth user on 06-06.
 */
const INTERACTION_LINES = [
  "u000001,2023-06-05 10:00:00,page_view,p000001,1000,1.0.0",
  "u000001,2023-06-05 10:05:00,edit,p000001,60000,1.0.0", // 299 s after the first one ended: same session
  "u000001,2023-06-05 12:00:00,page_view,p000002,2000,1.0.0", // > 30 min later: a new session
  "u000002,2023-06-05 09:00:00,page_view,p000003,3000,1.1.0",
  "u000002,2023-06-06 09:00:00,page_view,p000003,4000,1.1.0",
  "u000003,2023-06-06 15:00:00,page_view,p000004,5000,1.1.0",
  "u000004,2023-06-06 16:00:00,page_view,p000005,500,1.0.0",
  "u000005,2023-06-06 10:00:00,edit", // malformed: quarantined, never counted
  "u000001,2023-06-12 08:00:00,page_view,p000001,1500,1.1.0",
  "u000003,2023-06-12 08:30:00,create,p000006,2000000,1.1.0", // above the 30-min cap for power users
];

const METADATA_LINES = ["u000001,2023-01-01,US,iPhone,free", "u000002,2023-02-01,DE,Windows,premium", "u000003,2023-03-01,JP,Mac,basic"];

const HEADERS: Readonly<Record<string, string>> = {
  "dau.csv": "date,dau,wau,mau,dau_mau_ratio",
  "mau_monthly.csv": "month,mau",
  "power_users.csv": "rank,user_id,total_ms,events",
  "retention.csv": "cohort_week,cohort_size,week_offset,retained,rate",
  "session_summary.csv": "sessions,users,mean_duration_ms,p50_duration_ms,p90_duration_ms,p99_duration_ms,mean_actions,sessions_per_user_week",
  "p95_by_version.csv": "app_version,events,p95_ms,low_confidence",
  "device_performance.csv": "device_type,events,p50_ms,p95_ms",
  "anomalies.csv": "series,granularity,ts,observed,expected,score,direction",
};
const OTHER_FILES = ["device_correlation.json", "anomalies.jsonl"];

const spark = useSpark();
const dir = useTempDir("insights-analyze-");
let raw: { interactions: string; metadata: string };
let fromRaw: AnalyzeJobResult;

beforeAll(async () => {
  raw = { interactions: join(dir, "raw", "interactions"), metadata: join(dir, "raw", "metadata.csv") };
  // Interactions as a folder of CSV files, metadata as one file: both layouts the brief allows.
  mkdirSync(raw.interactions, { recursive: true });
  writeFileSync(join(raw.interactions, "part-1.csv"), [INTERACTIONS.csvHeader, ...INTERACTION_LINES.slice(0, 5)].join("\n") + "\n");
  writeFileSync(join(raw.interactions, "part-2.csv"), [INTERACTIONS.csvHeader, ...INTERACTION_LINES.slice(5)].join("\n") + "\n");
  writeFileSync(raw.metadata, [METADATA.csvHeader, ...METADATA_LINES].join("\n") + "\n");
  fromRaw = await runAnalyzeJob(spark, { ...raw, outDir: join(dir, "from-raw") });
}, 300_000);

/** The file's data lines as fields (the tables here hold no quoted fields: checked). */
function table(metricsDir: string, file: string): string[][] {
  const text = readFileSync(join(metricsDir, file), "utf8");
  expect(text).not.toContain('"');
  return text
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","));
}

describe("insights analyze (runAnalyzeJob)", () => {
  it("ingests the raw inputs first: the malformed line is quarantined", () => {
    const quality = JSON.parse(readFileSync(join(dir, "from-raw", "ingested", "quality.json"), "utf8")) as {
      interactions: { read: number; valid: number; quarantined: number };
    };
    expect(quality.interactions).toMatchObject({ read: 10, valid: 9, quarantined: 1 });
    expect(fromRaw.run.inputs.interactions).toMatchObject({ kind: "csv", rows: 9 });
    expect(fromRaw.run.inputs.metadata).toMatchObject({ kind: "csv", rows: 3 });
    expect(fromRaw.run.as_of).toBe("2023-06-12");
    expect(fromRaw.run.join.strategy).toBe("broadcast");
    expect(fromRaw.run.analyses.map((a) => a.name)).toEqual(["dau", "mau_monthly", "power_users", "retention", "sessions", "p95", "devices", "anomalies"]);
  });

  it("writes every metric file, each with its exact header, and nothing else", () => {
    expect(readdirSync(fromRaw.metricsDir).sort()).toEqual([...Object.keys(HEADERS), ...OTHER_FILES].sort());
    for (const [file, header] of Object.entries(HEADERS)) expect(readFileSync(join(fromRaw.metricsDir, file), "utf8").split("\n")[0]).toBe(header);
  });

  it("counts active users by hand: the malformed line's user is not among them", () => {
    const rows = table(fromRaw.metricsDir, "dau.csv");
    // Every day from the first to the last event date, zeros included.
    expect(rows.map((r) => r[0])).toEqual(["05", "06", "07", "08", "09", "10", "11", "12"].map((d) => `2023-06-${d}`));
    expect(rows[0]).toEqual(["2023-06-05", "2", "2", "2", "1"]);
    expect(rows[1]).toEqual(["2023-06-06", "3", "4", "4", "0.75"]);
    expect(rows[2]).toEqual(["2023-06-07", "0", "4", "4", "0"]);
    expect(rows[7]).toEqual(["2023-06-12", "2", "4", "4", "0.5"]);
    expect(table(fromRaw.metricsDir, "mau_monthly.csv")).toEqual([["2023-06", "4"]]);
  });

  it("ranks the top 1% (one of four users) by capped total time", () => {
    // u000003: 5,000 + min(2,000,000, 1,800,000); u000001 has 64,500.
    expect(table(fromRaw.metricsDir, "power_users.csv")).toEqual([["1", "u000003", "1805000", "2"]]);
  });

  it("gives the first cohort its week 0 and leaves unfinished weeks empty, not 0", () => {
    const rows = table(fromRaw.metricsDir, "retention.csv");
    expect(rows).toHaveLength(26 * 26);
    expect(rows.find((r) => r[0] === "2023-06-05" && r[2] === "0")).toEqual(["2023-06-05", "4", "0", "4", "1"]);
    expect(rows.find((r) => r[0] === "2023-06-05" && r[2] === "1")).toEqual(["2023-06-05", "4", "1", "", ""]);
    expect(rows.find((r) => r[0] === "2023-06-12" && r[2] === "0")).toEqual(["2023-06-12", "0", "0", "", ""]);
  });

  it("summarises the sessions worked out by hand", () => {
    // u000001: 10:00–10:06, 12:00, 06-12; u000002: two days; u000003: two days; u000004: one.
    const durations = [360_000, 2_000, 1_500, 3_000, 4_000, 5_000, 2_000_000, 500];
    const [row] = table(fromRaw.metricsDir, "session_summary.csv");
    const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
    // 6 (user, ISO week) pairs: u1 ×2, u2, u3 ×2, u4.
    expect(row?.map(Number)).toEqual([8, 4, mean, 3_000, 2_000_000, 2_000_000, 9 / 8, 8 / 6]);
  });

  it("computes page-load percentiles per version and per device, and the device effect", () => {
    expect(table(fromRaw.metricsDir, "p95_by_version.csv")).toEqual([
      ["1.0.0", "3", "2000", "true"],
      ["1.1.0", "4", "5000", "true"],
    ]);
    // Slowest median first; the unknown device (u000004) is a row here.
    expect(table(fromRaw.metricsDir, "device_performance.csv")).toEqual([
      ["Mac", "1", "5000", "5000"],
      ["Windows", "2", "3000", "4000"],
      ["iPhone", "3", "1500", "2000"],
      ["unknown", "1", "500", "500"],
    ]);
    // Ranks 1–6 without ties: iPhone 1+2+3, Windows 4+5, Mac 6; H = 12/(6·7)·(6²/3 + 9²/2 + 6²/1) − 3·7.
    const effect = JSON.parse(readFileSync(join(fromRaw.metricsDir, "device_correlation.json"), "utf8")) as Record<string, number>;
    expect(effect.kruskal_h).toBeCloseTo(30 / 7, 10);
    expect(effect.epsilon_squared).toBeCloseTo(30 / 7 / 5, 10);
    expect(effect).toMatchObject({ n: 6, groups: 3 });
    // η² of ln(load ms) by device, by hand: between-group over total sum of squares.
    const groups = [[1000, 2000, 1500], [3000, 4000], [5000]].map((loads) => loads.map(Math.log));
    const all = groups.flat();
    const meanOf = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const grand = meanOf(all);
    const between = groups.reduce((sum, g) => sum + g.length * (meanOf(g) - grand) ** 2, 0);
    const total = all.reduce((sum, x) => sum + (x - grand) ** 2, 0);
    expect(effect.eta_squared_log).toBeCloseTo(between / total, 10);
  });

  it("flags nothing where no bucket reaches the detector's minimum of 10 users' worth of events", () => {
    // Four users and nine events: every daily and hourly bucket is below the minimum count.
    expect(table(fromRaw.metricsDir, "anomalies.csv")).toEqual([]);
    expect(readFileSync(join(fromRaw.metricsDir, "anomalies.jsonl"), "utf8")).toBe("");
  });

  it("reads already-ingested folders as they are and writes identical metric files", async () => {
    const ingested = join(dir, "from-raw", "ingested");
    const again = await runAnalyzeJob(spark, {
      interactions: join(ingested, "interactions"),
      metadata: join(ingested, "metadata"),
      outDir: join(dir, "from-ingested"),
    });
    expect(again.run.inputs.interactions).toMatchObject({ kind: "ingested", rows: 9 });
    expect(again.run.inputs.metadata.kind).toBe("ingested");
    expect(readdirSync(join(dir, "from-ingested")).sort()).toEqual(["metrics", "run.json"]);
    const files = readdirSync(fromRaw.metricsDir).sort();
    expect(readdirSync(again.metricsDir).sort()).toEqual(files);
    for (const file of files) expect(readFileSync(join(again.metricsDir, file), "utf8")).toBe(readFileSync(join(fromRaw.metricsDir, file), "utf8"));
  }, 300_000);

  it("--only dau writes only dau.csv, and --as-of leaves later days out", async () => {
    const ingested = join(dir, "from-raw", "ingested");
    const only = await runAnalyzeJob(spark, {
      interactions: join(ingested, "interactions"),
      metadata: join(ingested, "metadata"),
      outDir: join(dir, "only"),
      only: ["dau"],
      asOf: "2023-06-06",
    });
    expect(readdirSync(only.metricsDir)).toEqual(["dau.csv"]);
    expect(table(only.metricsDir, "dau.csv")).toEqual([
      ["2023-06-05", "2", "2", "2", "1"],
      ["2023-06-06", "3", "4", "4", "0.75"],
    ]);
    const run = JSON.parse(readFileSync(join(dir, "only", "run.json"), "utf8")) as { as_of: string; analyses: { name: string }[] };
    expect(run.as_of).toBe("2023-06-06");
    expect(run.analyses.map((a) => a.name)).toEqual(["dau"]);
  }, 120_000);
});
