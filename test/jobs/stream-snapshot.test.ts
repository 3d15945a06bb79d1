import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  formatSnapshotCsv,
  formatSnapshotTable,
  publishSnapshot,
  readSnapshot,
  snapshotRows,
  SNAPSHOT_CSV,
  type P95Snapshot,
} from "../../src/jobs/stream/p95-snapshot";

const dir = mkdtempSync(join(tmpdir(), "insights-stream-snapshot-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const MEMORY_ROWS = [
  {
    level: "app_version_window",
    app_version: "6.2.0",
    window_start: new Date("2023-07-02T00:00:00Z"),
    window_end: new Date("2023-07-03T00:00:00Z"),
    events: 5,
    p95_ms: 900,
    low_confidence: true,
  },
  { level: "app_version", app_version: "6.10.0", window_start: null, window_end: null, events: 150, p95_ms: 1200, low_confidence: false },
  { level: "all", app_version: null, window_start: null, window_end: null, events: 160, p95_ms: 1100, low_confidence: false },
  {
    level: "app_version_window",
    app_version: "6.2.0",
    window_start: new Date("2023-07-01T00:00:00Z"),
    window_end: new Date("2023-07-02T00:00:00Z"),
    events: 5,
    p95_ms: 800,
    low_confidence: true,
  },
  { level: "app_version", app_version: "6.2.0", window_start: null, window_end: null, events: 10, p95_ms: 950, low_confidence: true },
];

describe("p95 snapshot", () => {
  const rows = snapshotRows(MEMORY_ROWS);
  const snapshot: P95Snapshot = {
    queryId: "q",
    runId: "r",
    batchId: 3,
    triggerTime: "2026-01-01T00:00:05.000Z",
    publishedAt: "2026-01-01T00:00:06.000Z",
    rows,
  };

  it("orders rows: all, versions in release order, then windows per version in time order", () => {
    expect(rows.map((r) => `${r.level}:${r.app_version ?? ""}:${r.window_start ?? ""}`)).toEqual([
      "all::",
      "app_version:6.2.0:",
      "app_version:6.10.0:",
      "app_version_window:6.2.0:2023-07-01T00:00:00.000Z",
      "app_version_window:6.2.0:2023-07-02T00:00:00.000Z",
    ]);
  });

  it("writes CSV with a header and empty fields for nulls", () => {
    expect(formatSnapshotCsv(rows.slice(0, 2))).toBe(
      "level,app_version,window_start,window_end,events,p95_ms,low_confidence\nall,,,,160,1100,false\napp_version,6.2.0,,,10,950,true\n",
    );
  });

  it("publishes by rename, leaving no temporary file, and reads back what it wrote", () => {
    publishSnapshot(dir, snapshot);
    publishSnapshot(dir, { ...snapshot, batchId: 4 });
    expect(readdirSync(dir).sort()).toEqual([SNAPSHOT_CSV, "p95_current.json"].sort());
    expect(readSnapshot(dir)).toEqual({ ...snapshot, batchId: 4 });
    expect(readFileSync(join(dir, SNAPSHOT_CSV), "utf8")).toBe(formatSnapshotCsv(rows));
    expect(readSnapshot(join(dir, "missing"))).toBeUndefined();
  });

  it("prints the per-version table with the batch it describes", () => {
    expect(formatSnapshotTable(snapshot).split("\n")).toEqual([
      "batch 3, triggered 2026-01-01T00:00:05.000Z, published 2026-01-01T00:00:06.000Z",
      "app_version  events  p95_ms",
      "all             160    1100",
      "6.2.0            10     950  low confidence",
      "6.10.0          150    1200",
    ]);
  });
});
