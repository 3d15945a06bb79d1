import type { StreamJob } from "../stream-job";
import type { P95Snapshot } from "./p95-snapshot";

/** A published snapshot, when it was published (epoch ms), and its total page loads. */
export interface Publication {
  readonly at: number;
  readonly batchId: number;
  readonly events: number;
  readonly snapshot: P95Snapshot;
}

/** The page loads a snapshot has counted so far (its `all` row; 0 before the first load). */
export function totalEvents(snapshot: P95Snapshot): number {
  return snapshot.rows.find((r) => r.level === "all")?.events ?? 0;
}

/**
 * Publishes a stream job's snapshots every `pollMs` in the background until stopped, keeping each
 * one with the time it was published: what a measurement of freshness (landing → visible in the
 * published snapshot) looks up. A snapshot is seen at most `pollMs` after its micro-batch ends.
 */
export class SnapshotPublisher {
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

  /**
   * The first publication at or after `after` (epoch ms) counting at least `events` page loads,
   * waiting up to `timeoutMs` for it.
   */
  async waitFor(events: number, timeoutMs: number, after = 0): Promise<Publication | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      const found = this.publications.find((p) => p.at >= after && p.events >= events);
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
