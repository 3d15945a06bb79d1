import type { DataFrame } from "../../../connect";

const UNIT_BYTES: Readonly<Record<string, number>> = {
  B: 1,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
  PiB: 2 ** 50,
  EiB: 2 ** 60,
};

/**
 * The optimizer's size estimate of a plan's root, from `explain("cost")` output: the first
 * `Statistics(sizeInBytes=…)` of the optimized logical plan. Undefined when absent.
 */
export function parseOptimizedSizeInBytes(costExplain: string): number | undefined {
  const optimized = costExplain.split("== Optimized Logical Plan ==")[1] ?? "";
  const match = /Statistics\(sizeInBytes=([0-9.E+]+) ([A-Za-z]+)/.exec(optimized);
  if (!match) return undefined;
  const [, amount, unit] = match;
  const bytes = unit === undefined ? undefined : UNIT_BYTES[unit];
  return bytes === undefined ? undefined : Number(amount) * bytes;
}

/**
 * The size Spark's own planner would use to decide on a broadcast (file sizes for tables, row
 * width × rows for local data, propagated upwards as an upper bound), measured without running a
 * job. This is the same number spark.sql.autoBroadcastJoinThreshold is compared against, so the
 * chooser and the planner agree.
 */
export async function estimatePlanSizeInBytes(df: DataFrame): Promise<number> {
  const size = parseOptimizedSizeInBytes(await df.explain("cost"));
  if (size === undefined) throw new Error('explain("cost") gave no size estimate for the plan');
  return size;
}
