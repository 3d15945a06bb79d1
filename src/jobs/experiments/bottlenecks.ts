import { functions as F, StorageLevel, type DataFrame, type SparkSession } from "../../connect";
import { readEventDateBounds, trailingRange } from "../../domain/analyses/common/event-date-bounds";
import { DEFAULT_ACTIVE_USERS, DEFAULT_POWER_USERS } from "../../domain/analyses/definitions";
import { activeUsers } from "../../domain/analyses/engagement/active-users";
import { userInteractionTotals } from "../../domain/analyses/engagement/power-users";
import { retentionCells } from "../../domain/analyses/engagement/retention";
import { p95ByVersion } from "../../domain/analyses/performance/p95-by-version";
import { enrichInteractions } from "../enriched-interactions";
import type { Experiment } from "./experiment";

/** Where the experiments read: the ingested Parquet, and the enriched interactions the join wrote. */
export interface ExperimentInputs {
  readonly interactions: string;
  readonly metadata: string;
  readonly enriched: string;
}

/** Spark's defaults as an untuned job runs: 200 shuffle partitions, no adaptive execution. */
const UNTUNED = { "spark.sql.adaptive.enabled": false, "spark.sql.shuffle.partitions": 200 } as const;

/** The product's settings: AQE on, so shuffle partitions are coalesced to what the data needs. */
const TUNED = { "spark.sql.adaptive.enabled": true, "spark.sql.adaptive.coalescePartitions.enabled": true, "spark.sql.shuffle.partitions": 200 } as const;

/** Three analyses' results, collected: what both sides of the caching experiment must agree on. */
async function threeAnalyses(enriched: DataFrame): Promise<unknown> {
  const bounds = await readEventDateBounds(enriched);
  const range = trailingRange(bounds, DEFAULT_ACTIVE_USERS.days, bounds.last);
  const dau = await activeUsers(enriched, range).select("date", "dau").orderBy("date").collect();
  const retention = await retentionCells(enriched, bounds.last)
    .select("cohort_week", "week_offset", "retained")
    .orderBy("cohort_week", "week_offset")
    .collect();
  const p95 = await p95ByVersion(enriched).select("app_version", "events", "p95_ms").collect();
  return JSON.parse(JSON.stringify({ dau, retention, p95 }, (_key, value: unknown) => (typeof value === "bigint" ? Number(value) : value)));
}

/** The join recomputed inline from the ingested inputs, as an analysis without the cache sees it. */
async function joinedInline(spark: SparkSession, inputs: ExperimentInputs): Promise<DataFrame> {
  return (await enrichInteractions(spark, spark.read.parquet(inputs.interactions), spark.read.parquet(inputs.metadata))).enriched;
}

/**
 * Several analyses read the same joined data. Without a cache, each one's plan starts from the
 * Parquet files and redoes the join: the scan and the join's build side run once per analysis.
 */
export function cachingExperiment(inputs: ExperimentInputs): Experiment {
  return {
    name: "Repeated scans and joins without a cache",
    symptom: "Every analysis step re-reads the interactions and rebuilds the join: the same scan stages (same input bytes) appear in each step.",
    hypothesis:
      "The analyses share their input; computing it once and keeping it in executor memory (spilling to local disk) removes all but one scan and join.",
    fix: "Persist the enriched interactions with MEMORY_AND_DISK, fill the cache with one count, run the analyses, unpersist.",
    before: { tag: "bottleneck-cache-before", conf: TUNED, run: async (spark) => threeAnalyses(await joinedInline(spark, inputs)) },
    after: {
      tag: "bottleneck-cache-after",
      conf: TUNED,
      run: async (spark) => {
        const enriched = await joinedInline(spark, inputs);
        await enriched.persist(StorageLevel.MEMORY_AND_DISK);
        try {
          await enriched.count();
          return await threeAnalyses(enriched);
        } finally {
          await enriched.unpersist(true);
        }
      },
    },
  };
}

/**
 * Per-user totals (the power users' input) shuffle every event by user_id. With Spark's static
 * 200 partitions on a small input, each task gets a sliver of data and the stage is scheduling
 * overhead.
 */
export function shufflePartitionsExperiment(inputs: ExperimentInputs): Experiment {
  const totals = async (spark: SparkSession): Promise<unknown> => {
    const enriched = spark.read.parquet(inputs.enriched);
    const range = trailingRange(await readEventDateBounds(enriched), DEFAULT_POWER_USERS.days);
    const [row] = await userInteractionTotals(enriched, range, DEFAULT_POWER_USERS.capMs)
      .agg(F.count("*").alias("users"), F.sum("total_ms").alias("total_ms"), F.max("events").alias("max_events"))
      .collect();
    return { users: Number(row?.users), total_ms: Number(row?.total_ms), max_events: Number(row?.max_events) };
  };
  return {
    name: "Too many tiny shuffle partitions",
    symptom: "The per-user aggregation's shuffle stage runs 200 tasks, most of them a few milliseconds long, whatever the input size.",
    hypothesis:
      "spark.sql.shuffle.partitions = 200 is a static guess: on this input most partitions are near-empty and per-task overhead dominates; on 1 TB the same 200 would be 5 GB each and spill.",
    fix: "Adaptive execution coalesces the shuffle's partitions to about 64 MiB each at run time (and the jobs set the static count from the input size, see the join section).",
    before: { tag: "bottleneck-partitions-before", conf: UNTUNED, run: totals },
    after: { tag: "bottleneck-partitions-after", conf: TUNED, run: totals },
  };
}

/**
 * A date-partitioned dataset of many small days: reading it lists every folder (a distributed
 * listing job beyond 32 paths) and opens every small file, one task per file or a few.
 */
export function smallFilesExperiment(inputs: ExperimentInputs): Experiment {
  const perAction = async (spark: SparkSession): Promise<unknown> => {
    const rows = await spark.read.parquet(inputs.enriched).groupBy("action_type").agg(F.count("*").alias("events")).orderBy("action_type").collect();
    return rows.map((row) => ({ action_type: row.action_type, events: Number(row.events) }));
  };
  return {
    name: "Many small files and folders",
    symptom: "A scan of the date-partitioned data starts with a file-listing job with one task per day folder, then opens hundreds of small files.",
    hypothesis:
      "Beyond spark.sql.sources.parallelPartitionDiscovery.threshold (32 paths) Spark lists folders with a Spark job; on a local or HDFS file system listing a few hundred folders on the driver is faster than scheduling the job, and packing small files into fewer splits (openCostInBytes) cuts tasks.",
    fix: "List on the driver up to a few thousand paths (threshold 4096) and count a file open as 1 MiB instead of 4 MiB, so splits pack more small files.",
    before: {
      tag: "bottleneck-files-before",
      conf: { "spark.sql.sources.parallelPartitionDiscovery.threshold": 32, "spark.sql.files.openCostInBytes": 4 * 2 ** 20 },
      run: perAction,
    },
    after: {
      tag: "bottleneck-files-after",
      conf: { "spark.sql.sources.parallelPartitionDiscovery.threshold": 4096, "spark.sql.files.openCostInBytes": 2 ** 20 },
      run: perAction,
    },
  };
}
