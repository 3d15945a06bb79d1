/** How much a finding matters: info is worth a look, warning costs time now, critical dominates. */
export type Severity = "info" | "warning" | "critical";

/** One diagnosis of a captured step, with the figures it rests on. */
export interface Finding {
  /** The heuristic that produced it, e.g. `task-skew`. */
  readonly rule: string;
  readonly severity: Severity;
  /** The stage it is about, when it is about one. */
  readonly stageId?: number;
  readonly title: string;
  /** The numbers a reader needs to check the diagnosis (bytes, ms, ratios), by name. */
  readonly evidence: Readonly<Record<string, number | string>>;
  /** What to change, in Spark terms. */
  readonly suggestion: string;
}

/** Severities from least to most serious. */
export const SEVERITIES: readonly Severity[] = ["info", "warning", "critical"];

/**
 * The severity of `value` on bands `[info, warning, critical]` (each the lowest value of its
 * band), or undefined below the first.
 */
export function band(value: number, bands: readonly [number, number, number]): Severity | undefined {
  if (value >= bands[2]) return "critical";
  if (value >= bands[1]) return "warning";
  if (value >= bands[0]) return "info";
  return undefined;
}
