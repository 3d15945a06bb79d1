import { resolve } from "node:path";
import { ANALYSIS_NAMES } from "../jobs/analyze/metric-analyses";
import { runAnalyzeJob } from "../jobs/analyze-job";
import { openSpark } from "../server/spark-endpoint";
import { assertKnownFlags, flag, requiredFlag, UsageError, type ParsedArgs } from "./args";

export const ANALYZE_HELP = `insights analyze --interactions PATH --metadata PATH --out DIR [--as-of YYYY-MM-DD] [--only a,b,…]

  Computes every metric table and writes each to DIR/metrics as one CSV file with a header:
  dau, mau_monthly, power_users, retention, session_summary, p95_by_version, device_performance,
  anomalies (also as alerts in anomalies.jsonl), and device_correlation.json; DIR/run.json
  records the inputs and their row counts, the join strategy and why, the parallelism settings
  and each analysis's duration. The enriched interactions are joined once and cached while the
  analyses read them.
    --interactions, --metadata PATH
                      raw CSV (the brief's layout) or raw Parquet, validated first into
                      DIR/ingested as 'insights ingest' does; or a folder 'insights ingest' wrote
                      (it has event_date=… subfolders for interactions, country=… for metadata),
                      read as it is
    --as-of DATE      the last day analysed; later events are left out (default: the last valid
                      event date)
    --only NAMES      comma-separated subset of: ${ANALYSIS_NAMES.join(", ")}
  Uses SPARK_REMOTE when set; otherwise starts an embedded Spark Connect server and stops it after.`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function analyzeCommand(args: ParsedArgs): Promise<void> {
  assertKnownFlags(args, ["interactions", "metadata", "out", "as-of", "only"]);
  const asOf = flag(args, "as-of");
  if (asOf !== undefined && !DATE.test(asOf)) throw new UsageError(`--as-of must be YYYY-MM-DD, not '${asOf}'`);
  const only = onlyFlag(args);
  const options = {
    // The server resolves relative paths against its own working directory: send absolute ones.
    interactions: resolve(requiredFlag(args, "interactions")),
    metadata: resolve(requiredFlag(args, "metadata")),
    outDir: resolve(requiredFlag(args, "out")),
    ...(asOf !== undefined && { asOf }),
    ...(only !== undefined && { only }),
  };

  const started = Date.now();
  const endpoint = await openSpark();
  try {
    const { metricsDir, run } = await runAnalyzeJob(endpoint.spark, options);
    console.log(`As of ${run.as_of}: ${run.inputs.interactions.rows.toLocaleString("en-US")} interactions, joined by ${run.join.strategy}`);
    for (const analysis of run.analyses) console.log(`  ${analysis.name.padEnd(12)} ${(analysis.duration_ms / 1000).toFixed(1).padStart(6)} s  ${analysis.files.join(", ")}`);
    console.log(`Metrics in ${metricsDir}`);
  } finally {
    await endpoint.close();
  }
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function onlyFlag(args: ParsedArgs): string[] | undefined {
  const value = flag(args, "only");
  if (value === undefined) return undefined;
  const names = value.split(",").map((name) => name.trim()).filter((name) => name !== "");
  const unknown = names.filter((name) => !ANALYSIS_NAMES.includes(name));
  if (unknown.length > 0) throw new UsageError(`--only: unknown analysis '${unknown.join("', '")}' (known: ${ANALYSIS_NAMES.join(", ")})`);
  if (names.length === 0) throw new UsageError("--only needs at least one analysis name");
  return names;
}
