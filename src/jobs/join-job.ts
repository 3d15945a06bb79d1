import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SparkSession } from "../connect";
import { enrichInteractions } from "./enriched-interactions";
import { describeJoin, type JoinDescription } from "./join/describe-join";
import { formatJoinDescription } from "./join/format-join-description";
import type { SkewAwareJoinOptions } from "./join/skew-aware-join";
import { applyParallelismFromInput } from "../domain/data/tuning/apply-parallelism";
import type { ParallelismPlan } from "../domain/data/tuning/parallelism-plan";

export interface JoinJobOptions {
  /** Valid interactions as ingestion writes them (Parquet, `event_date=` folders). */
  readonly interactionsPath: string;
  /** Valid metadata as ingestion writes it (Parquet, `country=` folders). */
  readonly metadataPath: string;
  /** Receives `enriched/` (Parquet by event_date), `join.json` and `join.md`. */
  readonly outDir: string;
  readonly join: SkewAwareJoinOptions;
}

export interface JoinJobResult {
  readonly enrichedPath: string;
  /** Interactions read = enriched rows written (checked). */
  readonly rows: number;
  readonly description: JoinDescription;
  /** The shuffle and split settings derived from the interactions' size. */
  readonly parallelism: ParallelismPlan;
}

/**
 * interactions LEFT JOIN metadata with the strategy skewAwareJoin picks, written as Parquet by
 * event date (the enriched interactions, see enrichInteractions), with the choice, its
 * measurements and the physical plan beside it.
 *
 * A left join with at most one metadata row per user keeps every interaction exactly once; the
 * job checks it on the written output (Parquet counts come from file footers, so both counts
 * are cheap) and fails rather than hand on a lossy or duplicating join.
 */
export async function runJoinJob(spark: SparkSession, options: JoinJobOptions): Promise<JoinJobResult> {
  const interactions = spark.read.parquet(options.interactionsPath);
  // Sized from the larger side: the interactions decide how many tasks the join's stages need.
  const parallelism = await applyParallelismFromInput(spark, interactions);
  const { enriched, join: result } = await enrichInteractions(spark, interactions, spark.read.parquet(options.metadataPath), options.join);
  const description = await describeJoin(result);

  const enrichedPath = join(options.outDir, "enriched");
  await enriched.write.mode("overwrite").partitionBy("event_date").parquet(enrichedPath);

  const [read, written] = await Promise.all([interactions.count(), spark.read.parquet(enrichedPath).count()]);
  if (read !== written) throw new Error(`The join of ${options.interactionsPath} wrote ${written} rows for ${read} interactions: rows were lost or duplicated`);

  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(join(options.outDir, "join.json"), `${JSON.stringify({ ...description, parallelism }, null, 2)}\n`);
  writeFileSync(join(options.outDir, "join.md"), `${formatJoinDescription(description)}\n`);
  return { enrichedPath, rows: read, description, parallelism };
}
