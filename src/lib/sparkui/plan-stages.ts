import type { UiSqlExecution, UiSqlNode } from "./types";

/** `(stage 4.0: task 12)`: where a timing or size metric's largest task ran. */
const STAGE_OF_MAX_TASK = /\(stage (\d+)\.\d+: task \d+\)/g;

/**
 * The stages that ran plan nodes named `nodeName` (e.g. `SortMergeJoin`, `BroadcastHashJoin`), as
 * far as the SQL metrics tell: a timing or size metric names the stage of its largest task. A
 * node compiled into whole-stage code has few metrics of its own, so the `duration` of its
 * `WholeStageCodegen (n)` node is read as well. Empty when no metric names a stage.
 */
export function stagesRunningNode(executions: readonly UiSqlExecution[], nodeName: string): number[] {
  const found = new Set<number>();
  for (const execution of executions) {
    const nodes = execution.nodes ?? [];
    for (const node of nodes.filter((n) => n.nodeName === nodeName || n.nodeName.startsWith(`${nodeName} `))) {
      const codegen = node.wholeStageCodegenId === undefined ? undefined : nodes.find((n) => n.nodeName === `WholeStageCodegen (${node.wholeStageCodegenId})`);
      for (const id of [...stagesInMetrics(node), ...(codegen === undefined ? [] : stagesInMetrics(codegen))]) found.add(id);
    }
  }
  return [...found].sort((a, b) => a - b);
}

function stagesInMetrics(node: UiSqlNode): number[] {
  return node.metrics.flatMap((m) => [...m.value.matchAll(STAGE_OF_MAX_TASK)].map((match) => Number(match[1])));
}
