import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SparkSession } from "../../src/connect";
import type { IngestCounts } from "../../src/domain/data/ingest/ingest-counts";
import { ingestInteractions } from "../../src/domain/data/ingest/ingest-interactions";
import { ingestMetadata } from "../../src/domain/data/ingest/ingest-metadata";
import { defaultPlausibleRange } from "../../src/domain/data/ingest/interaction-rules";
import { runGenerateJob } from "../../src/jobs/generate-job";
import { formatCount } from "../../src/lib/text/format";

/** The Parquet both engines read: what `insights analyze` reads once its inputs are ingested. */
export interface AnalysesData {
  readonly key: string;
  /** Valid interactions, partitioned by `event_date=` folders. */
  readonly interactions: string;
  /** Valid metadata, partitioned by `country=` folders. */
  readonly metadata: string;
  readonly ingestion: { readonly interactions: IngestCounts; readonly metadata: IngestCounts };
  /** Seconds spent generating and ingesting (not part of any timing). */
  readonly preparedSeconds: number;
  readonly reused: boolean;
}

export interface AnalysesDataSpec {
  readonly rows: number;
  readonly seed: number;
  /** Where datasets are kept between runs. */
  readonly root: string;
}

/** Generator partitions of ~500k rows, as bench/join: both cores get work, files stay large. */
const ROWS_PER_PARTITION = 500_000;

interface Prepared {
  readonly ingestion: AnalysesData["ingestion"];
  readonly preparedSeconds: number;
}

/**
 * The benchmark's input for one size, made once per (rows, seed) and reused after: realistic
 * interactions and metadata from the generator (raw Parquet, deleted once ingested), put through
 * the ingestion library, so both engines read exactly the layout the product analyses: valid
 * rows, typed, in `event_date=` (interactions) and `country=` (metadata) folders. A
 * `prepared.json` marker is written last, so a half-written folder is never reused.
 */
export async function prepareAnalysesData(spark: SparkSession, spec: AnalysesDataSpec, log: (message: string) => void): Promise<AnalysesData> {
  const key = `analyses-realistic-${spec.rows}-${spec.seed}`;
  const dir = join(spec.root, key);
  const marker = join(dir, "prepared.json");
  const paths = { interactions: join(dir, "ingested", "interactions"), metadata: join(dir, "ingested", "metadata") };
  if (existsSync(marker)) {
    log(`Reusing prepared data in ${dir}`);
    const saved = JSON.parse(readFileSync(marker, "utf8")) as Prepared;
    return { key, ...paths, ...saved, reused: true };
  }
  rmSync(dir, { recursive: true, force: true });
  const start = performance.now();
  const raw = join(dir, "raw");
  log(`Generating ${formatCount(spec.rows)} realistic interactions and their metadata…`);
  const generated = await runGenerateJob(spark, {
    mode: "realistic",
    interactions: spec.rows,
    metadata: 0,
    seed: spec.seed,
    format: "parquet",
    outDir: raw,
    partitions: Math.max(2, Math.ceil(spec.rows / ROWS_PER_PARTITION)),
  });
  log("Ingesting them (validation, typed Parquet by event_date and country)…");
  const bounds = defaultPlausibleRange();
  const quarantine = join(dir, "ingested", "quarantine");
  const interactions = await ingestInteractions(spark, {
    ...bounds,
    input: generated.interactions.path,
    format: "parquet",
    validPath: paths.interactions,
    quarantinePath: join(quarantine, "interactions"),
  });
  const metadata = await ingestMetadata(spark, {
    ...bounds,
    input: generated.metadata.path,
    format: "parquet",
    validPath: paths.metadata,
    quarantinePath: join(quarantine, "metadata"),
  });
  rmSync(raw, { recursive: true, force: true });
  const prepared: Prepared = { ingestion: { interactions, metadata }, preparedSeconds: Math.round((performance.now() - start) / 100) / 10 };
  writeFileSync(marker, `${JSON.stringify({ spec: { rows: spec.rows, seed: spec.seed }, ...prepared }, null, 2)}\n`);
  log(
    `Prepared in ${prepared.preparedSeconds} s: ${interactions.valid} valid interactions (${interactions.quarantined} quarantined), ${metadata.valid} metadata rows`,
  );
  return { key, ...paths, ...prepared, reused: false };
}
