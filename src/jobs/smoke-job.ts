import { join } from "node:path";
import { col, count, countDistinct, desc, toDate } from "../connect/sql/functions";
import type { SparkSession } from "../connect/sql/session";
import { seedInteractions } from "../domain/data/generate/seed-datasets";

export interface SmokeJobOptions {
  readonly rows: number;
  readonly outDir: string;
  readonly seed?: number;
}

export interface SmokeJobResult {
  readonly rows: number;
  readonly users: number;
  readonly days: number;
  readonly parquetPath: string;
  readonly byAction: string;
}

/**
 * The end-to-end check of the foundation: generate interactions in Spark, store them as Parquet
 * partitioned by event date (the layout ingestion will use), read them back and summarise.
 */
export async function runSmokeJob(spark: SparkSession, options: SmokeJobOptions): Promise<SmokeJobResult> {
  const parquetPath = join(options.outDir, "interactions");
  await seedInteractions(spark, options.rows, options.seed ?? 42)
    .withColumn("event_date", toDate(col("timestamp")))
    .write.mode("overwrite")
    .partitionBy("event_date")
    .parquet(parquetPath);

  const interactions = spark.read.parquet(parquetPath);
  const [totals] = await interactions
    .agg(count("*").alias("rows"), countDistinct("user_id").alias("users"), countDistinct("event_date").alias("days"))
    .collect();
  const byAction = await interactions.groupBy("action_type").agg(count("*").alias("events")).orderBy(desc("events"), col("action_type")).showString();
  return {
    rows: Number(totals?.rows),
    users: Number(totals?.users),
    days: Number(totals?.days),
    parquetPath,
    byAction,
  };
}
