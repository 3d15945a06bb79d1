import { join } from "node:path";
import { runSmokeJob } from "../jobs/smoke-job";
import { openSpark } from "../server/spark-endpoint";
import { assertKnownFlags, intFlag, type ParsedArgs } from "./args";

export const SMOKE_HELP = `insights smoke [--rows N] [--seed N]

  Generates N interactions (default 1,000,000) with the brief's distributions inside Spark, writes
  them as Parquet partitioned by event date, reads them back and prints a summary. Uses
  SPARK_REMOTE when set; otherwise starts an embedded Spark Connect server and stops it after.`;

export async function smokeCommand(args: ParsedArgs): Promise<void> {
  assertKnownFlags(args, ["rows", "seed"]);
  const rows = intFlag(args, "rows") ?? 1_000_000;
  const seed = intFlag(args, "seed") ?? 42;
  const started = Date.now();
  const endpoint = await openSpark();
  try {
    const outDir = join(endpoint.server?.runDir ?? join(process.cwd(), ".insights", "smoke"), "data");
    console.log(`Spark ${await endpoint.spark.version()} ${endpoint.server ? `(embedded, UI ${endpoint.uiUrl ?? ""})` : "(SPARK_REMOTE)"}`);
    const result = await runSmokeJob(endpoint.spark, { rows, seed, outDir });
    console.log(`${result.rows} interactions from ${result.users} users over ${result.days} days → ${result.parquetPath}\n${result.byAction}`);
    if (endpoint.server) console.log(`Server log and event log: ${endpoint.server.runDir}`);
  } finally {
    await endpoint.close();
  }
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
