import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { functions as F, type SparkSession } from "../connect";
import { readEventDateBounds } from "../domain/analyses/common/event-date-bounds";
import { dateLit } from "../domain/analyses/common/utc-columns";
import { resolveInputs, type AnalyzeInput, type Dataset } from "./analyze/analyze-inputs";
import { analysisFiles, selectAnalyses } from "./analyze/metric-analyses";
import { enrichInteractions, withCachedEnrichedInteractions } from "./enriched-interactions";
import { DEFAULT_SKEW_AWARE_JOIN } from "./join/skew-aware-join";
import { applyParallelismFromInput } from "../domain/data/tuning/apply-parallelism";
import type { ParallelismPlan } from "../domain/data/tuning/parallelism-plan";

export interface AnalyzeJobOptions {
  /** Raw interactions (CSV or Parquet, ingested first) or an ingested folder (`event_date=` subfolders). */
  readonly interactions: string;
  /** Raw metadata (CSV or Parquet, ingested first) or an ingested folder (`country=` subfolders). */
  readonly metadata: string;
  /** Receives `metrics/`, `run.json` and, for raw inputs, `ingested/`. */
  readonly outDir: string;
  /** YYYY-MM-DD; default the last valid event date. Events after it are left out of every analysis. */
  readonly asOf?: string;
  /** Analysis names (see ANALYSIS_NAMES); default all. */
  readonly only?: readonly string[];
}

/** One analysis's step, for run.json. */
export interface AnalysisRun {
  readonly name: string;
  readonly files: readonly string[];
  readonly duration_ms: number;
}

/** run.json: what was read, how it was joined and tuned, and what each analysis cost. */
export interface AnalyzeRun {
  readonly as_of: string;
  readonly event_dates: { readonly first: string; readonly last: string };
  readonly inputs: Readonly<Record<Dataset, AnalyzeInput & { readonly rows: number }>>;
  readonly join: { readonly strategy: string; readonly reason: string };
  readonly parallelism: ParallelismPlan;
  /** Filling the enriched-interactions cache (the join runs here, once). */
  readonly cache_ms: number;
  readonly analyses: readonly AnalysisRun[];
}

export interface AnalyzeJobResult {
  readonly metricsDir: string;
  readonly run: AnalyzeRun;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `insights analyze`: ingests whichever input is raw (into outDir/ingested), joins the valid
 * interactions with the metadata once (enrichInteractions), and runs the selected analyses on the
 * enriched interactions, cached while they all read them (withCachedEnrichedInteractions). Each
 * metric table becomes one CSV file with a header in outDir/metrics (replaced whole, so it holds
 * this run's files only); run.json records the inputs, the join, the tuning and each step's time.
 *
 * The analyses run one after another, each under a session tag of its name, so that the Spark UI
 * shows each as a step of its own (the tags are session-wide: concurrent analyses would share them).
 */
export async function runAnalyzeJob(spark: SparkSession, options: AnalyzeJobOptions): Promise<AnalyzeJobResult> {
  const analyses = selectAnalyses(options.only);
  if (options.asOf !== undefined && !DATE.test(options.asOf)) throw new RangeError(`as_of must be YYYY-MM-DD, not '${options.asOf}'`);
  const inputs = await resolveInputs(spark, { interactions: options.interactions, metadata: options.metadata, ingestedDir: join(options.outDir, "ingested") });

  const interactions = spark.read.parquet(inputs.interactions.valid_path);
  const metadata = spark.read.parquet(inputs.metadata.valid_path);
  // Answered from the event_date folder names (and Parquet footers for the counts): no scan.
  const [bounds, interactionRows, metadataRows] = await Promise.all([readEventDateBounds(interactions), interactions.count(), metadata.count()]);
  const asOf = options.asOf ?? bounds.last;
  if (asOf < bounds.first) throw new RangeError(`as_of ${asOf} is before the first event date ${bounds.first}`);
  // Sized from the interactions, after ingestion (which sized the session for its raw input).
  const parallelism = await applyParallelismFromInput(spark, interactions);
  // "As of" a day means nothing later is seen, by any analysis: a folder filter, so later days are not even read.
  const upToAsOf = interactions.where(F.col("event_date").leq(dateLit(asOf)));
  const { enriched, join: joined } = await enrichInteractions(spark, upToAsOf, metadata, DEFAULT_SKEW_AWARE_JOIN);

  const metricsDir = join(options.outDir, "metrics");
  rmSync(metricsDir, { recursive: true, force: true });
  mkdirSync(metricsDir, { recursive: true });
  const cacheStarted = Date.now();
  let cacheMs = 0;
  const runs = await withCachedEnrichedInteractions(enriched, async (cached) => {
    cacheMs = Date.now() - cacheStarted;
    const done: AnalysisRun[] = [];
    for (const analysis of analyses) {
      const started = Date.now();
      spark.addTag(analysis.name);
      try {
        await analysis.run({ enriched: cached, bounds, asOf, metricsDir });
      } finally {
        spark.removeTag(analysis.name);
      }
      done.push({ name: analysis.name, files: analysisFiles(analysis), duration_ms: Date.now() - started });
    }
    return done;
  });

  const run: AnalyzeRun = {
    as_of: asOf,
    event_dates: bounds,
    inputs: { interactions: { ...inputs.interactions, rows: interactionRows }, metadata: { ...inputs.metadata, rows: metadataRows } },
    join: { strategy: joined.choice.strategy, reason: joined.choice.reason },
    parallelism,
    cache_ms: cacheMs,
    analyses: runs,
  };
  writeFileSync(join(options.outDir, "run.json"), `${JSON.stringify(run, null, 2)}\n`);
  return { metricsDir, run };
}
