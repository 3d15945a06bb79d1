import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultStreamingP95Options, type StreamingP95Options } from "../../src/domain/analyses/performance/streaming-p95";
import { withinRankTolerance } from "../../src/domain/analyses/performance/streaming-p95-rank";
import { SNAPSHOT_CSV, readSnapshot, type P95Snapshot } from "../../src/jobs/stream/p95-snapshot";
import { startStreamJob, type StreamJob } from "../../src/jobs/stream-job";
import { useSpark, useTempDir } from "../support/spark";

const VERSIONS = ["6.1.0", "6.2.0", "6.10.0"] as const;
const ACTIONS = ["page_view", "page_view", "page_view", "edit", "share"] as const;
const DAYS = ["2023-07-01", "2023-07-02", "2023-07-03"] as const;
const HEADER = "user_id,timestamp,action_type,page_id,duration_ms,app_version";
/** Lines every ingestion rule rejects one way or another: the stream must ignore them all. */
const INVALID_LINES = [
  "u000001,2023-07-01 10:00:00,page_view,p000001,-5,6.1.0", // negative duration
  "u000001,2023/07/01 10:00:00,page_view,p000001,500,6.1.0", // bad timestamp
  "u000001,1999-07-01 10:00:00,page_view,p000001,500,6.1.0", // implausible timestamp
  "u000001,2023-07-01 10:00:00,page_view,p000001,5x,6.1.0", // non-numeric duration
  "u000001,2023-07-01 10:00:00,page_view,p000001,500,6.1", // bad app_version
  "x1,2023-07-01 10:00:00,page_view,p000001,500,6.1.0", // bad user_id
  "u000001,2023-07-01 10:00:00,page_view,p000001,500,6.1.0,extra", // malformed row
];

interface Load {
  readonly version: string;
  readonly day: string;
  readonly ms: number;
}

/** One file's lines and the valid page loads among them, from a seeded LCG (heavy-tailed, log-normal durations). */
function makeFile(seed: number, rows: number): { lines: string[]; loads: Load[] } {
  let state = seed;
  const uniform = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return (Math.floor(state / 2 ** 8) + 0.5) / 2 ** 23;
  };
  const lines: string[] = [];
  const loads: Load[] = [];
  for (let i = 0; i < rows; i++) {
    const version = VERSIONS[Math.floor(uniform() * VERSIONS.length)] ?? "6.1.0";
    const action = ACTIONS[Math.floor(uniform() * ACTIONS.length)] ?? "edit";
    const day = DAYS[Math.floor(uniform() * DAYS.length)] ?? "2023-07-01";
    const second = Math.floor(uniform() * 86_400);
    const time = `${day} ${[second / 3600, (second / 60) % 60, second % 60].map((x) => String(Math.floor(x)).padStart(2, "0")).join(":")}`;
    const normal = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const ms = Math.round(Math.exp(7 + 0.8 * normal));
    lines.push(`u${String(1 + (i % 900)).padStart(6, "0")},${time},${action},p${String(1 + (i % 50)).padStart(6, "0")},${ms},${version}`);
    if (action === "page_view") loads.push({ version, day, ms });
  }
  return { lines: [...lines, ...INVALID_LINES], loads };
}

/** Writes a file under a dot name (skipped by the file source), then renames it into the folder. */
function land(folder: string, name: string, lines: readonly string[]): void {
  const hidden = join(folder, `.${name}`);
  writeFileSync(hidden, `${[HEADER, ...lines].join("\r\n")}\r\n`);
  renameSync(hidden, join(folder, name));
}

const FILES = [makeFile(1, 1500), makeFile(2, 1500), makeFile(3, 1500), makeFile(4, 1500)];

const spark = useSpark();
const dir = useTempDir("insights-stream-p95-");

afterAll(async () => {
  for (const query of await spark.streams.active()) await query.stop();
});

