import { copyFileSync, renameSync } from "node:fs";
import { basename, join } from "node:path";
import { rankRange, withinRankTolerance } from "../../src/analyses/performance/streaming-p95-rank";
import type { P95Snapshot } from "../../src/jobs/stream/p95-snapshot";
import type { StreamJob } from "../../src/jobs/stream-job";

/** Copies `file` into `folder` under a dot name (skipped by the file source), then renames it in; returns when it landed (ms). */
export function land(file: string, folder: string): number {
  const hidden = join(folder, `.${basename(file)}`);
  copyFileSync(file, hidden);
  renameSync(hidden, join(folder, basename(file)));
  return Date.now();
}

/** A published snapshot, when it was published, and its total page loads. */
export interface Publication {
  readonly at: number;
  readonly batchId: number;
  readonly events: number;
  readonly snapshot: P95Snapshot;
}

/** Publishes the stream's snapshots every `pollMs` until stopped, keeping each one with its time. */
export class Publisher {
  readonly publications: Publication[] = [];
  private running = true;
  /** Why the loop ended early (the query failed, the server went away), if it did. */
  private failure: Error | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly job: StreamJob,
    pollMs = 250,
  ) {
    this.loop = (async () => {
      while (this.running) {
        const snapshot = await this.job.publishIfNew();
        if (snapshot !== undefined) {
          this.publications.push({ at: Date.now(), batchId: snapshot.batchId, events: totalEvents(snapshot), snapshot });
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    })().catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
    });
  }

  /** The first publication counting at least `events` page loads, waiting up to `timeoutMs` for it. */
  async waitFor(events: number, timeoutMs: number): Promise<Publication | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      const found = this.publications.find((p) => p.events >= events);
      if (found !== undefined || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Ends the loop (after its current poll); never throws. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

export function totalEvents(snapshot: P95Snapshot): number {
  return snapshot.rows.find((r) => r.level === "all")?.events ?? 0;
}

/** One version's streamed p95 against the exact values and the batch answer. */
export interface VersionAgreement {
  readonly app_version: string;
  readonly events: number;
  readonly exactEvents: number;
  readonly streamP95: number;
  readonly streamRank: { readonly lowest: number; readonly highest: number };
  readonly streamWithinTolerance: boolean;
  readonly batchP95: number | undefined;
  readonly batchWithinTolerance: boolean | undefined;
}

/** Compares every version of a snapshot with the exact page loads per version and the batch p95 per version. */
export function agreement(snapshot: P95Snapshot, exact: ReadonlyMap<string, readonly number[]>, batch: ReadonlyMap<string, number>): VersionAgreement[] {
  return snapshot.rows
    .filter((r) => r.level === "app_version")
    .map((row) => {
      const version = row.app_version ?? "";
      const values = exact.get(version) ?? [];
      const batchP95 = batch.get(version);
      return {
        app_version: version,
        events: row.events,
        exactEvents: values.length,
        streamP95: row.p95_ms,
        streamRank: values.length > 0 ? rankRange(values, row.p95_ms) : { lowest: NaN, highest: NaN },
        streamWithinTolerance: values.length > 0 && withinRankTolerance(values, row.p95_ms),
        batchP95,
        batchWithinTolerance: batchP95 === undefined || values.length === 0 ? undefined : withinRankTolerance(values, batchP95),
      };
    });
}

/** Page loads per version over the given files. */
export function loadsByVersion(perFile: readonly (readonly (readonly [string, number])[])[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const [version, ms] of perFile.flat()) {
    const group = groups.get(version);
    if (group === undefined) groups.set(version, [ms]);
    else group.push(ms);
  }
  return groups;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
