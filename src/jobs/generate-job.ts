import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SparkSession } from "../connect/sql/session";
import { groundTruthOfPlan, type RealisticGroundTruth } from "../data/generate/realistic/ground-truth";
import { interactionsOfPlan } from "../data/generate/realistic/interactions";
import { metadataOfPlan } from "../data/generate/realistic/metadata";
import type { RealisticOptions } from "../data/generate/realistic/options";
import { planRealistic } from "../data/generate/realistic/plan";
import { seedInteractions, seedMetadata } from "../data/generate/seed-datasets";
import { writeDataset, type DatasetFormat } from "../data/generate/write-dataset";

/**
 * `seed`: the brief's uniform distributions. `realistic`: skewed, seasonal, sessionised data with
 * planted effects and anomalies, and a ground truth describing them.
 */
export type GenerateMode = "seed" | "realistic";

export interface GenerateJobOptions {
  readonly mode: GenerateMode;
  readonly interactions: number;
  /** Metadata rows in seed mode; realistic mode derives them from its users (see the ground truth). */
  readonly metadata: number;
  readonly seed: number;
  readonly format: DatasetFormat;
  readonly outDir: string;
  readonly singleFile?: boolean;
  readonly partitions?: number;
  /** Realistic mode's options (defaults otherwise). */
  readonly realistic?: RealisticOptions;
}

export interface GeneratedDataset {
  readonly rows: number;
  readonly path: string;
}

export interface GenerateJobResult {
  readonly interactions: GeneratedDataset;
  readonly metadata: GeneratedDataset;
  /** Realistic mode: what was planted, also written to `groundTruthPath`. */
  readonly groundTruth?: RealisticGroundTruth;
  readonly groundTruthPath?: string;
}

/** The ground truth's file name, next to the two datasets. */
export const GROUND_TRUTH_FILE = "ground_truth.json";

/**
 * Writes both datasets under `outDir` (`interactions/`, `metadata/`), replacing earlier output;
 * realistic mode also writes `ground_truth.json` there (from the client: outDir must be a local
 * path, as it is with the embedded server).
 */
export async function runGenerateJob(spark: SparkSession, options: GenerateJobOptions): Promise<GenerateJobResult> {
  const writeOptions = { format: options.format, singleFile: options.singleFile ?? false };
  const paths = { interactions: join(options.outDir, "interactions"), metadata: join(options.outDir, "metadata") };
  if (options.mode === "realistic") return runRealistic(spark, options, paths, writeOptions);

  const seedOptions = options.partitions === undefined ? {} : { partitions: options.partitions };
  // `range` yields exactly the requested rows, so the counts need no second pass over the output.
  await writeDataset(seedInteractions(spark, options.interactions, options.seed, seedOptions), paths.interactions, writeOptions);
  await writeDataset(seedMetadata(spark, options.metadata, options.seed, seedOptions), paths.metadata, writeOptions);
  return { interactions: { rows: options.interactions, path: paths.interactions }, metadata: { rows: options.metadata, path: paths.metadata } };
}

async function runRealistic(
  spark: SparkSession,
  options: GenerateJobOptions,
  paths: { interactions: string; metadata: string },
  writeOptions: { format: DatasetFormat; singleFile: boolean },
): Promise<GenerateJobResult> {
  // One plan for both datasets and the ground truth: they agree by construction.
  const plan = planRealistic(options.interactions, options.realistic ?? {});
  const groundTruth = await groundTruthOfPlan(spark, plan, options.seed);
  await writeDataset(interactionsOfPlan(spark, plan, options.seed, options.partitions), paths.interactions, writeOptions);
  await writeDataset(metadataOfPlan(spark, plan, options.seed, options.partitions), paths.metadata, writeOptions);
  mkdirSync(options.outDir, { recursive: true });
  const groundTruthPath = join(options.outDir, GROUND_TRUTH_FILE);
  writeFileSync(groundTruthPath, `${JSON.stringify(groundTruth, null, 2)}\n`);
  return {
    interactions: { rows: groundTruth.rows.interactions, path: paths.interactions },
    metadata: { rows: groundTruth.rows.metadata, path: paths.metadata },
    groundTruth,
    groundTruthPath,
  };
}
