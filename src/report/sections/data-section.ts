import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { AnalyzeInput, Dataset } from "../../jobs/analyze/analyze-inputs";
import { folderSize } from "../manifest/folder-size";
import type { ReportInputs } from "../session/report-inputs";
import { inlineCode } from "../../lib/text/markdown";
import { formatCount, MiB, round } from "../../lib/text/format";


/** Where the data came from, in a sentence or two. */
export function inputsMarkdown(inputs: ReportInputs): string {
  const generated = inputs.generated;
  if (generated === undefined) return `The report reads the given inputs: interactions at ${inlineCode(inputs.interactions)}, metadata at ${inlineCode(inputs.metadata)}.`;
  const realistic = generated.groundTruth !== undefined;
  return (
    `The report generated its data inside Spark: **${formatCount(generated.interactions.rows)} interactions** and ` +
    `**${formatCount(generated.metadata.rows)} metadata rows**, as CSV in the brief's layout ` +
    (realistic
      ? "in realistic mode (hot users, sessions, seasonality, a slow device, a regressed release and planted anomalies, all listed in its ground truth)."
      : "in seed mode (the brief's own uniform distributions: no skew, no trends, nothing planted).")
  );
}

/** One row per dataset: how it was read and how ingestion's output is laid out on disk. */
export function layoutRows(inputs: Readonly<Record<Dataset, AnalyzeInput>>): Record<string, string | number>[] {
  return (Object.keys(inputs) as Dataset[]).map((dataset) => {
    const input = inputs[dataset];
    const size = folderSize(input.valid_path);
    const data = dataFiles(input.valid_path);
    return {
      dataset,
      read_as: input.kind,
      partition_folders: partitionFolders(input.valid_path),
      data_files: data,
      MiB: round(size.bytes / MiB, 2),
      mean_file_MiB: data === 0 ? 0 : round(size.bytes / data / MiB, 2),
    };
  });
}

function partitionFolders(path: string): number {
  return existsSync(path) ? readdirSync(path).filter((name) => name.includes("=")).length : 0;
}

function dataFiles(path: string): number {
  if (!existsSync(path)) return 0;
  return readdirSync(path, { withFileTypes: true }).reduce((n, entry) => {
    if (entry.isDirectory()) return n + dataFiles(join(path, entry.name));
    return n + (entry.name.endsWith(".parquet") ? 1 : 0);
  }, 0);
}

