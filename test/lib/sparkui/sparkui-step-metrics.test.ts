import { describe, expect, it } from "vitest";
import { stageMetrics, stepMetrics } from "../../../src/lib/sparkui/step-metrics";
import { parseUiTime, type UiJob, type UiStage, type UiTaskMetricDistributions } from "../../../src/lib/sparkui/types";

const QUANTILES = [0, 0.25, 0.5, 0.75, 1];
const flat = [0, 0, 0, 0, 0];

function distribution(runTime: readonly number[]): UiTaskMetricDistributions {
  return {
    quantiles: QUANTILES,
    duration: runTime,
    executorRunTime: runTime,
    jvmGcTime: flat,
    peakExecutionMemory: flat,
    memoryBytesSpilled: flat,
    diskBytesSpilled: flat,
    inputMetrics: { bytesRead: flat, recordsRead: flat },
    shuffleReadMetrics: { readBytes: flat, readRecords: flat },
    shuffleWriteMetrics: { writeBytes: flat, writeRecords: flat },
  };
}

function stage(stageId: number, overrides: Partial<UiStage>): UiStage {
  return {
    status: "COMPLETE",
    stageId,
    attemptId: 0,
    name: `stage ${stageId}`,
    numTasks: 0,
    numCompleteTasks: 0,
    numFailedTasks: 0,
    executorRunTime: 0,
    executorCpuTime: 0,
    jvmGcTime: 0,
    memoryBytesSpilled: 0,
    diskBytesSpilled: 0,
    peakExecutionMemory: 0,
    inputBytes: 0,
    inputRecords: 0,
    outputBytes: 0,
    shuffleReadBytes: 0,
    shuffleReadRecords: 0,
    shuffleWriteBytes: 0,
    shuffleWriteRecords: 0,
    ...overrides,
  };
}

function job(jobId: number, stageIds: number[], submitted: string, completed: string | undefined, status: UiJob["status"] = "SUCCEEDED"): UiJob {
  return {
    jobId,
    name: "",
    submissionTime: submitted,
    ...(completed !== undefined && { completionTime: completed }),
    stageIds,
    status,
    numTasks: 0,
    numFailedTasks: 0,
  };
}

// A step of two jobs: job 1 scans (stage 0) and shuffles; job 2 reuses that shuffle (stage 1
// skipped), reads it in stage 2, which one straggler task (900 ms against a 100 ms median) drags
// out, and has a failed first attempt of stage 3 retried as attempt 1.
const JOBS = [
  job(1, [0], "2024-03-01T10:00:00.000GMT", "2024-03-01T10:00:02.500GMT"),
  job(2, [1, 2, 3], "2024-03-01T10:00:03.000GMT", "2024-03-01T10:00:07.250GMT"),
];
const STAGES = [
  stage(0, {
    numTasks: 4,
    executorRunTime: 1200,
    executorCpuTime: 800e6,
    jvmGcTime: 40,
    inputBytes: 4000,
    shuffleWriteBytes: 1500,
    taskMetricsDistributions: distribution([250, 290, 300, 310, 350]),
  }),
  stage(1, { status: "SKIPPED", numTasks: 4 }),
  stage(2, {
    numTasks: 3,
    executorRunTime: 1100,
    executorCpuTime: 1000e6,
    jvmGcTime: 60,
    shuffleReadBytes: 1500,
    memoryBytesSpilled: 2048,
    diskBytesSpilled: 512,
    taskMetricsDistributions: distribution([100, 100, 100, 900, 900]),
  }),
  stage(3, { status: "FAILED", numTasks: 2, numFailedTasks: 1, executorRunTime: 30, executorCpuTime: 20e6, outputBytes: 10 }),
  stage(3, { attemptId: 1, numTasks: 2, executorRunTime: 40, executorCpuTime: 30e6, outputBytes: 64 }),
  // Another job's stage: the step must not count it.
  stage(9, { numTasks: 100, executorRunTime: 99_999, shuffleWriteBytes: 7 }),
];

