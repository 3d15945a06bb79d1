import { band, type Finding } from "./finding";
import { round } from "../../text/format";

/**
 * Share of the step's core time no task used: 1 − Σ task time / (wall time × cores). DataFlint
 * flags over 50%; over 30% is worth a look, over 75% means most of the cluster waited.
 */
export const IDLE_BANDS: readonly [number, number, number] = [0.3, 0.5, 0.75];
/**
 * Steps shorter than this are not judged: their wall time is mostly job submission and the
 * driver's planning, which no partitioning fixes, and idle cores over 5 s cost at most seconds.
 */
export const IDLE_MIN_WALL_MS = 5000;

/**
 * How much of the cores the step could use stood idle: too few partitions, one straggler holding
 * a stage, or driver-side work between jobs. `executorRunTimeMs` is the step's summed task run
 * time; `totalCores` what the application had (the executors' cores).
 */
export function idleCores(wallTimeMs: number, executorRunTimeMs: number, totalCores: number | undefined): Finding[] {
  if (totalCores === undefined || totalCores <= 0 || wallTimeMs < IDLE_MIN_WALL_MS) return [];
  const available = wallTimeMs * totalCores;
  const idle = Math.max(0, 1 - executorRunTimeMs / available);
  const severity = band(idle, IDLE_BANDS);
  if (severity === undefined) return [];
  return [
    {
      rule: "idle-cores",
      severity,
      title: `${(idle * 100).toFixed(0)}% of the step's core time went unused`,
      evidence: { wallTimeMs, totalCores, coreTimeAvailableMs: available, executorRunTimeMs, idleShare: round(idle, 3) },
      suggestion:
        "Give every core work for the whole step: enough partitions in every stage (at least 2–3 per core), fix the skew that leaves one task running alone, and move driver-side work (collects, loops of small jobs) out of the step.",
    },
  ];
}
