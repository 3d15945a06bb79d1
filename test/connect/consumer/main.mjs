// @ts-check
/**
 * A consumer of the built client package: it imports `@insights/spark-connect` only, as any
 * project that installed it would. Given people as JSON (argv[2]) and SPARK_REMOTE, it prints
 * the per-department summary Spark computes, as JSON, for the test to compare.
 */
import { SparkSession, Window, functions as F } from "@insights/spark-connect";

/** @typedef {{ name: string, dept: string, salary: number }} Person */
/** @typedef {{ dept: string, people: number, total: number, top: string }} DeptSummary */

/** @type {Person[]} */
const people = JSON.parse(process.argv[2] ?? "[]");
const spark = await SparkSession.builder.remote(process.env.SPARK_REMOTE ?? "").getOrCreate();
try {
  const df = spark.createDataFrame(people, "name string, dept string, salary int");
  const ranked = df.withColumn("rank", F.rowNumber().over(Window.partitionBy("dept").orderBy(F.desc("salary"), "name")));
  const summary = ranked
    .groupBy("dept")
    .agg(F.count("*").alias("people"), F.sum("salary").alias("total"), F.max(F.when(F.col("rank").eq(1), F.col("name"))).alias("top"))
    .orderBy("dept");
  /** @type {DeptSummary[]} */
  const rows = await summary.collect();
  const database = await spark.catalog.currentDatabase();
  process.stdout.write(JSON.stringify({ version: await spark.version(), database, rows }));
} finally {
  spark.stop();
}
