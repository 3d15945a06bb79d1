import { enableAqeSkewJoin } from "../../src/domain/data/tuning/aqe-skew-join";
import { ADAPTIVE, STATIC_SMJ, forcedSortMerge, type Variant } from "../../src/jobs/experiments/join-variants";
import { findHotKeys } from "../../src/jobs/join/hot-keys";
import { saltedJoin } from "../../src/jobs/join/salted-join";
import { sortMergeJoin } from "../../src/jobs/join/sort-merge-join";

/**
 * The AQE skew split only acts on partitions above 256 MiB by default, sizes a terabyte job has;
 * at benchmark scale a hot user's partition is tens of MiB, so the ablation scales the byte
 * thresholds down by the same factor the data is smaller (the 5× factor stays).
 */
const BENCH_SCALE_AQE = { skewedPartitionFactor: 5, skewedPartitionThresholdBytes: 8 * 2 ** 20, advisoryPartitionBytes: 16 * 2 ** 20 };

const SALT_BUCKETS = 16;

/** Ablations: each changes one thing from the naive run, to attribute the gain. */
export const ABLATIONS: readonly Variant[] = [
  {
    name: "parquet-smj",
    description: "Parquet, otherwise as naive (AQE off, sort-merge join)",
    input: "parquet",
    conf: STATIC_SMJ,
    measures: false,
    plan: forcedSortMerge("forced, as naive: isolates the input format"),
  },
  {
    name: "parquet-smj-aqe",
    description: "Parquet, sort-merge join with AQE coalescing and skew split (thresholds scaled to bench size)",
    input: "parquet",
    conf: ADAPTIVE,
    measures: false,
    async plan(spark, inputs) {
      await enableAqeSkewJoin(spark, BENCH_SCALE_AQE);
      return {
        joined: sortMergeJoin(inputs.interactions, inputs.metadata),
        strategy: "sort-merge-aqe",
        reason: "forced: isolates AQE's coalescing and skew split",
      };
    },
  },
  {
    name: "salted",
    description: `Parquet, AQE off, sort-merge join on (user_id, salt) with the hot keys salted into ${SALT_BUCKETS}`,
    input: "parquet",
    conf: STATIC_SMJ,
    // It finds its own hot keys: the optimised run broadcasts, so it does not search them.
    measures: true,
    async plan(_spark, inputs) {
      const hotKeys = await findHotKeys(inputs.interactions);
      return {
        joined: saltedJoin(inputs.interactions, inputs.metadata, hotKeys.keys, SALT_BUCKETS),
        strategy: "salted",
        reason: `forced: the ${hotKeys.keys.length} hot key(s) found, salted without AQE`,
        measurements: { hotKeys },
      };
    },
  },
];