describe("stepMetrics", () => {
  const metrics = stepMetrics(JOBS, STAGES);

  it("times the step from the first job's submission to the last job's completion", () => {
    // 10:00:00.000 → 10:00:07.250, including the gap between the jobs.
    expect(metrics.wallTimeMs).toBe(7250);
  });

  it("counts jobs, stage attempts that ran, skipped stages and tasks of this step only", () => {
    expect(metrics.jobs).toBe(2);
    expect(metrics.failedJobs).toBe(0);
    expect(metrics.stages).toBe(4); // 0, 2, 3 attempt 0, 3 attempt 1
    expect(metrics.skippedStages).toBe(1);
    expect(metrics.tasks).toBe(4 + 3 + 2 + 2);
    expect(metrics.failedTasks).toBe(1);
  });

  it("sums run, CPU and GC time, bytes and spill over the attempts that ran", () => {
    expect(metrics.executorRunTimeMs).toBe(1200 + 1100 + 30 + 40);
    expect(metrics.executorCpuTimeMs).toBe(800 + 1000 + 20 + 30);
    expect(metrics.gcTimeMs).toBe(100);
    expect(metrics.inputBytes).toBe(4000);
    expect(metrics.outputBytes).toBe(74);
    expect(metrics.shuffleWriteBytes).toBe(1500);
    expect(metrics.shuffleReadBytes).toBe(1500);
    expect(metrics.memorySpilledBytes).toBe(2048);
    expect(metrics.diskSpilledBytes).toBe(512);
  });

  it("names the heaviest stage with its task-time quantiles and max/median ratio", () => {
    expect(metrics.heaviestStage).toEqual({
      stageId: 0,
      attemptId: 0,
      numTasks: 4,
      executorRunTimeMs: 1200,
      taskTimeMs: { min: 250, p25: 290, median: 300, p75: 310, max: 350 },
      maxOverMedian: 350 / 300,
      inputBytes: 4000,
      shuffleReadBytes: 0,
      shuffleWriteBytes: 1500,
      spillBytes: 0,
    });
  });

  it("leaves jobs without a completion time out of the wall time", () => {
    const running = job(3, [], "2024-03-01T10:00:08.000GMT", undefined, "RUNNING");
    expect(stepMetrics([...JOBS, running], STAGES).wallTimeMs).toBe(7250);
    expect(stepMetrics([], []).wallTimeMs).toBe(0);
    expect(stepMetrics([], []).heaviestStage).toBeUndefined();
  });
});

describe("stageMetrics", () => {
  it("reads the skew of a straggler as max / median", () => {
    const skewed = stageMetrics(STAGES[2] as UiStage);
    expect(skewed.taskTimeMs).toEqual({ min: 100, p25: 100, median: 100, p75: 900, max: 900 });
    expect(skewed.maxOverMedian).toBe(9);
    expect(skewed.spillBytes).toBe(2560);
  });

  it("gives no ratio for a zero median or a stage without summaries", () => {
    expect(stageMetrics(stage(5, { taskMetricsDistributions: distribution([0, 0, 0, 3, 5]) })).maxOverMedian).toBeNull();
    const bare = stageMetrics(stage(6, {}));
    expect(bare.taskTimeMs).toBeUndefined();
    expect(bare.maxOverMedian).toBeNull();
  });

  it("refuses quantiles other than the ones it asks for", () => {
    const defaults = { ...distribution([1, 2, 3, 4, 5]), quantiles: [0.05, 0.25, 0.5, 0.75, 0.95] };
    expect(() => stageMetrics(stage(7, { taskMetricsDistributions: defaults }))).toThrow(/quantile 0\b/);
  });
});

describe("parseUiTime", () => {
  it("reads the UI's GMT-suffixed times", () => {
    expect(parseUiTime("2024-03-01T10:00:07.250GMT")).toBe(Date.UTC(2024, 2, 1, 10, 0, 7, 250));
    expect(() => parseUiTime("yesterday")).toThrow(/Not a Spark UI time/);
  });
});
