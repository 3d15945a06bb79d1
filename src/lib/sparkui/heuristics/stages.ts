import { parseUiTime, type UiQuantiles, type UiStage, type UiTaskMetricDistributions } from "../types";

/** The stage attempts that ran tasks: skipped stages reused earlier output, pending ones never started. */
export function stagesThatRan(stages: readonly UiStage[]): UiStage[] {
  return stages.filter((s) => s.status !== "SKIPPED" && s.status !== "PENDING");
}

/** Submission → completion, ms; 0 while the stage has not completed. */
export function stageWallMs(stage: UiStage): number {
  if (stage.submissionTime === undefined || stage.completionTime === undefined) return 0;
  return parseUiTime(stage.completionTime) - parseUiTime(stage.submissionTime);
}

/** The value of a per-task metric at quantile `q` (0 = smallest task, 1 = largest), if summarised. */
export function quantile(dist: UiTaskMetricDistributions, values: UiQuantiles, q: number): number | undefined {
  const i = dist.quantiles.indexOf(q);
  return i < 0 ? undefined : values[i];
}
