import { join } from "node:path";
import type { SparkSession } from "../connect/sql/session";
import { seedInteractions, seedMetadata } from "../data/generate/seed-datasets";
import { writeDataset, type DatasetFormat } from "../data/generate/write-dataset";

/** `seed`: the brief's uniform distributions. Realistic data and corruption come later. */
export type GenerateMode = "seed";

export interface GenerateJobOptions {
  readonly mode: GenerateMode;
  readonly interactions: number;
  readonly metadata: number;
  readonly seed: number;
  readonly format: DatasetFormat;
  readonly outDir: string;
  readonly singleFile?: boolean;
  readonly partitions?: number;
}

export interface GeneratedDataset {
  readonly rows: number;
  readonly path: string;
}

export interface GenerateJobResult {
  readonly interactions: GeneratedDataset;
  readonly metadata: GeneratedDataset;
}

/** Writes both datasets under `outDir` (`interactions/`, `metadata/`), replacing earlier output. */
export async function runGenerateJob(spark: SparkSession, options: GenerateJobOptions): Promise<GenerateJobResult> {
  const seedOptions = options.partitions === undefined ? {} : { partitions: options.partitions };
  const writeOptions = { format: options.format, singleFile: options.singleFile ?? false };
  const interactions = { rows: options.interactions, path: join(options.outDir, "interactions") };
  const metadata = { rows: options.metadata, path: join(options.outDir, "metadata") };
  // `range` yields exactly the requested rows, so the counts need no second pass over the output.
  await writeDataset(seedInteractions(spark, interactions.rows, options.seed, seedOptions), interactions.path, writeOptions);
  await writeDataset(seedMetadata(spark, metadata.rows, options.seed, seedOptions), metadata.path, writeOptions);
  return { interactions, metadata };
}
