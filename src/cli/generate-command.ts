import { resolve } from "node:path";
import { runGenerateJob } from "../jobs/generate-job";
import { openSpark } from "../server/spark-endpoint";
import { assertKnownFlags, flag, intFlag, UsageError, type ParsedArgs } from "./args";

export const GENERATE_HELP = `insights generate [--mode seed] [--interactions N] [--metadata N] [--seed N]
                  [--format csv|parquet] [--out DIR] [--single-file] [--partitions N]

  Generates the brief's two datasets inside Spark, in parallel, and writes DIR/interactions and
  DIR/metadata. The same seed and row counts give the same rows on any cluster.
    --mode seed       the brief's uniform distributions (the only mode so far)
    --interactions N  interaction rows (default 1,000,000)
    --metadata N      metadata rows (default 100,000)
    --seed N          default 42
    --format F        csv, in the brief's exact layout (default), or parquet
    --out DIR         default .insights/data/seed (git-ignored)
    --single-file     one part file per dataset: for small outputs only
    --partitions N    generating partitions (default: one per 2M rows)
  Uses SPARK_REMOTE when set; otherwise starts an embedded Spark Connect server and stops it after.`;

export async function generateCommand(args: ParsedArgs): Promise<void> {
  assertKnownFlags(args, ["mode", "interactions", "metadata", "seed", "format", "out", "single-file", "partitions"]);
  const mode = flag(args, "mode") ?? "seed";
  if (mode !== "seed") throw new UsageError(`--mode must be seed, not '${mode}'`);
  const format = flag(args, "format") ?? "csv";
  if (format !== "csv" && format !== "parquet") throw new UsageError(`--format must be csv or parquet, not '${format}'`);
  const partitions = intFlag(args, "partitions");
  if (partitions === 0) throw new UsageError("--partitions must be at least 1");
  const options = {
    mode,
    format,
    interactions: intFlag(args, "interactions") ?? 1_000_000,
    metadata: intFlag(args, "metadata") ?? 100_000,
    seed: intFlag(args, "seed") ?? 42,
    // The server resolves relative paths against its own working directory: send absolute ones.
    outDir: resolve(flag(args, "out") ?? ".insights/data/seed"),
    singleFile: flag(args, "single-file") === "true",
    ...(partitions !== undefined && { partitions }),
  } as const;

  const started = Date.now();
  const endpoint = await openSpark();
  try {
    console.log(`Spark ${await endpoint.spark.version()} ${endpoint.server ? `(embedded, UI ${endpoint.uiUrl ?? ""})` : "(SPARK_REMOTE)"}`);
    const result = await runGenerateJob(endpoint.spark, options);
    console.log(`${result.interactions.rows} interactions → ${result.interactions.path}`);
    console.log(`${result.metadata.rows} metadata rows → ${result.metadata.path}`);
  } finally {
    await endpoint.close();
  }
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s (${options.format}, seed ${options.seed})`);
}
