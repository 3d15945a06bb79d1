import { median } from "./stats";
import type { MeasureResult } from "./ts-client";

/** One measure's rounds (one timed run each) as a single result: runs side by side, one median. */
export function mergeRuns<R extends MeasureResult>(rounds: readonly R[]): R {
  const first = rounds[0];
  if (first === undefined) throw new Error("no rounds to merge");
  const runsMs = rounds.flatMap((r) => r.runsMs);
  const concat = <T>(pick: (r: R) => readonly T[] | undefined): T[] | undefined =>
    rounds.some((r) => pick(r) !== undefined) ? rounds.flatMap((r) => pick(r) ?? []) : undefined;
  const triesMs = concat((r) => r.triesMs);
  const peakRssBytes = concat((r) => r.peakRssBytes);
  const baselineRssBytes = concat((r) => r.baselineRssBytes);
  const maxrss = rounds.map((r) => r.maxrssBytes).filter((m): m is number => m !== undefined);
  return {
    ...first,
    warmupsMs: rounds.flatMap((r) => r.warmupsMs),
    runsMs,
    medianMs: median(runsMs),
    ...(triesMs && { triesMs }),
    ...(peakRssBytes && { peakRssBytes }),
    ...(baselineRssBytes && { baselineRssBytes }),
    ...(maxrss.length > 0 && { maxrssBytes: Math.max(...maxrss) }),
  };
}
