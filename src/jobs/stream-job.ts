import { join } from "node:path";
import type { SparkSession, StreamingQuery, StreamingQueryProgress } from "../connect";
import { streamingP95, streamValidInteractions, type StreamingP95Options } from "../domain/analyses/performance/streaming-p95";
import { publishSnapshot, snapshotRows, type P95Snapshot } from "./stream/p95-snapshot";

export interface StreamJobOptions {
  /** The folder new interaction CSV files land in (the brief's layout). */
  readonly source: string;
  /** Receives `checkpoint/` and the published snapshot (`p95_current.json`, `p95_current.csv`). */
  readonly outDir: string;
  /** The micro-batch interval, as Spark reads it: "5 seconds". */
  readonly trigger: string;
  readonly p95: StreamingP95Options;
  /** The query's name, also the memory table's. Default `p95_stream`. */
  readonly queryName?: string;
  /**
   * Shuffle partitions of the aggregation, i.e. state store instances. Fixed in the checkpoint at
   * the first start (Spark ignores later changes). Default 2: the state is one bounded summary per
   * version and window, and every partition costs a task and a state-store commit per
   * micro-batch, a large part of a micro-batch's time at this size (two bench:stream runs on the
   * shared two-core machine: median micro-batch 5.2 s with 4, 2.9 s with 2). Raise it for a cluster.
   */
  readonly statePartitions?: number;
}

/** A started stream: its query, and the publishing of its current table. */
export interface StreamJob {
  readonly query: StreamingQuery;
  readonly queryName: string;
  readonly checkpoint: string;
  /** Publishes the current table when a micro-batch has completed since the last call; returns that snapshot. */
  publishIfNew(): Promise<P95Snapshot | undefined>;
  /** Stops the query (the checkpoint keeps every committed micro-batch; a restart resumes from there). */
  stop(): Promise<void>;
}

export const DEFAULT_QUERY_NAME = "p95_stream";
const DEFAULT_STATE_PARTITIONS = 2;

/**
 * Starts the near-real-time p95 (streamingP95 over streamValidInteractions) into a memory sink
 * in complete mode, checkpointed under OUT/checkpoint.
 *
 * Why a memory sink and a published file: Spark Connect 3.5 gives a TypeScript client no
 * foreachBatch (it needs a Python or Scala function), and file sinks take only append mode,
 * which a running aggregation cannot use without a watermark that finalises (and forgets) its
 * groups. The memory sink holds the latest complete table in the server's session, readable as
 * `spark.table(queryName)`; this process, which owns the query, copies it to OUT after every
 * micro-batch (publishIfNew) so that other processes read the current p95 from a file. The
 * memory table is lost with the server; the checkpoint is not: a restart rebuilds the table from
 * the checkpointed state at its first micro-batch.
 */
export async function startStreamJob(spark: SparkSession, options: StreamJobOptions): Promise<StreamJob> {
  const queryName = options.queryName ?? DEFAULT_QUERY_NAME;
  const checkpoint = join(options.outDir, "checkpoint");
  // As ingestion: a timestamp the Spark 3 parser rejects is null (a rejected row), not a failed batch.
  await spark.conf.set("spark.sql.legacy.timeParserPolicy", "CORRECTED");
  await spark.conf.set("spark.sql.shuffle.partitions", options.statePartitions ?? DEFAULT_STATE_PARTITIONS);
  const table = streamingP95(streamValidInteractions(spark, options.source, options.p95.plausible), options.p95);
  const query = await table.writeStream
    .format("memory")
    .outputMode("complete")
    .queryName(queryName)
    .option("checkpointLocation", checkpoint)
    .trigger({ processingTime: options.trigger })
    .start();

  let lastTimestamp: string | undefined;
  return {
    query,
    queryName,
    checkpoint,
    async publishIfNew() {
      const progress = await query.lastProgress();
      // An idle trigger reports progress too (every 10 s, spark.sql.streaming.noDataProgressEventInterval),
      // without an addBatch phase: the table has not changed, so there is nothing to publish.
      if (progress === undefined || progress.timestamp === lastTimestamp || progress.durationMs.addBatch === undefined) {
        await assertActive(query);
        return undefined;
      }
      lastTimestamp = progress.timestamp;
      const snapshot = await readSnapshotOf(spark, queryName, query, progress);
      publishSnapshot(options.outDir, snapshot);
      return snapshot;
    },
    stop: () => query.stop(),
  };
}

/** The memory table now, stamped with the progress that announced it. */
async function readSnapshotOf(spark: SparkSession, queryName: string, query: StreamingQuery, progress: StreamingQueryProgress): Promise<P95Snapshot> {
  const rows = snapshotRows(await spark.table(queryName).collect({ longs: "number" }));
  return { queryId: query.id, runId: query.runId, batchId: progress.batchId, triggerTime: progress.timestamp, publishedAt: new Date().toISOString(), rows };
}

async function assertActive(query: StreamingQuery): Promise<void> {
  if (await query.isActive()) return;
  const failure = await query.exception();
  throw new Error(
    failure === undefined
      ? `The streaming query ${query.name ?? query.id} has stopped`
      : `The streaming query ${query.name ?? query.id} failed: ${failure.message}`,
  );
}

export interface RunStreamOptions {
  /** Stop after this many milliseconds; default: run until `signal` aborts. */
  readonly forMs?: number;
  readonly signal?: AbortSignal;
  /** How often to ask for progress. Default 500 ms: a snapshot lags its micro-batch by at most this. */
  readonly pollMs?: number;
  /** Called with every published snapshot and the progress behind it. */
  readonly onSnapshot?: (snapshot: P95Snapshot, progress: StreamingQueryProgress | undefined) => void;
}

/**
 * Runs a started stream: publishes a snapshot after every micro-batch until `forMs` passes or
 * `signal` aborts, then stops the query. Returns the last snapshot published.
 */
export async function runStreamJob(job: StreamJob, options: RunStreamOptions = {}): Promise<P95Snapshot | undefined> {
  const pollMs = options.pollMs ?? 500;
  const deadline = options.forMs === undefined ? Infinity : Date.now() + options.forMs;
  let last: P95Snapshot | undefined;
  try {
    while (options.signal?.aborted !== true && Date.now() < deadline) {
      const snapshot = await job.publishIfNew();
      if (snapshot !== undefined) {
        last = snapshot;
        options.onSnapshot?.(snapshot, await job.query.lastProgress());
      }
      await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())), options.signal);
    }
  } finally {
    await job.stop();
  }
  return last;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
