import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SparkSession } from "../../connect";
import type { IngestCounts } from "../../domain/data/ingest/ingest-counts";
import { ingestInteractions } from "../../domain/data/ingest/ingest-interactions";
import { ingestMetadata } from "../../domain/data/ingest/ingest-metadata";
import { defaultPlausibleRange, interactionRules, type InteractionRuleOptions } from "../../domain/data/ingest/interaction-rules";
import { metadataRules } from "../../domain/data/ingest/metadata-rules";
import { detectInputFormat, type InputFormat } from "../../domain/data/ingest/raw-input";
import { qualitySummary } from "../../domain/data/quality/quality-summary";

/** The folder column ingestion partitions each dataset by: its mark of an already-ingested folder. */
export const INGESTED_PARTITION = { interactions: "event_date", metadata: "country" } as const;
export type Dataset = keyof typeof INGESTED_PARTITION;

/** How an input was taken: read as ingested Parquet, or ingested first from raw CSV or Parquet. */
export type InputKind = "ingested" | InputFormat;

/** One input of the run, for run.json (hence its field names). */
export interface AnalyzeInput {
  /** The path given. */
  readonly path: string;
  readonly kind: InputKind;
  /** The valid rows the analyses read (Parquet, as ingestion writes it). */
  readonly valid_path: string;
  /** This run's ingestion counts; absent for an already-ingested input. */
  readonly ingestion?: IngestCounts;
}

/**
 * True when `path` is a local folder holding at least one `<partition>=…` subfolder
 * (`event_date=` for interactions, `country=` for metadata): the layout only ingestion writes, so
 * the folder holds valid, typed rows and is read as it is. Anything else (CSV files or folders,
 * raw Parquet, a path this machine cannot list) is raw input and is ingested first.
 */
export function isIngestedFolder(path: string, partition: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
    return readdirSync(path, { withFileTypes: true }).some((entry) => entry.isDirectory() && entry.name.startsWith(`${partition}=`));
  } catch {
    return false;
  }
}

export interface ResolveInputsOptions {
  readonly interactions: string;
  readonly metadata: string;
  /** Receives ingestion's output for raw inputs: interactions/, metadata/, quarantine/, quality.json. */
  readonly ingestedDir: string;
  /** The plausible event-time range; default from 2000 to tomorrow (defaultPlausibleRange). */
  readonly plausible?: InteractionRuleOptions;
}

/**
 * Each input as valid Parquet: an ingested folder (isIngestedFolder) as it is, a raw input through
 * ingestion into `ingestedDir` (valid rows, quarantine, and quality.json when both inputs were raw:
 * the quality summary judges the two datasets together).
 */
export async function resolveInputs(spark: SparkSession, options: ResolveInputsOptions): Promise<Record<Dataset, AnalyzeInput>> {
  const bounds = options.plausible ?? defaultPlausibleRange();
  const ingest = async (dataset: Dataset, path: string): Promise<AnalyzeInput> => {
    if (isIngestedFolder(path, INGESTED_PARTITION[dataset])) return { path, kind: "ingested", valid_path: path };
    const format = detectInputFormat(path);
    const paths = { input: path, format, validPath: join(options.ingestedDir, dataset), quarantinePath: join(options.ingestedDir, "quarantine", dataset) };
    const ingestion =
      dataset === "interactions" ? await ingestInteractions(spark, { ...bounds, ...paths }) : await ingestMetadata(spark, { ...bounds, ...paths });
    return { path, kind: format, valid_path: paths.validPath, ingestion };
  };
  const interactions = await ingest("interactions", options.interactions);
  const metadata = await ingest("metadata", options.metadata);
  if (interactions.ingestion !== undefined && metadata.ingestion !== undefined) {
    const summary = await qualitySummary(spark, {
      interactions: { counts: interactions.ingestion, rules: interactionRules(bounds) },
      metadata: { counts: metadata.ingestion, rules: metadataRules(bounds) },
      validInteractionsPath: interactions.valid_path,
      validMetadataPath: metadata.valid_path,
    });
    mkdirSync(options.ingestedDir, { recursive: true });
    writeFileSync(join(options.ingestedDir, "quality.json"), `${JSON.stringify(summary, null, 2)}\n`);
  }
  return { interactions, metadata };
}
