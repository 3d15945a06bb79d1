/**
 * The parts of Spark's monitoring REST API (/api/v1, Spark 3.5) that Insights reads. Only the
 * fields we use are typed; saved captures keep the whole JSON as the server sent it.
 */

/** Times are formatted as `2024-01-31T12:00:00.000GMT`; see parseUiTime. */
export type UiTime = string;

export interface UiApplication {
  readonly id: string;
  readonly name: string;
  /** A History Server lists one per attempt; cluster-mode attempts carry an attemptId. */
  readonly attempts: readonly { readonly attemptId?: string; readonly completed: boolean }[];
}

export interface UiJob {
  readonly jobId: number;
  readonly name: string;
  readonly submissionTime?: UiTime;
  readonly completionTime?: UiTime;
  /** Includes stages that were skipped because their shuffle output already existed. */
  readonly stageIds: readonly number[];
  /** Spark 3.5 lists Spark Connect's operation and session tags here. */
  readonly jobTags?: readonly string[];
  readonly status: "RUNNING" | "SUCCEEDED" | "FAILED" | "UNKNOWN";
  readonly numTasks: number;
  readonly numFailedTasks: number;
}

/** Quantiles of a per-task metric, in the order of UiTaskMetricDistributions.quantiles. */
export type UiQuantiles = readonly number[];

export interface UiTaskMetricDistributions {
  readonly quantiles: readonly number[];
  readonly duration: UiQuantiles;
  /** What the UI's stage page shows as task "Duration": time running the task's code (ms). */
  readonly executorRunTime: UiQuantiles;
  readonly jvmGcTime: UiQuantiles;
  readonly peakExecutionMemory: UiQuantiles;
  readonly memoryBytesSpilled: UiQuantiles;
  readonly diskBytesSpilled: UiQuantiles;
  readonly inputMetrics: { readonly bytesRead: UiQuantiles; readonly recordsRead: UiQuantiles };
  readonly shuffleReadMetrics: { readonly readBytes: UiQuantiles; readonly readRecords: UiQuantiles };
  readonly shuffleWriteMetrics: { readonly writeBytes: UiQuantiles; readonly writeRecords: UiQuantiles };
}

export interface UiStage {
  readonly status: "ACTIVE" | "COMPLETE" | "FAILED" | "PENDING" | "SKIPPED";
  readonly stageId: number;
  readonly attemptId: number;
  readonly name: string;
  readonly numTasks: number;
  readonly numCompleteTasks: number;
  readonly numFailedTasks: number;
  readonly submissionTime?: UiTime;
  readonly completionTime?: UiTime;
  /** Sum over tasks, ms. */
  readonly executorRunTime: number;
  /** Sum over tasks, ns. */
  readonly executorCpuTime: number;
  readonly jvmGcTime: number;
  readonly memoryBytesSpilled: number;
  readonly diskBytesSpilled: number;
  readonly peakExecutionMemory: number;
  readonly inputBytes: number;
  readonly inputRecords: number;
  readonly outputBytes: number;
  readonly shuffleReadBytes: number;
  readonly shuffleReadRecords: number;
  readonly shuffleWriteBytes: number;
  readonly shuffleWriteRecords: number;
  /** Present when requested with withSummaries=true (never for a skipped stage). */
  readonly taskMetricsDistributions?: UiTaskMetricDistributions;
}

export interface UiSqlMetric {
  readonly name: string;
  /** Formatted for people: `1,234`, `12.5 MiB`, or `total (min, med, max (stageId: taskId))\n…`. */
  readonly value: string;
}

export interface UiSqlNode {
  readonly nodeId: number;
  readonly nodeName: string;
  readonly wholeStageCodegenId?: number;
  readonly metrics: readonly UiSqlMetric[];
}

export interface UiSqlExecution {
  readonly id: number;
  readonly status: "RUNNING" | "COMPLETED" | "FAILED";
  readonly description: string;
  /** The physical plan as the UI shows it; with AQE, the final plan once the query has run. */
  readonly planDescription: string;
  readonly submissionTime: UiTime;
  readonly duration: number;
  readonly runningJobIds: readonly number[];
  readonly successJobIds: readonly number[];
  readonly failedJobIds: readonly number[];
  /** With details=true. */
  readonly nodes?: readonly UiSqlNode[];
}

/** JVM and process memory peaks of an executor (bytes), from its heartbeats. */
export interface UiExecutorPeakMemory {
  readonly JVMHeapMemory: number;
  readonly JVMOffHeapMemory: number;
  readonly OnHeapExecutionMemory: number;
  readonly OffHeapExecutionMemory: number;
  readonly OnHeapStorageMemory: number;
  readonly OffHeapStorageMemory: number;
  readonly OnHeapUnifiedMemory: number;
  readonly OffHeapUnifiedMemory: number;
  readonly DirectPoolMemory: number;
  readonly MappedPoolMemory: number;
  readonly MajorGCCount: number;
  readonly MajorGCTime: number;
  readonly MinorGCCount: number;
  readonly MinorGCTime: number;
  readonly TotalGCTime: number;
}

export interface UiExecutor {
  readonly id: string;
  readonly isActive: boolean;
  readonly totalCores: number;
  /** Tasks it runs at once: totalCores / spark.task.cpus. */
  readonly maxTasks: number;
  readonly addTime: UiTime;
  /** Only for removed executors. */
  readonly removeTime?: UiTime;
  /** Storage memory available to the executor, bytes. */
  readonly maxMemory: number;
  /** Sum of its tasks' durations, ms. */
  readonly totalDuration: number;
  /** Sum of its tasks' JVM GC time, ms. */
  readonly totalGCTime: number;
  readonly totalTasks: number;
  /** Storage memory in use now; absent for executors that report none. */
  readonly memoryMetrics?: {
    readonly usedOnHeapStorageMemory: number;
    readonly usedOffHeapStorageMemory: number;
    readonly totalOnHeapStorageMemory: number;
    readonly totalOffHeapStorageMemory: number;
  };
  /** Absent until the first heartbeat with metrics. */
  readonly peakMemoryMetrics?: UiExecutorPeakMemory;
}

export interface UiEnvironment {
  readonly runtime: { readonly javaVersion: string; readonly scalaVersion: string };
  readonly sparkProperties: readonly (readonly [string, string])[];
}

export interface UiRddStorage {
  readonly id: number;
  readonly name: string;
  readonly numPartitions: number;
  readonly numCachedPartitions: number;
  readonly storageLevel: string;
  readonly memoryUsed: number;
  readonly diskUsed: number;
}

/** `2024-01-31T12:00:00.000GMT` → epoch ms (Date.parse does not read the GMT suffix). */
export function parseUiTime(time: UiTime): number {
  const ms = Date.parse(time.replace(/GMT$/, "Z"));
  if (Number.isNaN(ms)) throw new Error(`Not a Spark UI time: '${time}'`);
  return ms;
}
