import type { UiSqlExecution, UiSqlNode } from "../types";
import { type Finding } from "./finding";
import { childrenOf, metricValue } from "./plan-metrics";
import { formatMiB, MiB } from "../../text/format";

/** Spark's default spark.sql.autoBroadcastJoinThreshold: a side this small is broadcast when its size is known up front. */
export const BROADCAST_THRESHOLD_BYTES = 10 * MiB;
/**
 * The other side must be at least this big for the finding to matter: shuffling and sorting
 * under 16 MiB takes well under a second, so a sort-merge join of two tiny sides is not worth
 * flagging.
 */
export const BROADCAST_MIN_LARGE_SIDE_BYTES = 16 * MiB;
/** DataFlint's second case: a side under 100 MiB against one over 10 GiB is still worth broadcasting. */
export const BROADCAST_MEDIUM_SIDE_BYTES = 100 * MiB;
export const BROADCAST_HUGE_SIDE_BYTES = 10 * 2 ** 30;

/** Metrics that tell how much data a plan node passed on, bytes, in order of preference. */
const SIZE_METRICS = ["data size", "partition data size", "size of files read"] as const;

/**
 * Sort-merge joins one of whose sides is small enough to broadcast: both sides were shuffled and
 * sorted where shipping the small one to every task would have done. The side sizes come from
 * the plan's metrics (the shuffle's data size, or the scan's size when the side is not shuffled).
 */
export function broadcastOpportunity(executions: readonly UiSqlExecution[], thresholdBytes = BROADCAST_THRESHOLD_BYTES): Finding[] {
  return executions.flatMap((execution) =>
    (execution.nodes ?? [])
      .filter((node) => node.nodeName.startsWith("SortMergeJoin"))
      .flatMap((join): Finding[] => {
        const sides = childrenOf(execution, join).map((child) => sideSize(execution, child));
        if (sides.length !== 2 || sides.some((s) => s === undefined)) return [];
        const [small, large] = (sides as number[]).sort((a, b) => a - b) as [number, number];
        const broadcastable = small <= thresholdBytes && large >= BROADCAST_MIN_LARGE_SIDE_BYTES;
        const mediumVsHuge = small <= BROADCAST_MEDIUM_SIDE_BYTES && large >= BROADCAST_HUGE_SIDE_BYTES;
        if (!broadcastable && !mediumVsHuge) return [];
        return [
          {
            rule: "broadcast-opportunity",
            severity: broadcastable ? "warning" : "info",
            title: `Sort-merge join of a ${formatMiB(small, 2)} side with a ${formatMiB(large, 1)} side`,
            evidence: {
              sqlExecutionId: execution.id,
              node: join.nodeName,
              smallSideBytes: small,
              largeSideBytes: large,
              broadcastThresholdBytes: thresholdBytes,
            },
            suggestion:
              "Broadcast the small side (F.broadcast / hint('broadcast')), or raise spark.sql.autoBroadcastJoinThreshold above its size; with AQE on, Spark can switch to a broadcast join once it has measured the side — unless that side is the preserved side of an outer join.",
          },
        ];
      }),
  );
}

/** The bytes the first sized node under `node` (itself included) passed on, walking down the plan. */
function sideSize(execution: UiSqlExecution, node: UiSqlNode): number | undefined {
  for (const name of SIZE_METRICS) {
    const value = metricValue(node, name);
    if (value !== undefined) return value;
  }
  const children = childrenOf(execution, node);
  // A side built from several inputs (a union, another join) has no one size worth guessing.
  const [only, ...more] = children;
  return only === undefined || more.length > 0 ? undefined : sideSize(execution, only);
}
