import { resolve } from "node:path";
import { ANALYSIS_NAMES } from "../jobs/analyze/metric-analyses";
import { runAnalyzeJob } from "../jobs/analyze-job";
import { defineCommand } from "../lib/command-line/command";
import { commaList, date } from "../lib/command-line/value-kinds";
import { openSpark } from "../server/spark-endpoint";
import { formatCount } from "../lib/text/format";

export const analyzeCommand = defineCommand({
  name: "analyze",
  summary: "Compute every metric table from raw or ingested inputs",
  description: `Computes every metric table and writes each to DIR/metrics as one CSV file with a header: dau,
    mau_monthly, power_users, retention, session_summary, p95_by_version, device_performance, anomalies
    (also as alerts in anomalies.jsonl), and device_correlation.json; DIR/run.json records the inputs and
    their row counts, the join strategy and why, the parallelism settings and each analysis's duration.
    The enriched interactions are joined once and cached while the analyses read them.

    Uses SPARK_REMOTE when set; otherwise starts an embedded Spark Connect server and stops it after.`,
  options: {
    interactions: {
      value: "PATH",
      required: true,
      description: `raw CSV (the brief's layout) or raw Parquet, validated first into DIR/ingested as 'insights
        ingest' does; or a folder 'insights ingest' wrote (it has event_date=… subfolders), read as it is`,
    },
    metadata: {
      value: "PATH",
      required: true,
      description: "the same for the metadata: raw, or a folder 'insights ingest' wrote (it has country=… subfolders)",
    },
    out: { value: "DIR", required: true, description: "where metrics/, run.json and, for raw inputs, ingested/ go" },
    "as-of": { kind: date, defaultText: "the last valid event date", description: "the last day analysed; later events are left out" },
    only: { kind: commaList(ANALYSIS_NAMES), value: "NAMES", defaultText: "all", description: `comma-separated subset of: ${ANALYSIS_NAMES.join(", ")}` },
  },
  async run({ values }) {
    const { only } = values;
    const asOf = values["as-of"];
    const options = {
      // The server resolves relative paths against its own working directory: send absolute ones.
      interactions: resolve(values.interactions),
      metadata: resolve(values.metadata),
      outDir: resolve(values.out),
      ...(asOf !== undefined && { asOf }),
      ...(only !== undefined && { only }),
    };

    const started = Date.now();
    const endpoint = await openSpark();
    try {
      const { metricsDir, run } = await runAnalyzeJob(endpoint.spark, options);
      console.log(`As of ${run.as_of}: ${formatCount(run.inputs.interactions.rows)} interactions, joined by ${run.join.strategy}`);
      for (const analysis of run.analyses)
        console.log(`  ${analysis.name.padEnd(12)} ${(analysis.duration_ms / 1000).toFixed(1).padStart(6)} s  ${analysis.files.join(", ")}`);
      console.log(`Metrics in ${metricsDir}`);
    } finally {
      await endpoint.close();
    }
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
});
