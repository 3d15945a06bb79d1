import type { UiStage } from "../types";
import { band, type Finding } from "./finding";
import { stagesThatRan } from "./stages";
import { formatMiB, MiB, round } from "../../text/format";

/**
 * Bytes spilled / the most the stage moved (input, shuffle read or write, output): Dr. Elephant's
 * moderate, severe and critical bands (its "low" band, 0.01, is left out as noise).
 */
export const SPILL_RATIO_BANDS: readonly [number, number, number] = [0.1, 0.25, 0.5];
/**
 * Memory spilled below this is not reported: 32 MiB is written and read back from a local disk
 * in a fraction of a second, whatever the ratio says about a tiny stage.
 */
export const SPILL_MIN_BYTES = 32 * MiB;

/**
 * Stages whose sorts, aggregations or joins ran out of execution memory and spilled to disk.
 * The ratio uses the in-memory size of what was spilled (memoryBytesSpilled, as Dr. Elephant):
 * the on-disk figure is compressed and understates the work.
 */
export function spill(stages: readonly UiStage[]): Finding[] {
  return stagesThatRan(stages).flatMap((stage): Finding[] => {
    const spilled = stage.memoryBytesSpilled;
    if (spilled < SPILL_MIN_BYTES) return [];
    const moved = Math.max(stage.inputBytes, stage.shuffleReadBytes, stage.shuffleWriteBytes, stage.outputBytes);
    // Spilling with nothing moved (data generated in the stage) is as bad as it gets.
    const ratio = moved === 0 ? Number.POSITIVE_INFINITY : spilled / moved;
    const severity = band(ratio, SPILL_RATIO_BANDS);
    if (severity === undefined) return [];
    return [
      {
        rule: "spill",
        severity,
        stageId: stage.stageId,
        title: `Stage ${stage.stageId} spilled ${formatMiB(spilled, 1)} from memory to disk`,
        evidence: {
          tasks: stage.numTasks,
          memoryBytesSpilled: spilled,
          diskBytesSpilled: stage.diskBytesSpilled,
          largestBytesMoved: moved,
          spillRatio: Number.isFinite(ratio) ? round(ratio, 3) : "no bytes moved",
          peakExecutionMemory: stage.peakExecutionMemory,
        },
        suggestion:
          "Each task holds more than its share of execution memory: raise spark.sql.shuffle.partitions (or let AQE size partitions) so each task sorts or aggregates less, or give executors more memory per core.",
      },
    ];
  });
}
