import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Row } from "../../connect";
import { compareVersions } from "../../domain/analyses/performance/version-order";
import { STREAM_P95_LEVELS, type StreamP95Level } from "../../domain/analyses/performance/streaming-p95";

export const SNAPSHOT_JSON = "p95_current.json";
export const SNAPSHOT_CSV = "p95_current.csv";

/** One row of the streamed p95 table. */
export interface StreamP95Row {
  readonly level: StreamP95Level;
  /** Null on the `all` row. */
  readonly app_version: string | null;
  /** ISO 8601 UTC; null outside the `app_version_window` level. */
  readonly window_start: string | null;
  readonly window_end: string | null;
  readonly events: number;
  readonly p95_ms: number;
  readonly low_confidence: boolean;
}

/** What the stream had computed after one micro-batch: the file other processes read. */
export interface P95Snapshot {
  readonly queryId: string;
  readonly runId: string;
  readonly batchId: number;
  /** When the micro-batch's trigger fired (Spark's progress timestamp). */
  readonly triggerTime: string;
  /** When this snapshot was written. */
  readonly publishedAt: string;
  /** Levels `all`, then `app_version` in release order, then windows per version in time order. */
  readonly rows: readonly StreamP95Row[];
}

/** The memory sink's rows as typed snapshot rows, in the snapshot's order. */
export function snapshotRows(rows: readonly Row[]): StreamP95Row[] {
  return rows
    .map((row) => ({
      level: asLevel(row.level),
      app_version: typeof row.app_version === "string" ? row.app_version : null,
      window_start: isoOrNull(row.window_start),
      window_end: isoOrNull(row.window_end),
      events: Number(row.events),
      p95_ms: Number(row.p95_ms),
      low_confidence: row.low_confidence === true,
    }))
    .sort(compareRows);
}

function compareRows(a: StreamP95Row, b: StreamP95Row): number {
  const byLevel = STREAM_P95_LEVELS.indexOf(b.level) - STREAM_P95_LEVELS.indexOf(a.level);
  if (byLevel !== 0) return byLevel;
  const byVersion = compareVersions(a.app_version ?? "", b.app_version ?? "");
  if (byVersion !== 0) return byVersion;
  return (a.window_start ?? "").localeCompare(b.window_start ?? "");
}

function asLevel(value: unknown): StreamP95Level {
  const level = STREAM_P95_LEVELS.find((l) => l === value);
  if (level === undefined) throw new Error(`Unknown p95 level '${String(value)}' in the stream's table`);
  return level;
}

function isoOrNull(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString();
  return typeof value === "string" ? value : null;
}

const CSV_COLUMNS = ["level", "app_version", "window_start", "window_end", "events", "p95_ms", "low_confidence"] as const;

/** The snapshot's rows as CSV with a header; empty fields for nulls (no value needs quoting: versions and ISO times have no commas). */
export function formatSnapshotCsv(rows: readonly StreamP95Row[]): string {
  const lines = rows.map((row) => CSV_COLUMNS.map((c) => (row[c] === null ? "" : String(row[c]))).join(","));
  return `${[CSV_COLUMNS.join(","), ...lines].join("\n")}\n`;
}

/**
 * Writes `p95_current.json` and `p95_current.csv` into `outDir`, each to a temporary name first
 * and renamed over the old file: a rename within a folder is atomic, so a reader sees the old
 * snapshot or the new one, never a torn file. The JSON is renamed last and is the one to trust
 * (the CSV can be one batch ahead of it for an instant).
 */
export function publishSnapshot(outDir: string, snapshot: P95Snapshot): void {
  mkdirSync(outDir, { recursive: true });
  writeAtomically(join(outDir, SNAPSHOT_CSV), formatSnapshotCsv(snapshot.rows));
  writeAtomically(join(outDir, SNAPSHOT_JSON), `${JSON.stringify(snapshot, null, 2)}\n`);
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** The latest published snapshot in `outDir`, or undefined when none has been published yet. */
export function readSnapshot(outDir: string): P95Snapshot | undefined {
  let text: string;
  try {
    text = readFileSync(join(outDir, SNAPSHOT_JSON), "utf8");
  } catch {
    return undefined;
  }
  return JSON.parse(text) as P95Snapshot;
}

/** The per-version table of a snapshot as aligned text (windows are in the CSV). */
export function formatSnapshotTable(snapshot: P95Snapshot): string {
  const header = `batch ${snapshot.batchId}, triggered ${snapshot.triggerTime}, published ${snapshot.publishedAt}`;
  const shown = snapshot.rows.filter((r) => r.level !== "app_version_window");
  const cells = [
    ["app_version", "events", "p95_ms", ""],
    ...shown.map((r) => [r.app_version ?? "all", String(r.events), String(r.p95_ms), r.low_confidence ? "low confidence" : ""]),
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const lines = cells.map((row) =>
    row
      .map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
  return [header, ...lines].join("\n");
}
