import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DataFrame } from "../connect/sql/dataframe";
import type { SparkSession } from "../connect/sql/session";
import { corruptDataset, corruptDatasetCountingKinds, type CorruptedDataset } from "../domain/data/generate/corruption/corrupt-dataset";
import type { CorruptibleDataset } from "../domain/data/generate/corruption/corruption-kinds";
import { assertCorruptibleFormat, writeCorruptedCsv } from "../domain/data/generate/corruption/write-corrupted-csv";
import { groundTruthOfPlan, type RealisticGroundTruth } from "../domain/data/generate/realistic/ground-truth";
import { interactionsOfPlan } from "../domain/data/generate/realistic/interactions";
import { metadataOfPlan } from "../domain/data/generate/realistic/metadata";
import type { RealisticOptions } from "../domain/data/generate/realistic/options";
import { planRealistic } from "../domain/data/generate/realistic/plan";
import { seedInteractions, seedMetadata } from "../domain/data/generate/seed-datasets";
import { writeDataset, type DatasetFormat } from "../domain/data/generate/write-dataset";

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
  /**
   * Malformed rows, as a fraction of the generated rows PER KIND (see corruptionKindsOf), CSV
   * only; the exact counts are written to `corruption.json`. Absent: clean data.
   */
  readonly corruption?: number;
}

export interface GeneratedDataset {
  /** Rows written (with corruption: generated rows plus the duplicated ones). */
  readonly rows: number;
  readonly path: string;
  /** With corruption: how many rows of each kind, exactly. */
  readonly corrupted?: Readonly<Record<string, number>>;
}

export interface GenerateJobResult {
  readonly interactions: GeneratedDataset;
  readonly metadata: GeneratedDataset;
  /** Realistic mode: what was planted, also written to `groundTruthPath`. */
  readonly groundTruth?: RealisticGroundTruth;
  readonly groundTruthPath?: string;
  /** With corruption: where the counts per kind were written. */
  readonly corruptionPath?: string;
}

/** The ground truth's file name, next to the two datasets. */
export const GROUND_TRUTH_FILE = "ground_truth.json";
/** The corruption counts' file name, next to the two datasets. */
export const CORRUPTION_FILE = "corruption.json";

type WriteOptions = { readonly format: DatasetFormat; readonly singleFile: boolean };

/** One dataset to write: its rows (with the `spark.range` id last when asked) and their count. */
interface Generated {
  readonly dataset: CorruptibleDataset;
  readonly rows: (keepRowId: boolean) => DataFrame;
  readonly count: number;
  /** Whether the ids are 0..count−1, so the corruption counts are arithmetic. */
  readonly contiguousIds: boolean;
  readonly path: string;
}

/**
 * Writes both datasets under `outDir` (`interactions/`, `metadata/`), replacing earlier output;
 * realistic mode also writes `ground_truth.json` there (from the client: outDir must be a local
 * path, as it is with the embedded server).
 */
export async function runGenerateJob(spark: SparkSession, options: GenerateJobOptions): Promise<GenerateJobResult> {
  const writeOptions = { format: options.format, singleFile: options.singleFile ?? false };
  if (options.corruption !== undefined) assertCorruptibleFormat(options.format);
  const paths = { interactions: join(options.outDir, "interactions"), metadata: join(options.outDir, "metadata") };
  const result = options.mode === "realistic" ? await runRealistic(spark, options, paths, writeOptions) : await runSeed(spark, options, paths, writeOptions);
  if (options.corruption === undefined) return result;

  const corruptionPath = join(options.outDir, CORRUPTION_FILE);
  const record = { fractionPerKind: options.corruption, interactions: result.interactions, metadata: result.metadata };
  writeFileSync(corruptionPath, `${JSON.stringify(record, null, 2)}\n`);
  return { ...result, corruptionPath };
}

function runSeed(
  spark: SparkSession,
  options: GenerateJobOptions,
  paths: { interactions: string; metadata: string },
  writeOptions: WriteOptions,
): Promise<GenerateJobResult> {
  const seedOptions = options.partitions === undefined ? {} : { partitions: options.partitions };
  // `range` yields exactly the requested rows, so the counts need no second pass over the output.
  return writeBoth(
    options,
    writeOptions,
    {
      dataset: "interactions",
      rows: (keepRowId) => seedInteractions(spark, options.interactions, options.seed, { ...seedOptions, keepRowId }),
      count: options.interactions,
      contiguousIds: true,
      path: paths.interactions,
    },
    {
      dataset: "metadata",
      rows: (keepRowId) => seedMetadata(spark, options.metadata, options.seed, { ...seedOptions, keepRowId }),
      count: options.metadata,
      contiguousIds: true,
      path: paths.metadata,
    },
  );
}

async function runRealistic(
  spark: SparkSession,
  options: GenerateJobOptions,
  paths: { interactions: string; metadata: string },
  writeOptions: WriteOptions,
): Promise<GenerateJobResult> {
  // One plan for both datasets and the ground truth: they agree by construction.
  const plan = planRealistic(options.interactions, options.realistic ?? {});
  const withIds = planRealistic(options.interactions, { ...options.realistic, keepRowId: true });
  const groundTruth = await groundTruthOfPlan(spark, plan, options.seed);
  const written = await writeBoth(
    options,
    writeOptions,
    {
      dataset: "interactions",
      rows: (keepRowId) => interactionsOfPlan(spark, keepRowId ? withIds : plan, options.seed, options.partitions),
      count: groundTruth.rows.interactions,
      contiguousIds: true,
      path: paths.interactions,
    },
    {
      dataset: "metadata",
      rows: (keepRowId) => metadataOfPlan(spark, keepRowId ? withIds : plan, options.seed, options.partitions),
      count: groundTruth.rows.metadata,
      // The orphans' ids are left out of the metadata's range.
      contiguousIds: false,
      path: paths.metadata,
    },
  );
  mkdirSync(options.outDir, { recursive: true });
  const groundTruthPath = join(options.outDir, GROUND_TRUTH_FILE);
  writeFileSync(groundTruthPath, `${JSON.stringify(groundTruth, null, 2)}\n`);
  return { ...written, groundTruth, groundTruthPath };
}

async function writeBoth(options: GenerateJobOptions, writeOptions: WriteOptions, interactions: Generated, metadata: Generated): Promise<GenerateJobResult> {
  return {
    interactions: await writeGenerated(interactions, options.corruption, writeOptions),
    metadata: await writeGenerated(metadata, options.corruption, writeOptions),
  };
}

async function writeGenerated(generated: Generated, corruption: number | undefined, writeOptions: WriteOptions): Promise<GeneratedDataset> {
  if (corruption === undefined) {
    await writeDataset(generated.rows(false), generated.path, writeOptions);
    return { rows: generated.count, path: generated.path };
  }
  const withId = generated.rows(true);
  const corrupted: CorruptedDataset = generated.contiguousIds
    ? corruptDataset(withId, generated.dataset, corruption, generated.count)
    : await corruptDatasetCountingKinds(withId, generated.dataset, corruption);
  await writeCorruptedCsv(corrupted.rows, generated.path, { singleFile: writeOptions.singleFile });
  return { rows: corrupted.totalRows, path: generated.path, corrupted: corrupted.counts };
}