/** Publishes snapshots until the `all` row counts `events` page loads (or 90 s pass). */
async function waitForEvents(job: StreamJob, events: number): Promise<P95Snapshot | undefined> {
  const deadline = Date.now() + 90_000;
  let last: P95Snapshot | undefined;
  while (Date.now() < deadline) {
    last = (await job.publishIfNew()) ?? last;
    if (last?.rows.find((r) => r.level === "all")?.events === events) return last;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return last;
}

function group(loads: readonly Load[], key: (l: Load) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const load of loads) groups.set(key(load), [...(groups.get(key(load)) ?? []), load.ms]);
  return groups;
}

describe("near-real-time p95 per app_version", () => {
  it("agrees with an exact computation within ±1% of rank, counts exactly, and counts each event once across a restart", { timeout: 300_000 }, async () => {
    const source = join(dir, "source");
    const out = join(dir, "out");
    mkdirSync(source);
    const options: StreamingP95Options = { ...defaultStreamingP95Options({ earliest: "2000-01-01", latest: "2030-01-01" }), window: "1 day" };
    const start = (): Promise<StreamJob> => startStreamJob(spark, { source, outDir: out, trigger: "1 second", p95: options, queryName: "p95_test" });

    // First run: two files, then the query is stopped.
    land(source, "day-1.csv", FILES[0]?.lines ?? []);
    land(source, "day-2.csv", FILES[1]?.lines ?? []);
    const firstLoads = FILES.slice(0, 2).flatMap((f) => f.loads);
    const first = await start();
    const early = await waitForEvents(first, firstLoads.length);
    expect(early?.rows.find((r) => r.level === "all")?.events).toBe(firstLoads.length);
    await first.stop();

    // Two more files land while nothing runs; the restart resumes from the checkpoint.
    land(source, "day-3.csv", FILES[2]?.lines ?? []);
    land(source, "day-4.csv", FILES[3]?.lines ?? []);
    const loads = FILES.flatMap((f) => f.loads);
    const second = await start();
    expect(second.query.id).toBe(first.query.id);
    expect(second.query.runId).not.toBe(first.query.runId);
    const snapshot = await waitForEvents(second, loads.length);
    await second.stop();
    if (snapshot === undefined) throw new Error("No snapshot was published");

    const rowsOf = (level: string): P95Snapshot["rows"] => snapshot.rows.filter((r) => r.level === level);
    // Exactly once: every level's counts equal the counts of the loads written, not one more.
    const byVersion = group(loads, (l) => l.version);
    expect(new Map(rowsOf("app_version").map((r) => [r.app_version, r.events]))).toEqual(new Map([...byVersion].map(([k, v]) => [k, v.length])));
    const byWindow = group(loads, (l) => `${l.version} ${l.day}T00:00:00.000Z`);
    expect(new Map(rowsOf("app_version_window").map((r) => [`${r.app_version ?? ""} ${r.window_start ?? ""}`, r.events]))).toEqual(
      new Map([...byWindow].map(([k, v]) => [k, v.length])),
    );
    // Agreement: each reported p95's rank among the exact values lies within ±1% of 0.95.
    for (const row of rowsOf("app_version")) expect(withinRankTolerance(byVersion.get(row.app_version ?? "") ?? [], row.p95_ms)).toBe(true);
    for (const row of rowsOf("app_version_window")) {
      expect(withinRankTolerance(byWindow.get(`${row.app_version ?? ""} ${row.window_start ?? ""}`) ?? [], row.p95_ms)).toBe(true);
    }
    const [all] = rowsOf("all");
    expect(
      withinRankTolerance(
        loads.map((l) => l.ms),
        all?.p95_ms ?? NaN,
      ),
    ).toBe(true);
    // Release order: 6.10.0 after 6.2.0.
    expect(rowsOf("app_version").map((r) => r.app_version)).toEqual(["6.1.0", "6.2.0", "6.10.0"]);

    // The published files say the same as the last snapshot.
    expect(readSnapshot(out)).toEqual(snapshot);
    const csv = readFileSync(join(out, SNAPSHOT_CSV), "utf8").trimEnd().split("\n");
    expect(csv).toHaveLength(snapshot.rows.length + 1);
  });
});
