import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withinRankTolerance } from "../../src/domain/analyses/performance/streaming-p95-rank";
import { readSnapshot } from "../../src/jobs/stream/p95-snapshot";
import { totalEvents } from "../../src/jobs/stream/snapshot-publisher";
import { ReportSession } from "../../src/report/session/report-session";
import { agreementRows, formatStreamDemo, nearRealTimeDemo, type StreamDemoResult } from "../../src/report/sections/stream-section";
import { useTempDir } from "../support/spark";
import type { InteractionRow } from "../../src/domain/data/schemas";

const VERSIONS = ["6.1.0", "6.2.0", "6.10.0", "7.0.0"] as const;
const ACTIONS = ["page_view", "page_view", "page_view", "edit", "share"] as const;
const DAYS = ["2023-07-01", "2023-07-02", "2023-07-03", "2023-07-04"] as const;
const ROWS = 4000;

/** An interaction with the UTC day of its timestamp: the partition folder it is written to. */
type Interaction = InteractionRow & { event_date: string };

/** Valid interactions over DAYS from a seeded LCG, with heavy-tailed (log-normal) durations. */
function interactions(seed: number): Interaction[] {
  let state = seed;
  const uniform = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return (Math.floor(state / 2 ** 8) + 0.5) / 2 ** 23;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(uniform() * values.length)] as T;
  return Array.from({ length: ROWS }, (_, i) => {
    const timestamp = new Date(Date.parse(`${pick(DAYS)}T00:00:00Z`) + Math.floor(uniform() * 86_400) * 1000);
    const normal = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    return {
      user_id: `u${String(1 + (i % 700)).padStart(6, "0")}`,
      timestamp,
      action_type: pick(ACTIONS),
      page_id: `p${String(1 + (i % 40)).padStart(6, "0")}`,
      duration_ms: Math.round(Math.exp(7 + 0.8 * normal)),
      app_version: pick(VERSIONS),
      event_date: timestamp.toISOString().slice(0, 10),
    };
  });
}

const ROWS_WRITTEN = interactions(7);
/** The page loads of the last two days, by version: the demo's exact reference, computed here. */
const LAST_TWO = new Set<string>(DAYS.slice(-2));
const EXPECTED = ROWS_WRITTEN.filter((r) => LAST_TWO.has(r.event_date) && r.action_type === "page_view");
const EXPECTED_BY_VERSION = new Map(VERSIONS.map((v) => [v as string, EXPECTED.filter((r) => r.app_version === v)]));

let session: ReportSession;
const dir = useTempDir("insights-stream-demo-");
let result: StreamDemoResult;

beforeAll(async () => {
  session = await ReportSession.open({ sparkRemote: inject("sparkRemote"), sparkUi: inject("sparkUiUrl"), runDir: join(dir, "run") });
  // Ingestion's layout: typed Parquet in event_date= folders (the folder holds the date, the files the brief's columns).
  const parquet = join(dir, "interactions");
  await session.spark
    .createDataFrame(ROWS_WRITTEN, "user_id string, timestamp timestamp, action_type string, page_id string, duration_ms bigint, app_version string, event_date string")
    .write.mode("overwrite")
    .partitionBy("event_date")
    .parquet(parquet);
  result = await nearRealTimeDemo(session, { interactionsParquet: parquet, days: 2, triggerSeconds: 2, gapMs: 2500 });
}, 180_000);
afterAll(async () => {
  await session.close();
});

describe("the near-real-time p95 demonstration", () => {
  it("lands one CSV file per day of the last two event dates", () => {
    expect(result.files).toBe(2);
    expect(readdirSync(join(session.paths.runDir, "stream", "staging")).sort()).toEqual(DAYS.slice(-2).map((d) => `interactions-${d}.csv`));
  });

  it("measures a positive freshness for every file", () => {
    expect(result.freshnessMs).toHaveLength(2);
    for (const ms of result.freshnessMs) {
      expect(Number.isFinite(ms)).toBe(true);
      expect(ms).toBeGreaterThan(0);
    }
  });

  it("counts exactly the page loads written for those days, per version too", () => {
    expect(result.exactEvents).toBe(EXPECTED.length);
    expect(totalEvents(result.snapshot)).toBe(EXPECTED.length);
    const streamed = result.snapshot.rows.filter((r) => r.level === "app_version").map((r) => [r.app_version, r.events] as const);
    expect(new Map(streamed)).toEqual(new Map([...EXPECTED_BY_VERSION].map(([version, rows]) => [version, rows.length])));
  });

  it("puts every version's streamed p95 within ±1% of rank of the exact p95", () => {
    const versions = result.snapshot.rows.filter((r) => r.level === "app_version");
    expect(versions).toHaveLength(VERSIONS.length);
    for (const row of versions) {
      const values = (EXPECTED_BY_VERSION.get(row.app_version ?? "") ?? []).map((r) => r.duration_ms);
      expect(withinRankTolerance(values, row.p95_ms)).toBe(true);
    }
    expect(result.agreement.map((v) => v.app_version)).toEqual(["6.1.0", "6.2.0", "6.10.0", "7.0.0"]);
    expect(result.agreement.every((v) => v.within_tolerance && v.events === v.exact_events)).toBe(true);
    // At a few hundred loads per version the sketch holds every value: the streamed p95 is the exact one, the load at rank ⌈0.95 n⌉.
    for (const v of result.agreement) {
      const sorted = (EXPECTED_BY_VERSION.get(v.app_version) ?? []).map((r) => r.duration_ms).sort((a, b) => a - b);
      const rank = Math.ceil(0.95 * sorted.length);
      expect(v.exact_p95_ms).toBe(sorted[rank - 1]);
      expect(v.stream_p95_ms).toBe(v.exact_p95_ms);
      expect([v.exact_rank_low, v.exact_rank_high]).toEqual([rank / sorted.length, rank / sorted.length]);
    }
  });

  it("publishes the final snapshot where a notebook reads it", () => {
    expect(readSnapshot(join(session.paths.runDir, "stream", "out"))).toEqual(result.snapshot);
  });

  it("formats the verdicts and the largest versions first", () => {
    const text = formatStreamDemo(result);
    expect(text).toContain(`${EXPECTED.length.toLocaleString("en-US")} page loads`);
    expect(text).toContain("equal, every page load counted once");
    expect(text).toContain(`${VERSIONS.length} of ${VERSIONS.length} versions`);
    const rows = agreementRows(result);
    const loads = rows.map((r) => Number(r.page_loads));
    expect(loads).toEqual([...loads].sort((a, b) => b - a));
    expect(rows.every((r) => r.within_tolerance === "yes")).toBe(true);
  });

  it("explains a small version that misses the tolerance with the exact answer", () => {
    // 18 loads of 1..18 ms: the exact p95 is the 18th (rank 18/18 = 100%), 5% from 0.95.
    const small = { app_version: "5.0.0", events: 18, exact_events: 18, stream_p95_ms: 18, exact_p95_ms: 18, exact_rank_low: 1, exact_rank_high: 1, within_tolerance: false };
    const text = formatStreamDemo({ ...result, agreement: [...result.agreement, small] });
    expect(text).toContain(`${VERSIONS.length} of ${VERSIONS.length + 1} versions`);
    expect(text).toContain(`${VERSIONS.length + 1} equal the exact p95`);
    expect(text).toContain("the 1 outside it have fewer than 100 page loads");
  });
});
