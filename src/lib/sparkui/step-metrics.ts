import { parseUiTime, type UiJob, type UiQuantiles, type UiStage } from "./types";

/** Quantiles of task run time (executorRunTime, the UI's task "Duration"), ms. */
export interface TaskTimeQuantiles {
  readonly min: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly max: number;
}

export interface StageMetrics {
  readonly stageId: number;
  readonly attemptId: number;
  readonly numTasks: number;
  readonly executorRunTimeMs: number;
  /** Undefined when the stage was fetched without summaries. */
  readonly taskTimeMs: TaskTimeQuantiles | undefined;
  /**
   * Slowest task / median task: 1 for even tasks, far above for skew. Null when the median
   * task took 0 ms (a ratio of nothing says nothing) or there are no quantiles.
   */
  readonly maxOverMedian: number | null;
  readonly inputBytes: number;
  readonly shuffleReadBytes: number;
  readonly shuffleWriteBytes: number;
  readonly spillBytes: number;
}

/** What one tagged step cost, summed over the stage attempts that ran. */
export interface StepMetrics {
  /** First job submission → last job completion, ms (so time between a step's jobs counts). */
  readonly wallTimeMs: number;
  readonly jobs: number;
  readonly failedJobs: number;
  /** Stage attempts that ran (skipped stages reuse earlier shuffle output and run nothing). */
  readonly stages: number;
  readonly skippedStages: number;
  readonly tasks: number;
  readonly failedTasks: number;
  readonly executorRunTimeMs: number;
  readonly executorCpuTimeMs: number;
  readonly gcTimeMs: number;
  readonly inputBytes: number;
  readonly outputBytes: number;
  readonly shuffleReadBytes: number;
  readonly shuffleWriteBytes: number;
  readonly memorySpilledBytes: number;
  readonly diskSpilledBytes: number;
  /** The stage attempt with the most executor run time: where the step's time went. */
  readonly heaviestStage: StageMetrics | undefined;
}

/** One stage attempt's figures, with the quantiles at 0, 0.25, 0.5, 0.75 and 1 if it has them. */
export function stageMetrics(stage: UiStage): StageMetrics {
  const dist = stage.taskMetricsDistributions;
  const taskTimeMs = dist === undefined ? undefined : taskTimeQuantiles(dist.quantiles, dist.executorRunTime);
  return {
    stageId: stage.stageId,
    attemptId: stage.attemptId,
    numTasks: stage.numTasks,
    executorRunTimeMs: stage.executorRunTime,
    taskTimeMs,
    maxOverMedian: taskTimeMs === undefined || taskTimeMs.median === 0 ? null : taskTimeMs.max / taskTimeMs.median,
    inputBytes: stage.inputBytes,
    shuffleReadBytes: stage.shuffleReadBytes,
    shuffleWriteBytes: stage.shuffleWriteBytes,
    spillBytes: stage.memoryBytesSpilled + stage.diskBytesSpilled,
  };
}

/**
 * The step's summary from its jobs and their stage attempts (any attempts of other jobs are
 * ignored). Jobs still running have no completion time and are left out of the wall time.
 */
export function stepMetrics(jobs: readonly UiJob[], stages: readonly UiStage[]): StepMetrics {
  const stageIds = new Set(jobs.flatMap((j) => j.stageIds));
  const ofStep = stages.filter((s) => stageIds.has(s.stageId));
  const ran = ofStep.filter((s) => s.status !== "SKIPPED" && s.status !== "PENDING");
  const sum = (f: (s: UiStage) => number): number => ran.reduce((total, s) => total + f(s), 0);
  const starts = jobs.flatMap((j) => (j.submissionTime === undefined ? [] : [parseUiTime(j.submissionTime)]));
  const ends = jobs.flatMap((j) => (j.completionTime === undefined ? [] : [parseUiTime(j.completionTime)]));
  const heaviest = ran.reduce<UiStage | undefined>((best, s) => (best === undefined || s.executorRunTime > best.executorRunTime ? s : best), undefined);
  return {
    wallTimeMs: starts.length === 0 || ends.length === 0 ? 0 : Math.max(...ends) - Math.min(...starts),
    jobs: jobs.length,
    failedJobs: jobs.filter((j) => j.status === "FAILED").length,
    stages: ran.length,
    // A skipped stage has one entry, so this counts stage ids, not attempts.
    skippedStages: ofStep.filter((s) => s.status === "SKIPPED").length,
    tasks: sum((s) => s.numTasks),
    failedTasks: sum((s) => s.numFailedTasks),
    executorRunTimeMs: sum((s) => s.executorRunTime),
    executorCpuTimeMs: sum((s) => s.executorCpuTime) / 1e6,
    gcTimeMs: sum((s) => s.jvmGcTime),
    inputBytes: sum((s) => s.inputBytes),
    outputBytes: sum((s) => s.outputBytes),
    shuffleReadBytes: sum((s) => s.shuffleReadBytes),
    shuffleWriteBytes: sum((s) => s.shuffleWriteBytes),
    memorySpilledBytes: sum((s) => s.memoryBytesSpilled),
    diskSpilledBytes: sum((s) => s.diskBytesSpilled),
    heaviestStage: heaviest === undefined ? undefined : stageMetrics(heaviest),
  };
}

function taskTimeQuantiles(quantiles: readonly number[], values: UiQuantiles): TaskTimeQuantiles {
  const at = (q: number): number => {
    const i = quantiles.indexOf(q);
    const value = values[i];
    if (i < 0 || value === undefined) throw new Error(`The task summary has no quantile ${q} (it has ${quantiles.join(", ")}): request quantiles explicitly`);
    return value;
  };
  return { min: at(0), p25: at(0.25), median: at(0.5), p75: at(0.75), max: at(1) };
}
