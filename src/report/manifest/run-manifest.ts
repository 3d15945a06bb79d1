import type { Parameters } from "../notebook/parameters";
import type { StepRecord } from "../session/report-session";
import type { FolderSize } from "./folder-size";
import type { GitRevision } from "./git-revision";

/** One input dataset as the run read it. */
export interface ManifestInput {
  readonly name: string;
  readonly path: string;
  readonly size: FolderSize;
}

export interface ManifestNotebook {
  readonly notebook: string;
  /** How the run that computed its outputs got them: "cached" when that run reused them too. */
  readonly status: "executed" | "cached";
  /** That run's time for it. */
  readonly seconds: number;
}

export interface ManifestSpark {
  readonly version: string;
  readonly master: string;
  /** The embedded server this command started, or a remote one (SPARK_REMOTE). */
  readonly server: "embedded" | "remote";
  /** The configuration that shapes the jobs (sql, memory, parallelism), as the UI reported it. */
  readonly configs: Readonly<Record<string, string>>;
}

/**
 * Everything needed to say what a report was computed from and what it cost: inputs and sizes,
 * Spark and its effective configuration, the code's commit, each notebook's and each step's time.
 * The figures describe the run that computed the numbers: when every notebook was up to date, the
 * previous run's Spark, inputs and steps are carried over and `computedAt` stays theirs.
 */
export interface RunManifest {
  readonly generatedAt: string;
  readonly computedAt: string;
  /** This invocation, start to end (server start included), seconds. */
  readonly wallSeconds: number;
  /** The wall time of the invocation that computed the numbers, seconds. */
  readonly computeWallSeconds: number;
  readonly git: GitRevision | undefined;
  readonly parameters: Parameters;
  readonly inputs: readonly ManifestInput[];
  readonly spark: ManifestSpark | undefined;
  readonly notebooks: readonly ManifestNotebook[];
  /** How many notebooks this invocation ran (0: the report was reassembled from saved outputs). */
  readonly notebooksRun: number;
  readonly steps: readonly StepRecord[];
}

/** Configuration keys worth a reader's attention: what decides plans, memory and parallelism. */
export function isReportedConfig(key: string): boolean {
  return (
    key.startsWith("spark.sql.adaptive.") ||
    [
      "spark.master",
      "spark.driver.memory",
      "spark.executor.memory",
      "spark.sql.shuffle.partitions",
      "spark.sql.autoBroadcastJoinThreshold",
      "spark.sql.files.maxPartitionBytes",
      "spark.sql.session.timeZone",
      "spark.serializer",
      "spark.eventLog.enabled",
      "spark.ui.port",
      "spark.default.parallelism",
      "spark.sql.sources.parallelPartitionDiscovery.threshold",
    ].includes(key)
  );
}
