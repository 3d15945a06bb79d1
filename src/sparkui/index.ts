/**
 * Reading a step's cost from the Spark UI REST API (live driver or History Server). Independent
 * of the Spark Connect client: it needs only the UI's URL and the tag the step ran under.
 */
export { SparkUiClient, SparkUiError, TASK_QUANTILES } from "./client";
export { captureStep, carriesTag, type CaptureOptions, type StepCapture } from "./capture";
export { stageMetrics, stepMetrics, type StageMetrics, type StepMetrics, type TaskTimeQuantiles } from "./step-metrics";
export { stagesRunningNode } from "./plan-stages";
export { loadCapture, saveCapture } from "./save";
export * from "./types";
