import type { UiStage } from "../types";
import { band, type Finding } from "./finding";
import { stagesThatRan } from "./stages";
import { round } from "../../text/format";

/**
 * JVM GC time / task run time: Dr. Elephant's moderate, severe and critical bands (its "low"
 * band, 0.08, is the normal cost of a JVM).
 */
export const GC_RATIO_BANDS: readonly [number, number, number] = [0.1, 0.15, 0.2];
/**
 * The stage's tasks must run this long in total: over a few hundred ms one young collection is
 * already 10%, so short stages give meaningless ratios (Dr. Elephant asks for 5 minutes; our
 * local steps take seconds).
 */
export const GC_MIN_RUN_TIME_MS = 5000;

/** Stages whose tasks spent a large share of their time in garbage collection. */
export function gcPressure(stages: readonly UiStage[]): Finding[] {
  return stagesThatRan(stages).flatMap((stage): Finding[] => {
    if (stage.executorRunTime < GC_MIN_RUN_TIME_MS) return [];
    const ratio = stage.jvmGcTime / stage.executorRunTime;
    const severity = band(ratio, GC_RATIO_BANDS);
    if (severity === undefined) return [];
    return [
      {
        rule: "gc-pressure",
        severity,
        stageId: stage.stageId,
        title: `Stage ${stage.stageId} spent ${(ratio * 100).toFixed(0)}% of its task time in GC`,
        evidence: {
          tasks: stage.numTasks,
          jvmGcTimeMs: stage.jvmGcTime,
          executorRunTimeMs: stage.executorRunTime,
          gcRatio: round(ratio, 3),
          peakExecutionMemory: stage.peakExecutionMemory,
        },
        suggestion:
          "Tasks churn or retain many objects on a tight heap: give executors more memory per core, use fewer cores per executor, avoid collect_list/UDF-heavy rows, and cache serialized (MEMORY_AND_DISK_SER) if caching.",
      },
    ];
  });
}
