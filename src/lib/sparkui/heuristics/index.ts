/**
 * Diagnoses of a captured step from its REST JSON: pure functions, so a saved capture (or one
 * replayed through the History Server) gives the same findings as the live one.
 */
import type { StepCapture } from "../capture";
import { broadcastOpportunity, BROADCAST_THRESHOLD_BYTES } from "./broadcast-opportunity";
import { SEVERITIES, type Finding } from "./finding";
import { gcPressure } from "./gc-pressure";
import { idleCores } from "./idle-cores";
import { partitionSizing } from "./partition-sizing";
import { smallFiles } from "./small-files";
import { spill } from "./spill";
import { taskSkew } from "./task-skew";

export { band, SEVERITIES, type Finding, type Severity } from "./finding";
export { parseMetricValue } from "./plan-metrics";

export interface HeuristicOptions {
  /** Cores the application had; default: the captured executors' totalCores summed. */
  readonly totalCores?: number;
  /** The broadcast threshold the join advice is judged against; default Spark's 10 MiB. */
  readonly broadcastThresholdBytes?: number;
}

/** Every rule's findings on the step, most severe first (then by stage). */
export function evaluateHeuristics(capture: StepCapture, options: HeuristicOptions = {}): Finding[] {
  const cores = options.totalCores ?? totalCores(capture);
  const findings = [
    ...taskSkew(capture.stages, capture.metrics.wallTimeMs),
    ...spill(capture.stages),
    ...gcPressure(capture.stages),
    ...partitionSizing(capture.stages, cores),
    ...smallFiles(capture.sqlExecutions),
    ...broadcastOpportunity(capture.sqlExecutions, options.broadcastThresholdBytes ?? BROADCAST_THRESHOLD_BYTES),
    ...idleCores(capture.metrics.wallTimeMs, capture.metrics.executorRunTimeMs, cores),
  ];
  const rank = (f: Finding): number => SEVERITIES.indexOf(f.severity);
  return findings.sort((a, b) => rank(b) - rank(a) || (a.stageId ?? -1) - (b.stageId ?? -1));
}

/**
 * The cores of the executors the capture lists (in local mode the driver is the one executor;
 * on a cluster the driver lists 0 cores). Undefined for captures saved without executors.
 */
export function totalCores(capture: StepCapture): number | undefined {
  const executors = capture.executors;
  if (executors === undefined || executors.length === 0) return undefined;
  return executors.reduce((sum, e) => sum + e.totalCores, 0);
}
