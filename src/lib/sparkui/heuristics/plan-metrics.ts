import type { UiSqlExecution, UiSqlNode } from "../types";

/** Byte units as Spark's Utils.bytesToString prints them. */
const BYTE_UNITS: Readonly<Record<string, number>> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, PiB: 2 ** 50, EiB: 2 ** 60 };
/** Duration units as Utils.msDurationToString prints them, in ms. */
const TIME_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A SQL metric's value as a number: bytes for sizes (`12.5 MiB`), ms for timings (`1.2 s`), the
 * count for counts (`1,234`). Size and timing metrics that several tasks update read
 * `total (min, med, max (stageId: taskId))\n12.5 MiB (…)`: their total is the first figure of the
 * second line. Undefined when the text is none of these.
 */
export function parseMetricValue(value: string): number | undefined {
  const lines = value.trim().split("\n");
  const figure = (lines[0]?.startsWith("total (") === true ? lines[1] : lines[0])?.trim() ?? "";
  const match = /^(-?[\d,]+(?:\.\d+)?)\s*([A-Za-z]*)/.exec(figure);
  if (match === null) return undefined;
  const number = Number((match[1] ?? "").replace(/,/g, ""));
  const unit = match[2] ?? "";
  if (unit === "") return number;
  const scale = BYTE_UNITS[unit] ?? TIME_UNITS[unit];
  return scale === undefined ? undefined : number * scale;
}

/** The value of the node's metric `name`, parsed; undefined when the node does not have it. */
export function metricValue(node: UiSqlNode, name: string): number | undefined {
  const metric = node.metrics.find((m) => m.name === name);
  return metric === undefined ? undefined : parseMetricValue(metric.value);
}

/** A plan edge as `/sql?details=true` lists it: data flows from the child to the parent. */
interface PlanEdge {
  readonly fromId: number;
  readonly toId: number;
}

/** The nodes feeding `node` directly, in the order the plan lists them (left side first). */
export function childrenOf(execution: UiSqlExecution, node: UiSqlNode): UiSqlNode[] {
  // Edges are part of the JSON Spark sends but not of the narrow type the client reads.
  const edges = (execution as { readonly edges?: readonly PlanEdge[] }).edges ?? [];
  const nodes = execution.nodes ?? [];
  return edges.filter((e) => e.toId === node.nodeId).flatMap((e) => nodes.filter((n) => n.nodeId === e.fromId));
}
