import type { AnalyzeInput, Dataset } from "../../jobs/analyze/analyze-inputs";
import type { JoinInputPaths } from "../../jobs/experiments/join-variants";
import type { ParallelismPlan } from "../../domain/data/tuning/parallelism-plan";
import type { StepCapture } from "../../lib/sparkui";

/**
 * The join's inputs for the before/after runs: the raw CSV when the run read CSV (the naive
 * baseline reads what it was given), and always the ingested Parquet for the optimised run.
 */
export function joinInputPaths(inputs: Readonly<Record<Dataset, AnalyzeInput>>): JoinInputPaths {
  const parquet = { interactions: inputs.interactions.valid_path, metadata: inputs.metadata.valid_path };
  const csv = inputs.interactions.kind === "csv" && inputs.metadata.kind === "csv" ? { interactions: inputs.interactions.path, metadata: inputs.metadata.path } : parquet;
  return { csv, parquet };
}

/** The parallelism settings the job derived from its input, one row each with its reason. */
export function parallelismRows(plan: ParallelismPlan): Record<string, string>[] {
  return plan.settings.map((setting) => ({ setting: setting.key, value: setting.value, why: setting.reason }));
}

/** The SQL execution that ran the step's join (the one with the most jobs), for its screenshot. */
export function joinExecutionId(capture: StepCapture): number | undefined {
  const joins = capture.sqlExecutions.filter((execution) => /Join/.test(execution.planDescription));
  const pick = (joins.length > 0 ? joins : capture.sqlExecutions).reduce<(typeof capture.sqlExecutions)[number] | undefined>(
    (best, execution) => (best === undefined || execution.successJobIds.length > best.successJobIds.length ? execution : best),
    undefined,
  );
  return pick?.id;
}

/**
 * A formatted physical plan's operator tree alone (up to the first blank line): the numbered
 * operator details after it run to pages, and the tree is what a reader compares.
 */
export function planOutline(plan: string): string {
  const lines = plan.split("\n");
  const end = lines.findIndex((line, index) => index > 1 && line.trim() === "");
  return (end === -1 ? lines : lines.slice(0, end)).join("\n");
}
