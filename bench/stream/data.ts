import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SparkSession } from "../../src/connect";
import { realisticInteractions } from "../../src/domain/data/generate/realistic/interactions";
import { writeDataset } from "../../src/domain/data/generate/write-dataset";
import { csvPageLoads, type PageLoad } from "../../src/jobs/stream/version-agreement";

/** The files to drop into the stream's folder, in landing order, and the exact page loads in each. */
export interface StreamBenchData {
  readonly key: string;
  /** CSV files in the brief's layout, in time order (each one a slice of the generated period). */
  readonly files: readonly string[];
  /** Per file: its page loads, read back from the file. */
  readonly loads: readonly (readonly PageLoad[])[];
  readonly rows: number;
}

interface Spec {
  readonly files: number;
  readonly rowsPerFile: number;
  readonly seed: number;
  readonly root: string;
}

/**
 * Realistic interactions split by time into `files` CSV files (a range partition on the
 * timestamp: file i holds the i-th slice of the year, as daily exports would), generated once per
 * (files, rows, seed) and reused. The exact page loads are read back from the written files, so
 * the reference is what the stream reads, not what the generator meant to write.
 */
export async function prepareStreamData(spark: SparkSession, spec: Spec): Promise<StreamBenchData> {
  const key = `realistic-${spec.files}x${spec.rowsPerFile}-${spec.seed}`;
  const dir = join(spec.root, key);
  const marker = join(dir, "prepared.json");
  const csvDir = join(dir, "csv");
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    const rows = realisticInteractions(spark, spec.files * spec.rowsPerFile, spec.seed).repartitionByRange(spec.files, "timestamp");
    await writeDataset(rows, csvDir, { format: "csv" });
    const files = readdirSync(csvDir)
      .filter((f) => f.endsWith(".csv"))
      .sort();
    const loads = await Promise.all(files.map((file) => csvPageLoads(spark, join(csvDir, file))));
    mkdirSync(dir, { recursive: true });
    writeFileSync(marker, JSON.stringify({ files, loads }));
  }
  const prepared = JSON.parse(readFileSync(marker, "utf8")) as { files: string[]; loads: PageLoad[][] };
  return { key, files: prepared.files.map((f) => join(csvDir, f)), loads: prepared.loads, rows: spec.files * spec.rowsPerFile };
}
