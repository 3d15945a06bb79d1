import type { UiStage } from "../types";
import { type Finding } from "./finding";
import { quantile, stagesThatRan } from "./stages";
import { formatMiB, MiB, round } from "../../text/format";

/**
 * A stage with at least this many tasks whose median task is short pays for scheduling more than
 * for work. DataFlint warns from 5 000 tasks; at 1 000 a local or small cluster already spends
 * seconds on per-task overhead (launch, serialisation, one shuffle block per task).
 */
export const MANY_TASKS = 1000;
/** DataFlint's "many tasks" count: critical from here. */
export const VERY_MANY_TASKS = 5000;
/** DataFlint: a median task under 500 ms is mostly overhead. */
export const SHORT_TASK_MS = 500;
/** The size to aim for per input split and per shuffle partition (Spark's 128 MiB maxPartitionBytes). */
export const TARGET_PARTITION_BYTES = 128 * MiB;
/**
 * One task handling more than this (4 × the target) usually spills and straggles: warning.
 * DataFlint's "partition too big" is 5 GiB: critical.
 */
export const BIG_PARTITION_BYTES = 4 * TARGET_PARTITION_BYTES;
export const HUGE_PARTITION_BYTES = 5 * 2 ** 30;
/** Shuffle partitions averaging more than 2 × the target are too few. */
export const MAX_SHUFFLE_PARTITION_BYTES = 2 * TARGET_PARTITION_BYTES;
/**
 * Shuffle partitions averaging under 1/8 of AQE's 64 MiB advisory size, when there are over 4 ×
 * as many as the data and the cores need, are too many…
 */
export const MIN_SHUFFLE_PARTITION_BYTES = 8 * MiB;
/**
 * …but only once their tasks add up to this much run time (below it the overhead is a second or
 * two) and the median task is short (SHORT_TASK_MS): shuffle bytes are compressed, and a task
 * that runs for seconds on a few MiB may need its small share of memory (fewer, larger
 * partitions would spill).
 */
export const SHUFFLE_PARTITIONS_MIN_RUN_TIME_MS = 5000;

/**
 * Partition counts that do not fit the data: far too many short tasks, single tasks handling
 * too much, shuffle partitions far from 64–128 MiB each. `totalCores` lets the advice keep every
 * core busy; unknown, it is taken as 1.
 */
export function partitionSizing(stages: readonly UiStage[], totalCores: number | undefined): Finding[] {
  const cores = Math.max(1, totalCores ?? 1);
  return stagesThatRan(stages).flatMap((stage) => {
    const tooMany = tooManySmallTasks(stage);
    return [...tooMany, ...oversizedPartition(stage), ...(tooMany.length > 0 ? [] : shufflePartitionSize(stage, cores))];
  });
}

function tooManySmallTasks(stage: UiStage): Finding[] {
  const dist = stage.taskMetricsDistributions;
  const median = dist === undefined ? undefined : quantile(dist, dist.executorRunTime, 0.5);
  if (stage.numTasks < MANY_TASKS || median === undefined || median >= SHORT_TASK_MS) return [];
  return [
    {
      rule: "too-many-small-tasks",
      severity: stage.numTasks >= VERY_MANY_TASKS ? "critical" : "warning",
      stageId: stage.stageId,
      title: `Stage ${stage.stageId} ran ${stage.numTasks} tasks of ${median} ms (median)`,
      evidence: {
        tasks: stage.numTasks,
        medianTaskMs: median,
        executorRunTimeMs: stage.executorRunTime,
        shuffleReadBytes: stage.shuffleReadBytes,
        inputBytes: stage.inputBytes,
      },
      suggestion:
        stage.shuffleReadBytes > 0
          ? "Too many shuffle partitions for the data: lower spark.sql.shuffle.partitions or enable AQE partition coalescing (spark.sql.adaptive.enabled)."
          : "Too many input splits: compact small files, or raise spark.sql.files.maxPartitionBytes / openCostInBytes.",
    },
  ];
}

function oversizedPartition(stage: UiStage): Finding[] {
  const dist = stage.taskMetricsDistributions;
  if (dist === undefined) return [];
  const largest = {
    input: quantile(dist, dist.inputMetrics.bytesRead, 1) ?? 0,
    shuffleRead: quantile(dist, dist.shuffleReadMetrics.readBytes, 1) ?? 0,
    shuffleWrite: quantile(dist, dist.shuffleWriteMetrics.writeBytes, 1) ?? 0,
  };
  const bytes = Math.max(largest.input, largest.shuffleRead, largest.shuffleWrite);
  if (bytes < BIG_PARTITION_BYTES) return [];
  return [
    {
      rule: "oversized-partition",
      severity: bytes >= HUGE_PARTITION_BYTES ? "critical" : "warning",
      stageId: stage.stageId,
      title: `Stage ${stage.stageId}: one task handled ${formatMiB(bytes, 0)}`,
      evidence: {
        tasks: stage.numTasks,
        largestTaskInputBytes: largest.input,
        largestTaskShuffleReadBytes: largest.shuffleRead,
        largestTaskShuffleWriteBytes: largest.shuffleWrite,
        targetPartitionBytes: TARGET_PARTITION_BYTES,
      },
      suggestion:
        "Split the work into ~128 MiB partitions: more shuffle partitions (or AQE), a smaller spark.sql.files.maxPartitionBytes, or splittable input files.",
    },
  ];
}

function shufflePartitionSize(stage: UiStage, cores: number): Finding[] {
  if (stage.shuffleReadBytes === 0 || stage.numTasks === 0) return [];
  const average = stage.shuffleReadBytes / stage.numTasks;
  // As many partitions as 128 MiB pieces, and at least one per core so that none idles.
  const suggested = Math.max(cores, Math.ceil(stage.shuffleReadBytes / TARGET_PARTITION_BYTES));
  const tooFew = average > MAX_SHUFFLE_PARTITION_BYTES;
  const dist = stage.taskMetricsDistributions;
  const median = dist === undefined ? undefined : quantile(dist, dist.executorRunTime, 0.5);
  const tooMany =
    average < MIN_SHUFFLE_PARTITION_BYTES &&
    stage.numTasks > 4 * suggested &&
    stage.executorRunTime >= SHUFFLE_PARTITIONS_MIN_RUN_TIME_MS &&
    median !== undefined &&
    median < SHORT_TASK_MS;
  if (!tooFew && !tooMany) return [];
  return [
    {
      rule: "shuffle-partition-size",
      severity: tooFew ? "warning" : "info",
      stageId: stage.stageId,
      title: `Stage ${stage.stageId}: ${stage.numTasks} shuffle partitions of ${formatMiB(average, 2)} on average (aim for 64–128 MiB)`,
      evidence: {
        tasks: stage.numTasks,
        shuffleReadBytes: stage.shuffleReadBytes,
        averagePartitionBytes: round(average, 0),
        suggestedPartitions: suggested,
        totalCores: cores,
      },
      suggestion: `Set spark.sql.shuffle.partitions near ${suggested} for this step, or let AQE coalesce partitions to its advisory size.`,
    },
  ];
}
