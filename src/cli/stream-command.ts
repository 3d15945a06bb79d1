import { resolve } from "node:path";
import { defaultStreamingP95Options } from "../domain/analyses/performance/streaming-p95";
import { defaultPlausibleRange } from "../domain/data/ingest/interaction-rules";
import { runStreamJob, startStreamJob } from "../jobs/stream-job";
import { formatSnapshotTable, readSnapshot } from "../jobs/stream/p95-snapshot";
import { defineCommand, type CommandGroup } from "../lib/command-line/command";
import { integer, valueKind } from "../lib/command-line/value-kinds";
import { openSpark } from "../server/spark-endpoint";
import { formatCount } from "../lib/text/format";

const UNITS: Readonly<Record<string, string>> = { ms: "milliseconds", s: "seconds", m: "minutes", h: "hours" };

/** `5s` → `5 seconds` (Spark's interval text); text Spark reads already (`5 seconds`) passes through; anything else is undefined. */
export function sparkInterval(text: string): string | undefined {
  const match = /^(\d+)\s*(ms|s|m|h)$/.exec(text.trim());
  if (match) return `${match[1] ?? ""} ${UNITS[match[2] ?? ""] ?? ""}`;
  return /^\d+\s+[a-z]+$/i.test(text.trim()) ? text.trim() : undefined;
}

const streamRun = defineCommand({
  name: "run",
  summary: "Keep the p95 of page load time per app_version while interaction CSV files land",
  description: `Starts a Structured Streaming query over the interaction CSV files that land in the source folder
    (the brief's layout; move finished files in, names starting with . or _ are skipped) and keeps the
    running p95 of page load time per app_version, per app_version and window, and over all page loads.
    After every micro-batch it writes DIR/p95_current.json and DIR/p95_current.csv (atomically) and
    prints a progress line. State and offsets live in DIR/checkpoint: run it again to resume where it
    stopped, every event counted once. Stops after --for seconds, or on Ctrl-C.

    Uses SPARK_REMOTE when set; otherwise starts an embedded Spark Connect server and stops it after.`,
  options: {
    source: { value: "DIR", required: true, description: "the folder the interaction CSV files land in" },
    out: { value: "DIR", required: true, description: "where the p95 tables and the checkpoint go" },
    trigger: {
      kind: valueKind('a duration such as 500ms, 5s, 1m or "5 seconds"', "T", sparkInterval),
      default: "5 seconds",
      description: "micro-batch interval: 500ms, 5s, 1m",
    },
    window: {
      value: "W",
      default: defaultStreamingP95Options(defaultPlausibleRange()).window,
      description: "event-time window of the finer level; fixed by the checkpoint, use a new --out to change it",
    },
    for: { kind: integer(), value: "SECONDS", defaultText: "run until Ctrl-C", description: "stop after this many seconds" },
  },
  async run({ values }) {
    const { trigger } = values;
    // The server resolves relative paths against its own working directory: send absolute ones.
    const source = resolve(values.source);
    const outDir = resolve(values.out);
    const forSeconds = values.for;
    const p95 = { ...defaultStreamingP95Options(defaultPlausibleRange()), window: values.window };

    const stop = new AbortController();
    const onSignal = (): void => {
      console.log("Stopping the query…");
      stop.abort();
    };
    process.once("SIGINT", onSignal);
    const endpoint = await openSpark();
    try {
      const job = await startStreamJob(endpoint.spark, { source, outDir, trigger, p95 });
      console.log(`Streaming ${source} → ${outDir} (query ${job.query.id}, run ${job.query.runId}, trigger ${trigger}, window ${p95.window})`);
      await runStreamJob(job, {
        ...(forSeconds !== undefined && { forMs: forSeconds * 1000 }),
        signal: stop.signal,
        onSnapshot: (snapshot, progress) => {
          const all = snapshot.rows.find((r) => r.level === "all");
          const versions = snapshot.rows.filter((r) => r.level === "app_version").length;
          const took = progress?.durationMs.triggerExecution;
          console.log(
            `batch ${snapshot.batchId} at ${snapshot.triggerTime}${took === undefined ? "" : ` (${took} ms)`}: ` +
              `${formatCount(all?.events ?? 0)} page loads, ${versions} versions, p95 ${all?.p95_ms ?? "–"} ms overall`,
          );
        },
      });
      console.log(`Stopped; resume with the same --out (checkpoint ${job.checkpoint})`);
    } finally {
      process.removeListener("SIGINT", onSignal);
      await endpoint.close();
    }
  },
});

const streamStatus = defineCommand({
  name: "status",
  summary: "Print the last published p95 table of a stream's output folder",
  description: "Prints the last p95 table 'insights stream run' published to DIR (per version, with event counts).",
  options: {
    out: { value: "DIR", required: true, description: "the --out of 'insights stream run'" },
  },
  run({ values }) {
    const outDir = resolve(values.out);
    const snapshot = readSnapshot(outDir);
    if (snapshot === undefined) throw new Error(`No p95 snapshot in ${outDir} yet: is 'insights stream run --out ${outDir}' running, and has a file landed?`);
    console.log(formatSnapshotTable(snapshot));
    return Promise.resolve();
  },
});

export const streamCommands: CommandGroup = {
  name: "stream",
  description: "Near-real-time p95 of page load time per app_version, over interaction CSV files as they land in a folder.",
  commands: [streamRun, streamStatus],
};
