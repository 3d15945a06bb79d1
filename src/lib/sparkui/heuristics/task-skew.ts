import type { UiStage } from "../types";
import { band, type Finding } from "./finding";
import { quantile, stagesThatRan, stageWallMs } from "./stages";
import { round } from "../../text/format";

/**
 * Slowest task / median task at which a stage is skewed: Dr. Elephant's moderate, severe and
 * critical bands (its "low" band, 2, is ordinary variation between tasks).
 */
export const SKEW_RATIO_BANDS: readonly [number, number, number] = [4, 8, 16];
/**
 * The slowest task must take this long: a straggler shorter than 2 s cannot cost the step more
 * than 2 s. DataFlint asks for 5 s and Dr. Elephant 150 s, sized for clusters; our local runs are
 * seconds long, so the floor is scaled down while still ignoring millisecond tasks' jitter.
 */
export const SKEW_MIN_MAX_TASK_MS = 2000;
/**
 * The stage must take at least this share of the step's wall time (Dr. Elephant asks the longest
 * task to be most of its stage's time): skew in a stage the step barely waits for is not worth fixing.
 */
export const SKEW_MIN_STAGE_SHARE = 0.2;
/**
 * …and the slowest task at least this share of its stage's wall time (Dr. Elephant's rule asks
 * for most of it): a slow task in a stage of hundreds of tasks that it did not hold up is a
 * straggler among many, not a partition the stage waited for.
 */
export const SKEW_MIN_TASK_SHARE_OF_STAGE = 0.3;

/**
 * Stages whose slowest task runs far longer than the median one: one partition holds much more
 * data (a hot key) or much costlier rows, and the stage waits for it while the other cores idle.
 */
export function taskSkew(stages: readonly UiStage[], stepWallMs: number): Finding[] {
  return stagesThatRan(stages).flatMap((stage): Finding[] => {
    const dist = stage.taskMetricsDistributions;
    if (dist === undefined || stage.numTasks < 2) return [];
    const max = quantile(dist, dist.executorRunTime, 1);
    const median = quantile(dist, dist.executorRunTime, 0.5);
    if (max === undefined || median === undefined || max < SKEW_MIN_MAX_TASK_MS) return [];
    const wall = stageWallMs(stage);
    const share = stepWallMs > 0 ? wall / stepWallMs : 1;
    if (share < SKEW_MIN_STAGE_SHARE || (wall > 0 && max / wall < SKEW_MIN_TASK_SHARE_OF_STAGE)) return [];
    // A 0 ms median with a multi-second maximum is extreme skew, not "no ratio": count it as 1 ms.
    const ratio = max / Math.max(median, 1);
    const severity = band(ratio, SKEW_RATIO_BANDS);
    if (severity === undefined) return [];
    const bytes = (values: readonly number[]) => ({ max: quantile(dist, values, 1) ?? 0, median: quantile(dist, values, 0.5) ?? 0 });
    const read = bytes(dist.shuffleReadMetrics.readBytes);
    const input = bytes(dist.inputMetrics.bytesRead);
    return [
      {
        rule: "task-skew",
        severity,
        stageId: stage.stageId,
        title: `Stage ${stage.stageId}: the slowest task ran ${round(ratio, 1)}× the median`,
        evidence: {
          tasks: stage.numTasks,
          maxTaskMs: max,
          medianTaskMs: median,
          maxOverMedian: round(ratio, 3),
          stageWallMs: wall,
          shareOfStepWall: round(share, 3),
          maxTaskShareOfStageWall: wall > 0 ? round(max / wall, 3) : "unknown",
          maxTaskShuffleReadBytes: read.max,
          medianTaskShuffleReadBytes: read.median,
          maxTaskInputBytes: input.max,
          medianTaskInputBytes: input.median,
        },
        suggestion:
          read.max > 2 * Math.max(read.median, 1) || input.max > 2 * Math.max(input.median, 1)
            ? "One partition holds far more data than the others (a hot key): enable AQE skew-join splitting with thresholds sized to the data, salt the hot keys, or broadcast the other side."
            : "Task data sizes are even but one task is slow: look for costly rows (wide values, explode) or a slow executor; repartition on a better-spread key.",
      },
    ];
  });
}
