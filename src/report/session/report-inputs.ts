import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runGenerateJob, type GenerateJobResult, type GenerateMode } from "../../jobs/generate-job";
import type { ReportSession } from "./report-session";
import { GENERATED_EVENTS_END } from "../../domain/data/generate/seed-spec";
import { defaultPlausibleRange, type InteractionRuleOptions } from "../../domain/data/ingest/interaction-rules";

/** What a report runs on: given input paths, or data it generates. */
export interface ReportDataParameters {
  /** Raw (CSV or Parquet) or ingested interactions; "" → generate. */
  readonly interactions: string;
  /** Raw or ingested metadata; "" → generate. Both paths or neither. */
  readonly metadata: string;
  readonly mode: GenerateMode;
  readonly rows: number;
  /** Metadata rows in seed mode (realistic mode derives them from its users). */
  readonly metadataRows: number;
  readonly seed: number;
}

export interface ReportInputs {
  readonly interactions: string;
  readonly metadata: string;
  /** Set when the report generated its data (now or in an earlier run with the same parameters). */
  readonly generated: GenerateJobResult | undefined;
  /**
   * The plausible event-time range ingestion checks: for generated data it ends where the
   * generators do, so the report does not change with the day it runs; for given data it is the
   * default (up to tomorrow).
   */
  readonly plausible: InteractionRuleOptions;
}

const GENERATED_FILE = "generated.json";

/**
 * The report's input paths: the given ones, or generated CSV in the brief's layout under the
 * run's data folder, one folder per parameter set. Generation is deterministic, so a folder
 * whose generation finished (its generated.json exists) is reused rather than written again.
 */
export async function reportInputs(session: ReportSession, data: ReportDataParameters): Promise<ReportInputs> {
  if ((data.interactions === "") !== (data.metadata === "")) {
    throw new Error("Give both input paths (interactions and metadata) or neither (the report then generates its data)");
  }
  if (data.interactions !== "") return { interactions: data.interactions, metadata: data.metadata, generated: undefined, plausible: defaultPlausibleRange() };

  const outDir = join(session.paths.dataDir, `${data.mode}-${data.rows}-${data.metadataRows}-${data.seed}`);
  const marker = join(outDir, GENERATED_FILE);
  let generated: GenerateJobResult;
  if (existsSync(marker)) {
    generated = JSON.parse(readFileSync(marker, "utf8")) as GenerateJobResult;
  } else {
    const options = { mode: data.mode, interactions: data.rows, metadata: data.metadataRows, seed: data.seed, format: "csv" as const, outDir };
    generated = (await session.step("generate", () => runGenerateJob(session.spark, options))).value;
    writeFileSync(marker, `${JSON.stringify(generated, null, 2)}\n`);
  }
  return {
    interactions: generated.interactions.path,
    metadata: generated.metadata.path,
    generated,
    plausible: { ...defaultPlausibleRange(), latest: GENERATED_EVENTS_END },
  };
}
