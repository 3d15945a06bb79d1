/**
 * The DuckDB half of the benchmark, in a process of its own (see runDuckdb): its peak resident
 * memory is then DuckDB's (plus Node's baseline, measured before DuckDB loads), not the Spark
 * client's. Reads a DuckdbJob as JSON from the environment variable DUCKDB_JOB_ENV, prints a
 * DuckdbRun as JSON on stdout.
 */
import { resourceUsage } from "node:process";
import type { DuckdbJob, DuckdbRun, DuckdbStep } from "./duckdb-run";
import { DUCKDB_JOB_ENV } from "./duckdb-run";
import { duckdbAnalyses, interactionsView, parquetSource, sessionsPercentileRanks, SESSIONS_TABLE } from "./duckdb-queries";

async function main(): Promise<void> {
  const job = JSON.parse(process.env[DUCKDB_JOB_ENV] ?? "null") as DuckdbJob | null;
  if (job === null) throw new Error(`${DUCKDB_JOB_ENV} is not set`);
  const baselineRssBytes = resourceUsage().maxRSS * 1024;
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", { threads: String(job.threads), memory_limit: job.memoryLimit, temp_directory: job.tempDirectory });
  const connection = await instance.connect();
  const rows = async (sql: string): Promise<Record<string, unknown>[]> => (await connection.runAndReadAll(sql)).getRowObjectsJson();
  try {
    const [version] = await rows("SELECT version() AS version");
    await rows(interactionsView(job.interactionsDir, job.plan));
    const [bounds] = await rows(
      `SELECT strftime(min(event_date), '%Y-%m-%d') AS first, strftime(max(event_date), '%Y-%m-%d') AS last FROM ${parquetSource(job.interactionsDir)}`,
    );
    // Untimed, as on the Spark side: a scan of every column the analyses read warms the page cache.
    await rows(`SELECT count(*), sum(length(user_id)), max("timestamp"), sum(duration_ms), max(event_date) FROM interactions`);

    const steps: DuckdbStep[] = [];
    for (const [name, statements] of Object.entries(duckdbAnalyses(job.plan))) {
      const tables: Record<string, Record<string, unknown>[]> = {};
      const started = performance.now();
      for (const statement of statements) {
        const result = await rows(statement.sql);
        if (statement.table !== undefined) tables[statement.table] = result;
      }
      steps.push({ name, ms: performance.now() - started, tables });
      process.stderr.write(`[duckdb] ${name}: ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
    }
    const [ranks] = Object.keys(job.sparkPercentiles).length === 0 ? [] : await rows(sessionsPercentileRanks(job.sparkPercentiles));
    await rows(`DROP TABLE IF EXISTS ${SESSIONS_TABLE}`);
    const run: DuckdbRun = {
      version: String(version?.version),
      bounds: { first: String(bounds?.first), last: String(bounds?.last) },
      steps,
      percentileRanks: ranks ?? {},
      baselineRssBytes,
      maxRssBytes: resourceUsage().maxRSS * 1024,
    };
    process.stdout.write(`${JSON.stringify(run)}\n`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[duckdb] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
