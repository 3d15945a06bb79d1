import { join } from "node:path";
import { runSmokeJob } from "../jobs/smoke-job";
import { defineCommand } from "../lib/command-line/command";
import { integer } from "../lib/command-line/value-kinds";
import { openSpark } from "../server/spark-endpoint";

export const smokeCommand = defineCommand({
  name: "smoke",
  summary: "Generate, write and read back interactions: a quick check that Spark works",
  description: `Generates N interactions with the brief's distributions inside Spark, writes them as Parquet
    partitioned by event date, reads them back and prints a summary. Uses SPARK_REMOTE when set;
    otherwise starts an embedded Spark Connect server and stops it after.`,
  options: {
    rows: { kind: integer(), default: 1_000_000, description: "interactions to generate" },
    seed: { kind: integer(), default: 42, description: "seeds every generated value" },
  },
  async run({ values: { rows, seed } }) {
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
  },
});
