import { join, resolve } from "node:path";

/**
 * Where one report run keeps its work (git-ignored): the notebooks write here and read what the
 * notebooks before them wrote. One layout, so a notebook opened by hand in JupyterLab with the
 * same `runDir` finds what the headless run left.
 */
export interface RunPaths {
  readonly runDir: string;
  /** Generated input data (when no input paths are given). */
  readonly dataDir: string;
  /** Ingestion's output: valid Parquet, quarantine, quality.json. */
  readonly ingestedDir: string;
  /** The join job's output: enriched/ Parquet by event date, join.json, join.md. */
  readonly joinDir: string;
  /** The metric tables, as `insights analyze` writes them. */
  readonly metricsDir: string;
  /** The raw Spark UI JSON of every captured step, one file per step tag. */
  readonly capturesDir: string;
  /** Screenshots of the live Spark UI. */
  readonly screenshotsDir: string;
  /** Small JSON facts a later notebook or the report reads (experiment results, the stream run). */
  readonly factsDir: string;
}

/** Every folder of the layout, to create them up front. */
export function runFolders(paths: RunPaths): string[] {
  return [paths.runDir, paths.dataDir, paths.ingestedDir, paths.joinDir, paths.metricsDir, paths.capturesDir, paths.screenshotsDir, paths.factsDir];
}

export function runPaths(runDir: string): RunPaths {
  const root = resolve(runDir);
  return {
    runDir: root,
    dataDir: join(root, "data"),
    ingestedDir: join(root, "ingested"),
    joinDir: join(root, "join"),
    metricsDir: join(root, "metrics"),
    capturesDir: join(root, "captures"),
    screenshotsDir: join(root, "screenshots"),
    factsDir: join(root, "facts"),
  };
}
