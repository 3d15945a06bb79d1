import type { DataFrame, SparkSession } from "../../connect";
import { readBriefCsv } from "../../domain/data/generate/write-dataset";
import { INTERACTIONS, METADATA } from "../../domain/data/schemas";
import type { HotKeys } from "../join/hot-keys";
import { skewAwareJoin } from "../join/skew-aware-join";
import { sortMergeJoin } from "../join/sort-merge-join";

export type InputFormat = "csv" | "parquet";

/** The same rows twice: as CSV in the brief's layout and as typed Parquet. */
export interface JoinInputPaths {
  readonly csv: { readonly interactions: string; readonly metadata: string };
  readonly parquet: { readonly interactions: string; readonly metadata: string };
}

export interface Inputs {
  readonly interactions: DataFrame;
  readonly metadata: DataFrame;
}

/** A join ready to run, and what the report says about how it was chosen. */
export interface PlannedJoin {
  readonly joined: DataFrame;
  readonly strategy: string;
  readonly reason: string;
  /** What the variant measured before joining (null hot keys: not searched, the join is a broadcast). */
  readonly measurements?: { readonly metadataBytes?: number; readonly hotKeys: HotKeys | null };
}

export interface Variant {
  /** Also the job tag: letters, digits and dashes. */
  readonly name: string;
  readonly description: string;
  readonly input: InputFormat;
  /** Session configuration, set on the variant's own session before anything runs. */
  readonly conf: Readonly<Record<string, string | number | boolean>>;
  /** Whether planning runs Spark jobs of its own (measurements), captured under `<name>-measure`. */
  readonly measures: boolean;
  plan(spark: SparkSession, inputs: Inputs): Promise<PlannedJoin>;
}

/**
 * 200 partitions is Spark's default and what a job gets when nobody tunes it: for the naive run
 * it stays 200 (no AQE to coalesce); with AQE it is only the upper bound coalescing starts from.
 */
const SHUFFLE_PARTITIONS = 200;

/** No AQE, no broadcast: the plan is what the query says, a sort-merge join with 200 partitions. */
export const STATIC_SMJ = {
  "spark.sql.adaptive.enabled": false,
  "spark.sql.autoBroadcastJoinThreshold": -1,
  "spark.sql.shuffle.partitions": SHUFFLE_PARTITIONS,
} as const;

/** Spark 3.5's defaults: AQE on, broadcasts up to 10 MiB by the planner's estimate. */
export const ADAPTIVE = {
  "spark.sql.adaptive.enabled": true,
  "spark.sql.autoBroadcastJoinThreshold": "10MB",
  "spark.sql.shuffle.partitions": SHUFFLE_PARTITIONS,
} as const;

/** Reads a variant's inputs: CSV with the brief's explicit schema, or the ingested Parquet. */
export function readInputs(spark: SparkSession, data: JoinInputPaths, input: InputFormat): Inputs {
  if (input === "csv") {
    return {
      interactions: readBriefCsv(spark.read, INTERACTIONS.ddl, data.csv.interactions),
      metadata: readBriefCsv(spark.read, METADATA.ddl, data.csv.metadata),
    };
  }
  // Only the brief's columns: ingestion adds lineage (ingest_batch) and folder columns, and both
  // runs must join the same columns.
  return {
    interactions: spark.read.parquet(data.parquet.interactions).select(...INTERACTIONS.columns),
    metadata: spark.read.parquet(data.parquet.metadata).select(...METADATA.columns),
  };
}

/** A plan that forces a sort-merge join whatever the sizes: the baseline and its ablations. */
export const forcedSortMerge =
  (reason: string) =>
  (_spark: SparkSession, inputs: Inputs): Promise<PlannedJoin> =>
    Promise.resolve({ joined: sortMergeJoin(inputs.interactions, inputs.metadata), strategy: "sort-merge", reason });

/**
 * The raw CSV read with a typed schema, as an untuned job reads it, must survive any file that
 * ingestion accepts. Spark 3's default parser policy (EXCEPTION) fails the whole job on a
 * timestamp such as `2023-13-45 25:61:00` (INCONSISTENT_BEHAVIOR_CROSS_VERSION), where ingestion
 * quarantines the row; CORRECTED makes such a value null in PERMISSIVE mode instead, so the
 * baseline joins every line and its timing stays comparable.
 */
const LENIENT_TYPED_CSV = { "spark.sql.legacy.timeParserPolicy": "CORRECTED" } as const;

export const NAIVE: Variant = {
  name: "naive",
  description: "CSV, AQE off, broadcast off, sort-merge join, 200 shuffle partitions",
  input: "csv",
  conf: { ...STATIC_SMJ, ...LENIENT_TYPED_CSV },
  measures: false,
  plan: forcedSortMerge("forced (merge hint, autoBroadcastJoinThreshold -1, AQE off): the untuned baseline"),
};

export const OPTIMISED: Variant = {
  name: "optimised",
  description: "Parquet, AQE on, strategy chosen by skewAwareJoin (measurements included)",
  input: "parquet",
  conf: ADAPTIVE,
  measures: true,
  async plan(spark, inputs) {
    const result = await skewAwareJoin(spark, inputs.interactions, inputs.metadata);
    return {
      joined: result.joined,
      strategy: result.choice.strategy,
      reason: result.choice.reason,
      measurements: { metadataBytes: result.metadataBytes, hotKeys: result.hotKeys },
    };
  },
};
