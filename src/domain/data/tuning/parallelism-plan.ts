import { formatMiB, MiB } from "../../../lib/text/format";
import { DEFAULT_AQE_SKEW_JOIN } from "./aqe-skew-join";

export interface ParallelismPolicy {
  /** Input bytes each shuffle partition and each file split should carry. */
  readonly bytesPerPartition: number;
  /** Most shuffle partitions, whatever the input size. */
  readonly maxShufflePartitions: number;
  /** Smallest file split worth a task of its own. */
  readonly minSplitBytes: number;
  /** The size AQE coalesces shuffle partitions up to (and splits skewed ones down to). */
  readonly advisoryPartitionBytes: number;
  /** AQE never coalesces to partitions smaller than this when it keeps every core busy. */
  readonly minPartitionBytes: number;
}

/**
 * 128 MiB per partition: large enough that a task's fixed costs (scheduling, a Parquet footer, a
 * shuffle fetch per map output) are a small share of its run time, small enough that a task's
 * data fits in its share of executor memory (a few GiB per core) with room to sort or hash it
 * without spilling, and the default HDFS/S3-connector block and Parquet row-group scale.
 */
export const DEFAULT_PARALLELISM_POLICY: ParallelismPolicy = {
  bytesPerPartition: 128 * MiB,
  // Twice the 1 TB figure (1 TiB / 128 MiB = 8192). A shuffle has map tasks × partitions blocks,
  // so its bookkeeping (driver map statuses, fetch requests) grows with the square of the count
  // while each partition's work stays the same; larger inputs get larger partitions instead.
  maxShufflePartitions: 16_384,
  // Spark's spark.sql.files.openCostInBytes: it counts opening a file as reading 4 MiB, so a
  // split smaller than that costs more to schedule and open than its parallelism gains.
  minSplitBytes: 4 * MiB,
  // The size the AQE skew join aims for (enableAqeSkewJoin), so turning it on changes nothing here.
  advisoryPartitionBytes: DEFAULT_AQE_SKEW_JOIN.advisoryPartitionBytes,
  // Spark's default: below 1 MiB a task's overhead exceeds its work.
  minPartitionBytes: MiB,
};

/** One Spark SQL setting and the reason for its value, for the run report. */
export interface ParallelismSetting {
  readonly key: string;
  readonly value: string;
  readonly reason: string;
}

export interface ParallelismPlan {
  readonly inputBytes: number;
  readonly cores: number;
  readonly shufflePartitions: number;
  readonly maxPartitionBytes: number;
  readonly settings: readonly ParallelismSetting[];
}

function roundUpToMultiple(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}

/**
 * Spark SQL parallelism for a job whose input is `inputBytes`, on a cluster running `cores`
 * tasks at once (its default parallelism).
 *
 * Shuffle partitions: one per 128 MiB of input, so 1 TB gives 8192, and 1 GB gives 8. The count
 * is rounded up to a multiple of the cores because tasks run in waves of `cores`: 17 partitions
 * on 16 cores take two waves, the second with 15 cores idle, for no more data per task than 32
 * would carry; and never fewer than the cores, or some would idle on every shuffle. It is the
 * number AQE starts from (initialPartitionNum): AQE can merge partitions that turn out small but
 * cannot split a large one (outside a skewed join), so the start must be fine enough for the
 * largest shuffle, which is about the input size.
 *
 * File splits: 128 MiB, except for inputs too small to give every core a split of that size,
 * where the input is divided evenly over the cores (never below minSplitBytes). Spark applies the
 * same reduction per scan (FilePartition.maxSplitBytes); setting it from the measurement makes the
 * split size a stated decision that the run report shows.
 */
export function planParallelism(inputBytes: number, cores: number, policy: ParallelismPolicy = DEFAULT_PARALLELISM_POLICY): ParallelismPlan {
  if (!Number.isFinite(inputBytes) || inputBytes < 0) throw new RangeError(`inputBytes must be a non-negative number, not ${inputBytes}`);
  if (!Number.isInteger(cores) || cores < 1) throw new RangeError(`cores must be a positive integer, not ${cores}`);
  const bySize = Math.max(1, Math.ceil(inputBytes / policy.bytesPerPartition));
  // The cap, too, is a whole number of waves.
  const cap = Math.max(cores, Math.floor(policy.maxShufflePartitions / cores) * cores);
  const shufflePartitions = Math.min(cap, roundUpToMultiple(bySize, cores));
  const maxPartitionBytes = Math.min(policy.bytesPerPartition, Math.max(policy.minSplitBytes, Math.ceil(inputBytes / cores)));

  const capped = roundUpToMultiple(bySize, cores) > cap;
  const settings: ParallelismSetting[] = [
    {
      key: "spark.sql.shuffle.partitions",
      value: String(shufflePartitions),
      reason: capped
        ? `${formatMiB(inputBytes)} of input would need ${bySize} partitions of ${formatMiB(policy.bytesPerPartition)}: capped at ${cap} (a multiple of ${cores} cores), so partitions carry more`
        : `${formatMiB(inputBytes)} of input / ${formatMiB(policy.bytesPerPartition)} = ${bySize} partition(s), rounded up to a multiple of ${cores} cores`,
    },
    {
      key: "spark.sql.adaptive.coalescePartitions.initialPartitionNum",
      value: String(shufflePartitions),
      reason: "AQE starts from the size-derived count, whatever the cluster's own default says",
    },
    {
      key: "spark.sql.files.maxPartitionBytes",
      value: String(maxPartitionBytes),
      reason:
        maxPartitionBytes < policy.bytesPerPartition
          ? `${formatMiB(inputBytes)} over ${cores} cores: ${formatMiB(maxPartitionBytes)} splits give every core one`
          : `${formatMiB(policy.bytesPerPartition)} splits: the input gives every core at least one`,
    },
    { key: "spark.sql.adaptive.enabled", value: "true", reason: "re-plans each shuffle from the real map-output sizes" },
    {
      key: "spark.sql.adaptive.coalescePartitions.enabled",
      value: "true",
      reason: "merges the partitions a filter or aggregation left small, so tasks carry the advisory size",
    },
    {
      key: "spark.sql.adaptive.advisoryPartitionSizeInBytes",
      value: String(policy.advisoryPartitionBytes),
      reason: `coalesce up to ${formatMiB(policy.advisoryPartitionBytes)}, the size the skew join splits to`,
    },
    {
      // True (Spark's default, stated so that the report shows it): the coalescing target becomes
      // min(advisory, shuffle bytes / cores), from the real shuffle size, so a small shuffle still
      // occupies every core; a large one is unaffected. Spark's docs suggest false on busy shared
      // clusters, where the free cores are fewer than the default parallelism says.
      key: "spark.sql.adaptive.coalescePartitions.parallelismFirst",
      value: "true",
      reason: "a shuffle smaller than cores × advisory size is still spread over every core",
    },
    {
      key: "spark.sql.adaptive.coalescePartitions.minPartitionSize",
      value: String(policy.minPartitionBytes),
      reason: `no coalesced partition below ${formatMiB(policy.minPartitionBytes)}, where task overhead exceeds the work`,
    },
  ];
  return { inputBytes, cores, shufflePartitions, maxPartitionBytes, settings };
}
