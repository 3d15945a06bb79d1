/**
 * Reading a step's cost from the Spark UI REST API (live driver or History Server). Independent
 * of the Spark Connect client: it needs only the UI's URL and the tag the step ran under.
 */
export { SparkUiClient, SparkUiError, TASK_QUANTILES } from "./client";
export { captureStep, carriesTag, jobUserTags, type CaptureOptions, type StepCapture } from "./capture";
export { evaluateHeuristics, totalCores, type Finding, type HeuristicOptions, type Severity } from "./heuristics";
export { compareSteps, type StepComparison, type StepFigures } from "./compare";
export { formatComparison } from "./format-comparison";
export { formatFindings } from "./format-findings";
export { stageMetrics, stepMetrics, type StageMetrics, type StepMetrics, type TaskTimeQuantiles } from "./step-metrics";
export { stagesRunningNode } from "./plan-stages";
export { joinStage, type JoinStage } from "./join-stage";
export { loadCapture, saveCapture } from "./save";
export * from "./types";
