import type { DataFrame, SparkSession } from "../../../connect";
import { estimatePlanSizeInBytes } from "./plan-size";
import { DEFAULT_PARALLELISM_POLICY, planParallelism, type ParallelismPlan, type ParallelismPolicy } from "./parallelism-plan";

/** The split count in a Range node of a plan (`splits=2` physical, `splits=Some(2)` logical). */
export function parseRangeSplits(explained: string): number | undefined {
  const match = /Range \([^)]*splits=(?:Some\()?(\d+)/.exec(explained);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * The cluster's default parallelism: how many tasks it runs at once.
 *
 * Spark Connect has no SparkContext to ask, and spark.default.parallelism is usually unset (Spark
 * then derives it from the cores, which no conf shows). What the server does expose: a range
 * without a partition count is planned with the session's leaf-node parallelism, which is
 * spark.sql.leafNodeDefaultParallelism if set, else SparkContext.defaultParallelism (the
 * executors' total cores, or N for local[N]). Explaining `spark.range(1)` reads that number from
 * the plan without running a job. With dynamic allocation it counts the executors running now.
 */
export async function defaultParallelism(spark: SparkSession): Promise<number> {
  const explained = await spark.range(1).explain();
  const splits = parseRangeSplits(explained);
  if (splits === undefined) throw new Error(`No split count in the plan of spark.range(1):\n${explained}`);
  return splits;
}

/**
 * Measures `input` (the job's raw read) and sets the session's shuffle partitions, file split size
 * and AQE coalescing from its size (planParallelism). Returns what it set and why, for the report.
 *
 * The size is the optimizer's estimate of the read, which for files is the sum of their sizes as
 * the filesystem lists them: no job runs, and it works on any filesystem Spark reads (local,
 * HDFS, object stores). Session-wide on purpose: every later query of the job inherits settings
 * sized for its input; call again before a job with a different input.
 */
export async function applyParallelismFromInput(
  spark: SparkSession,
  input: DataFrame,
  policy: ParallelismPolicy = DEFAULT_PARALLELISM_POLICY,
): Promise<ParallelismPlan> {
  const plan = planParallelism(await estimatePlanSizeInBytes(input), await defaultParallelism(spark), policy);
  for (const { key, value } of plan.settings) await spark.conf.set(key, value);
  return plan;
}
