import { mkdirSync } from "node:fs";
import type { DataFrame } from "../../connect";
import { readEventDateBounds } from "../../domain/analyses/common/event-date-bounds";
import type { AnalysisContext } from "../../jobs/analyze/metric-analyses";
import { METRIC_ANALYSES } from "../../jobs/analyze/metric-analyses";
import { ENRICHED_STORAGE_LEVEL } from "../../jobs/enriched-interactions";
import { applyParallelismFromInput } from "../../domain/data/tuning/apply-parallelism";
import { readDeviceCorrelation, readMetricTable, type MetricRowOf, type MetricTableName } from "../../jobs/analyze/metric-tables";
import type { DeviceEffect } from "../../domain/analyses/performance/device-effect";
import type { ReportSession, StepResult } from "./report-session";

/** What 02-join.ipynb keeps for the analysis notebooks. */
export interface JoinFact {
  readonly enrichedPath: string;
  readonly rows: number;
  readonly strategy: string;
}

/**
 * An analysis notebook's working set: the enriched interactions the join wrote, persisted
 * (MEMORY_AND_DISK, filled by a step of its own) while the notebook's analyses read them, and
 * the metric tables those analyses write, the same files `insights analyze` writes.
 */
export class NotebookAnalyses {
  private constructor(
    private readonly session: ReportSession,
    readonly context: AnalysisContext,
    /** The cache fill, as a step of the run. */
    readonly cacheStep: StepResult<number>,
  ) {}

  /** Reads and caches the enriched interactions; `cacheTag` names the cache-filling step. */
  static async open(session: ReportSession, cacheTag: string): Promise<NotebookAnalyses> {
    const join = session.fact("join", "02-join.ipynb") as JoinFact;
    const enriched: DataFrame = session.spark.read.parquet(join.enrichedPath);
    // As `insights analyze` does: shuffle partitions and splits sized from the data, not Spark's
    // static 200. It matters more here than anywhere: a shuffle inside a cached plan keeps its
    // partition count (AQE does not coalesce a cached plan's output), so every read of a cached
    // intermediate (users' totals, sessions) would run 200 near-empty tasks.
    await applyParallelismFromInput(session.spark, enriched);
    const bounds = await readEventDateBounds(enriched);
    await enriched.persist(ENRICHED_STORAGE_LEVEL);
    const cacheStep = await session.step(cacheTag, () => enriched.count());
    mkdirSync(session.paths.metricsDir, { recursive: true });
    const context: AnalysisContext = { enriched, bounds, asOf: bounds.last, metricsDir: session.paths.metricsDir };
    return new NotebookAnalyses(session, context, cacheStep);
  }

  /** Runs one of `insights analyze`'s analyses by name, as a step, writing its metric files. */
  async run(name: string): Promise<StepResult<void>> {
    const analysis = METRIC_ANALYSES.find((a) => a.name === name);
    if (analysis === undefined) throw new RangeError(`No analysis '${name}' (known: ${METRIC_ANALYSES.map((a) => a.name).join(", ")})`);
    return this.session.step(name, () => analysis.run(this.context));
  }

  /** A metric table this run wrote, read back from its file and typed by its declaration. */
  table<N extends MetricTableName>(name: N): MetricRowOf<N>[] {
    return readMetricTable(this.context.metricsDir, name);
  }

  /** device_correlation.json as the devices analysis wrote it. */
  deviceCorrelation(): DeviceEffect {
    return readDeviceCorrelation(this.context.metricsDir);
  }

  /** Drops the cache (blocking), so the next notebook starts with free memory. */
  async release(): Promise<void> {
    await this.context.enriched.unpersist(true);
  }
}
