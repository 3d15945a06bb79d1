import type { StepCapture } from "./capture";
import { stagesRunningNode } from "./plan-stages";
import { stageMetrics, type StageMetrics } from "./step-metrics";

/** Physical join operators, most likely first. */
const JOIN_NODES = ["SortMergeJoin", "BroadcastHashJoin", "ShuffledHashJoin", "BroadcastNestedLoopJoin"] as const;

export interface JoinStage {
  readonly stage: StageMetrics;
  /** How the stage was picked, for the report. */
  readonly pickedBy: string;
}

/**
 * The stage that does the join: for a sort-merge join the stage reading both shuffles, for a
 * broadcast join the interactions' scan stage that probes the broadcast table. Found from the SQL
 * plan: the join operator's (or its whole-stage-codegen block's) metrics name the stage its
 * largest task ran in. If several attempts or stages ran it, the heaviest; if no metric names
 * one, the step's heaviest stage stands in, and the report says so.
 */
export function joinStage(capture: StepCapture): JoinStage | undefined {
  for (const node of JOIN_NODES) {
    const ids = stagesRunningNode(capture.sqlExecutions, node);
    const ran = capture.stages.filter((s) => ids.includes(s.stageId) && s.status === "COMPLETE");
    const heaviest = ran.reduce<(typeof ran)[number] | undefined>(
      (best, s) => (best === undefined || s.executorRunTime > best.executorRunTime ? s : best),
      undefined,
    );
    if (heaviest !== undefined) return { stage: stageMetrics(heaviest), pickedBy: `${node} (plan metrics)` };
  }
  const fallback = capture.metrics.heaviestStage;
  return fallback === undefined ? undefined : { stage: fallback, pickedBy: "heaviest stage (no join operator named a stage)" };
}
