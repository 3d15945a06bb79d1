import { loadavg } from "node:os";
import { SparkSession } from "../../connect";
import { readInputs, type InputFormat, type JoinInputPaths, type PlannedJoin, type Variant } from "./join-variants";
import { captureStep, type SparkUiClient, type StepCapture } from "../../lib/sparkui";
import { joinStage, type JoinStage } from "../../lib/sparkui/join-stage";

/** Everything one variant produced: timings, captures, plans. */
export interface VariantRun {
  readonly name: string;
  readonly description: string;
  readonly input: InputFormat;
  readonly conf: Readonly<Record<string, string | number | boolean>>;
  readonly strategy: string;
  readonly reason: string;
  readonly measurements: PlannedJoin["measurements"];
  /** Client-side: choosing the join (measurement jobs included), then running it. */
  readonly clientPlanMs: number;
  readonly clientJoinMs: number;
  /** The measurement jobs, for variants that run any. */
  readonly measureCapture: StepCapture | undefined;
  readonly capture: StepCapture;
  readonly joinStage: JoinStage | undefined;
  /** `explain()` before running: with AQE, the initial plan. */
  readonly explain: string;
  /** The plan the UI shows after the run: with AQE, the final one. */
  readonly executedPlans: readonly string[];
  /** The host's 1-minute load average as the variant started: other work skews its timings. */
  readonly loadAtStart: number;
}

/**
 * Runs one variant on a session of its own (so its configuration cannot leak into the next):
 * plans the join under the tag `<name>-measure` (the optimised variant's measurement jobs run
 * there), then runs it into the `noop` sink under the tag `<name>` and captures both from the UI.
 * The noop sink executes the whole join and discards the rows: no output cost in the figures.
 */
export async function runVariant(remote: string, ui: SparkUiClient, data: JoinInputPaths, variant: Variant): Promise<VariantRun> {
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const spark = await SparkSession.connect(remote);
  try {
    for (const [key, value] of Object.entries(variant.conf)) await spark.conf.set(key, value);
    const inputs = readInputs(spark, data, variant.input);

    const measureTag = `${variant.name}-measure`;
    spark.addTag(measureTag);
    const planStart = performance.now();
    const planned = await variant.plan(spark, inputs);
    const clientPlanMs = performance.now() - planStart;
    spark.removeTag(measureTag);
    // Measuring may run no job at all (a broadcast needs only the optimizer's size estimate).
    const measureCapture = variant.measures ? await captureStep(ui, { tag: measureTag, sessionId: spark.sessionId, mayRunNoJobs: true }) : undefined;

    const explain = await planned.joined.explain();
    spark.addTag(variant.name);
    const joinStart = performance.now();
    await planned.joined.write.format("noop").mode("overwrite").save();
    const clientJoinMs = performance.now() - joinStart;
    spark.removeTag(variant.name);
    // Large steps leave the listener further behind: allow it a minute to catch up.
    const capture = await captureStep(ui, { tag: variant.name, sessionId: spark.sessionId, timeoutMs: 60_000 });

    return {
      name: variant.name,
      description: variant.description,
      input: variant.input,
      conf: variant.conf,
      strategy: planned.strategy,
      reason: planned.reason,
      measurements: planned.measurements,
      clientPlanMs,
      clientJoinMs,
      measureCapture,
      capture,
      joinStage: joinStage(capture),
      explain,
      executedPlans: capture.sqlExecutions.map((e) => e.planDescription),
      loadAtStart,
    };
  } finally {
    spark.stop();
  }
}
