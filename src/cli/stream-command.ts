import { resolve } from "node:path";
import { defaultStreamingP95Options } from "../domain/analyses/performance/streaming-p95";
import { defaultPlausibleRange } from "../domain/data/ingest/interaction-rules";
import { runStreamJob, startStreamJob } from "../jobs/stream-job";
import { formatSnapshotTable, readSnapshot } from "../jobs/stream/p95-snapshot";
import { openSpark } from "../server/spark-endpoint";
import { assertKnownFlags, flag, intFlag, requiredFlag, UsageError, type ParsedArgs } from "./args";

export const STREAM_HELP = `insights stream run --source DIR --out DIR [--trigger 5s] [--window "1 hour"] [--for SECONDS]
insights stream status --out DIR

  run     Starts a Structured Streaming query over the interaction CSV files that land in the
          source folder (the brief's layout; move finished files in, names starting with . or _
          are skipped) and keeps the running p95 of page load time per app_version, per
          app_version and window, and over all page loads. After every micro-batch it writes
          DIR/p95_current.json and DIR/p95_current.csv (atomically) and prints a progress line.
          State and offsets live in DIR/checkpoint: run it again to resume where it stopped,
          every event counted once. Stops after --for seconds, or on Ctrl-C.
            --trigger T    micro-batch interval: 500ms, 5s, 1m (default 5s)
            --window W     event-time window of the finer level (default "1 hour"); fixed by
                           the checkpoint, use a new --out to change it
            --for N        stop after N seconds (default: run until Ctrl-C)
  status  Prints the last published p95 table of DIR (per version, with event counts).
  Uses SPARK_REMOTE when set; otherwise starts an embedded Spark Connect server and stops it after.`;

export async function streamCommand(args: ParsedArgs): Promise<void> {
  const action = args.positional[1];
  switch (action) {
    case "run":
      return run(args);
    case "status":
      return status(args);
    default:
      throw new UsageError(`stream needs run or status\n\n${STREAM_HELP}`);
  }
}

async function run(args: ParsedArgs): Promise<void> {
  assertKnownFlags(args, ["source", "out", "trigger", "window", "for"]);
  // The server resolves relative paths against its own working directory: send absolute ones.
  const source = resolve(requiredFlag(args, "source"));
  const outDir = resolve(requiredFlag(args, "out"));
  const trigger = sparkInterval(flag(args, "trigger") ?? "5s");
  const forSeconds = intFlag(args, "for");
  const p95 = { ...defaultStreamingP95Options(defaultPlausibleRange()), ...(flag(args, "window") !== undefined && { window: flag(args, "window") as string }) };

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
            `${(all?.events ?? 0).toLocaleString("en-US")} page loads, ${versions} versions, p95 ${all?.p95_ms ?? "–"} ms overall`,
        );
      },
    });
    console.log(`Stopped; resume with the same --out (checkpoint ${job.checkpoint})`);
  } finally {
    process.removeListener("SIGINT", onSignal);
    await endpoint.close();
  }
}

function status(args: ParsedArgs): Promise<void> {
  assertKnownFlags(args, ["out"]);
  const outDir = resolve(requiredFlag(args, "out"));
  const snapshot = readSnapshot(outDir);
  if (snapshot === undefined) throw new Error(`No p95 snapshot in ${outDir} yet: is 'insights stream run --out ${outDir}' running, and has a file landed?`);
  console.log(formatSnapshotTable(snapshot));
  return Promise.resolve();
}

const UNITS: Readonly<Record<string, string>> = { ms: "milliseconds", s: "seconds", m: "minutes", h: "hours" };

/** `5s` → `5 seconds` (Spark's interval text); text Spark reads already (`5 seconds`) passes through. */
export function sparkInterval(text: string): string {
  const match = /^(\d+)\s*(ms|s|m|h)$/.exec(text.trim());
  if (match) return `${match[1] ?? ""} ${UNITS[match[2] ?? ""] ?? ""}`;
  if (/^\d+\s+[a-z]+$/i.test(text.trim())) return text.trim();
  throw new UsageError(`--trigger takes a duration such as 500ms, 5s, 1m or "5 seconds", not '${text}'`);
}
