import { spawn } from "node:child_process";
import { join } from "node:path";
import type { AnalysisPlan } from "./plan";

/** The environment variable that carries the DuckdbJob to the worker. */
export const DUCKDB_JOB_ENV = "INSIGHTS_DUCKDB_JOB";

/** What the DuckDB worker runs. */
export interface DuckdbJob {
  readonly interactionsDir: string;
  readonly plan: AnalysisPlan;
  /** The same cores as Spark's local[2]. */
  readonly threads: number;
  /** DuckDB's memory_limit, e.g. "4GB": the same budget as the Spark heap. */
  readonly memoryLimit: string;
  /** Where DuckDB spills if it must. */
  readonly tempDirectory: string;
  /** Spark's duration percentiles (column → value), to locate in DuckDB's exact sessions. */
  readonly sparkPercentiles: Readonly<Record<string, number>>;
}

/** One analysis: its wall time (all its statements, results read into JS) and its tables as DuckDB returned them. */
export interface DuckdbStep {
  readonly name: string;
  readonly ms: number;
  readonly tables: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
}

export interface DuckdbRun {
  readonly version: string;
  /** min and max event_date of the files, for the cross-check with Spark's. */
  readonly bounds: { readonly first: string; readonly last: string };
  readonly steps: readonly DuckdbStep[];
  /** n, `<column>_below` and `<column>_at_or_below` for each Spark percentile (as JSON numbers or strings). */
  readonly percentileRanks: Readonly<Record<string, unknown>>;
  /** The worker's peak RSS before DuckDB was loaded (Node and tsx alone). */
  readonly baselineRssBytes: number;
  /** The worker's peak RSS at the end: Node's baseline plus DuckDB's peak. */
  readonly maxRssBytes: number;
}

/**
 * Runs the DuckDB worker (duckdb-worker.ts, through tsx) as a child process and returns what it
 * printed. A child of its own so that its peak RSS measures DuckDB alone, and so that DuckDB's
 * threads and memory are gone before Spark runs again.
 */
export function runDuckdb(job: DuckdbJob): Promise<DuckdbRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "duckdb-worker.ts")], {
      env: { ...process.env, [DUCKDB_JOB_ENV]: JSON.stringify(job) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (out += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`The DuckDB worker exited with code ${String(code)}`));
      else resolve(JSON.parse(out) as DuckdbRun);
    });
  });
}
