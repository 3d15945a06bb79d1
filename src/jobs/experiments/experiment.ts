import { SparkSession } from "../../connect";
import { captureStep, compareSteps, evaluateHeuristics, type Finding, type SparkUiClient, type StepCapture, type StepComparison } from "../../lib/sparkui";

/** One way to run the step: its session configuration and the work, returning a comparable result. */
export interface ExperimentSide {
  /** The step's tag in the Spark UI (letters, digits, dashes). */
  readonly tag: string;
  readonly conf: Readonly<Record<string, string | number | boolean>>;
  /** Runs the step and returns its result as JSON-able data: both sides must return the same. */
  run(spark: SparkSession): Promise<unknown>;
}

/** A bottleneck, what we think causes it, what we change, and the two runs that test it. */
export interface Experiment {
  readonly name: string;
  readonly symptom: string;
  readonly hypothesis: string;
  readonly fix: string;
  readonly before: ExperimentSide;
  readonly after: ExperimentSide;
}

export interface ExperimentResult {
  readonly name: string;
  readonly symptom: string;
  readonly hypothesis: string;
  readonly fix: string;
  readonly before: StepCapture;
  readonly after: StepCapture;
  readonly comparison: StepComparison;
  /** The heuristics' findings on the before run: the evidence that pointed at the bottleneck. */
  readonly beforeFindings: readonly Finding[];
  /** Both sides returned the same result: the fix changed the cost, not the answer. */
  readonly sameResult: boolean;
}

/**
 * Runs both sides of an experiment, before then after, each on a fresh session of its own (so
 * configuration and cached data cannot leak from one into the other) and under its own tag, and
 * compares what the Spark UI recorded. Validation is twofold: the after run must return the same
 * result as the before run, and its figures are read from the same REST API in the same run on
 * the same data, so the ratio is free of machine-to-machine noise.
 */
export async function runExperiment(remote: string, ui: SparkUiClient, experiment: Experiment): Promise<ExperimentResult> {
  const before = await runSide(remote, ui, experiment.before);
  const after = await runSide(remote, ui, experiment.after);
  return {
    name: experiment.name,
    symptom: experiment.symptom,
    hypothesis: experiment.hypothesis,
    fix: experiment.fix,
    before: before.capture,
    after: after.capture,
    comparison: compareSteps(before.capture, after.capture),
    beforeFindings: evaluateHeuristics(before.capture),
    sameResult: JSON.stringify(before.result) === JSON.stringify(after.result),
  };
}

async function runSide(remote: string, ui: SparkUiClient, side: ExperimentSide): Promise<{ capture: StepCapture; result: unknown }> {
  const spark = await SparkSession.connect(remote);
  try {
    for (const [key, value] of Object.entries(side.conf)) await spark.conf.set(key, value);
    spark.addTag(side.tag);
    let result: unknown;
    try {
      result = await side.run(spark);
    } finally {
      spark.removeTag(side.tag);
    }
    const capture = await captureStep(ui, { tag: side.tag, sessionId: spark.sessionId, timeoutMs: 60_000 });
    return { capture, result };
  } finally {
    spark.stop();
  }
}
