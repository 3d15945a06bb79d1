import { loadavg } from "node:os";
import { functions as F, type SparkSession } from "../../src/connect";
import { captureStep, SparkUiError, type SparkUiClient, type StepCapture } from "../../src/lib/sparkui";
import type { AnalysisPlan } from "./plan";
import { sparkAnalyses, type SparkInputs, type SparkTables } from "./spark-queries";
import { ANALYSES, type AnalysisName } from "./tables";

/** One analysis on Spark: its tables, the client's elapsed time and the UI's capture of its jobs. */
export interface SparkStep {
  readonly name: AnalysisName;
  readonly tables: SparkTables;
  /** Client-side, from the first call to the collected result: planning and result transfer included. */
  readonly clientMs: number;
  readonly capture: StepCapture;
  /** The host's 1-minute load average as the step started. */
  readonly loadAtStart: number;
}

/**
 * Untimed: a scan of every column the analyses read (page cache, JIT, the file listing Spark
 * keeps afterwards) and of the metadata, so that the first analysis is not charged for a cold start.
 */
export async function warmUp(inputs: SparkInputs): Promise<void> {
  await inputs.interactions
    .agg(
      F.count("*"),
      F.sum(F.length(F.col("user_id"))),
      F.max("timestamp"),
      F.sum("duration_ms"),
      F.max("action_type"),
      F.max("page_id"),
      F.max("app_version"),
    )
    .collect();
  await inputs.metadata.agg(F.count("*"), F.max("user_id"), F.max("join_date"), F.max("device_type"), F.max("subscription_type")).collect();
}

/**
 * captureStep, tried up to three times: on a loaded host the UI's server can drop one of the
 * many stage requests a capture makes at once, which says nothing about the step. Large steps
 * leave the listener further behind: each try allows it two minutes to catch up.
 */
async function captureWithRetries(ui: SparkUiClient, tag: string, sessionId: string): Promise<StepCapture> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await captureStep(ui, { tag, sessionId, timeoutMs: 120_000 });
    } catch (error) {
      if (!(error instanceof SparkUiError) || attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

/**
 * Runs the analyses one after another, each under a session tag of its name (as `insights
 * analyze` does), and captures each step from the Spark UI by its tag right after it.
 */
export async function runSparkAnalyses(
  spark: SparkSession,
  ui: SparkUiClient,
  inputs: SparkInputs,
  plan: AnalysisPlan,
  log: (message: string) => void,
): Promise<SparkStep[]> {
  const analyses = sparkAnalyses(spark, inputs, plan);
  const steps: SparkStep[] = [];
  for (const { name } of ANALYSES) {
    const loadAtStart = loadavg()[0] ?? Number.NaN;
    spark.addTag(name);
    const started = performance.now();
    let tables: SparkTables;
    try {
      tables = await analyses[name]();
    } finally {
      spark.removeTag(name);
    }
    const clientMs = performance.now() - started;
    const capture = await captureWithRetries(ui, name, spark.sessionId);
    log(`  spark ${name}: ${(clientMs / 1000).toFixed(2)} s (UI ${(capture.metrics.wallTimeMs / 1000).toFixed(2)} s)`);
    steps.push({ name, tables, clientMs, capture, loadAtStart });
  }
  return steps;
}
