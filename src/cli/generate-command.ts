import { resolve } from "node:path";
import { REALISTIC_DEFAULTS, type RealisticOptions } from "../domain/data/generate/realistic/options";
import { runGenerateJob } from "../jobs/generate-job";
import { openSpark } from "../server/spark-endpoint";
import { assertKnownFlags, flag, intFlag, UsageError, type ParsedArgs } from "./args";

export const GENERATE_HELP = `insights generate [--mode seed|realistic] [--interactions N] [--metadata N] [--seed N]
                  [--format csv|parquet] [--out DIR] [--single-file] [--partitions N]
                  [--corrupt FRACTION] [realistic options]

  Generates the brief's two datasets inside Spark, in parallel, and writes DIR/interactions and
  DIR/metadata. The same seed and row counts give the same rows on any cluster.
    --mode M          seed: the brief's uniform distributions (default);
                      realistic: hot users, sessions, seasonality, retention, a slow device, a
                      regressed release and planted anomalies, described in DIR/ground_truth.json
    --interactions N  interaction rows (default 1,000,000)
    --metadata N      metadata rows, seed mode only (realistic derives them from its users)
    --seed N          default 42
    --format F        csv, in the brief's exact layout (default), or parquet
    --out DIR         default .insights/data/<mode> (git-ignored)
    --single-file     one part file per dataset: for small outputs only
    --partitions N    generating partitions (default: one per 2M rows)
    --corrupt X       CSV only: make X of the rows malformed IN EACH KIND (bad timestamp, wrong
                      column count, negative or non-numeric duration, empty or bad user_id,
                      unknown action_type, bad app_version or page_id, invalid UTF-8, exact
                      duplicates; the metadata's own kinds likewise), X a multiple of 1e-6 up to
                      1/kinds; the exact counts go to DIR/corruption.json
  Realistic options (defaults in src/domain/data/generate/realistic/options.ts):
    --users N                     regular users (default interactions / 100, 10 … 10M)
    --hot-user-share X            share of users that are hot (default 0.001)
    --hot-event-share X           share of all events the hot users make (default 0.2)
    --new-user-share X            share of users who sign up during 2023 (default 0.35)
    --orphan-interaction-share X  users with interactions but no metadata (default 0.02)
    --orphan-metadata-share X     metadata-only users, per user with interactions (default 0.05)
    --duplicate-metadata-share X  users with a second, later metadata row (default 0.05)
    --bot-share X                 share of events made by the bot cluster (default 0.01)
  Uses SPARK_REMOTE when set; otherwise starts an embedded Spark Connect server and stops it after.`;

/** Realistic flags → the options they set. */
const SHARE_FLAGS = {
  "hot-user-share": "hotUserShare",
  "hot-event-share": "hotEventShare",
  "new-user-share": "newUserShare",
  "orphan-interaction-share": "orphanInteractionUserShare",
  "orphan-metadata-share": "orphanMetadataUserShare",
  "duplicate-metadata-share": "duplicateMetadataUserShare",
} as const satisfies Record<string, keyof RealisticOptions>;

const COMMON_FLAGS = ["mode", "interactions", "seed", "format", "out", "single-file", "partitions", "corrupt"];

export async function generateCommand(args: ParsedArgs): Promise<void> {
  const mode = flag(args, "mode") ?? "seed";
  if (mode !== "seed" && mode !== "realistic") throw new UsageError(`--mode must be seed or realistic, not '${mode}'`);
  assertKnownFlags(args, mode === "seed" ? [...COMMON_FLAGS, "metadata"] : [...COMMON_FLAGS, "users", "bot-share", ...Object.keys(SHARE_FLAGS)]);
  const format = flag(args, "format") ?? "csv";
  if (format !== "csv" && format !== "parquet") throw new UsageError(`--format must be csv or parquet, not '${format}'`);
  const partitions = intFlag(args, "partitions");
  if (partitions === 0) throw new UsageError("--partitions must be at least 1");
  const corruption = shareFlag(args, "corrupt");
  if (corruption !== undefined && format !== "csv") throw new UsageError("--corrupt needs --format csv: a typed Parquet file cannot hold a malformed line");
  const options = {
    mode,
    format,
    interactions: intFlag(args, "interactions") ?? 1_000_000,
    metadata: intFlag(args, "metadata") ?? 100_000,
    seed: intFlag(args, "seed") ?? 42,
    // The server resolves relative paths against its own working directory: send absolute ones.
    outDir: resolve(flag(args, "out") ?? `.insights/data/${mode}`),
    singleFile: flag(args, "single-file") === "true",
    ...(partitions !== undefined && { partitions }),
    ...(corruption !== undefined && { corruption }),
    ...(mode === "realistic" && { realistic: realisticOptions(args) }),
  } as const;

  const started = Date.now();
  const endpoint = await openSpark();
  try {
    console.log(`Spark ${await endpoint.spark.version()} ${endpoint.server ? `(embedded, UI ${endpoint.uiUrl ?? ""})` : "(SPARK_REMOTE)"}`);
    const result = await runGenerateJob(endpoint.spark, options);
    console.log(`${result.interactions.rows} interactions → ${result.interactions.path}`);
    console.log(`${result.metadata.rows} metadata rows → ${result.metadata.path}`);
    if (result.groundTruthPath !== undefined) console.log(`ground truth → ${result.groundTruthPath}`);
    if (result.corruptionPath !== undefined) console.log(`corruption counts → ${result.corruptionPath}`);
  } finally {
    await endpoint.close();
  }
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s (${options.mode}, ${options.format}, seed ${options.seed})`);
}

function realisticOptions(args: ParsedArgs): RealisticOptions {
  const users = intFlag(args, "users");
  const shares = Object.fromEntries(
    Object.entries(SHARE_FLAGS).flatMap(([name, key]) => {
      const value = shareFlag(args, name);
      return value === undefined ? [] : [[key, value]];
    }),
  ) as Partial<Record<(typeof SHARE_FLAGS)[keyof typeof SHARE_FLAGS], number>>;
  const botShare = shareFlag(args, "bot-share");
  return {
    ...shares,
    ...(users !== undefined && { users }),
    ...(botShare !== undefined && { bots: { ...REALISTIC_DEFAULTS.bots, eventShare: botShare } }),
  };
}

/** A share in [0, 1). */
function shareFlag(args: ParsedArgs, name: string): number | undefined {
  const text = flag(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !(value >= 0 && value < 1)) throw new UsageError(`--${name} must be a number in [0, 1), not '${text}'`);
  return value;
}
