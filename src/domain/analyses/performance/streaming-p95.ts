import { functions as F, type DataFrame, type SparkSession } from "../../../connect";
import { interactionRules, parsedTimestamp, type InteractionRuleOptions } from "../../data/ingest/interaction-rules";
import { rejectReason } from "../../data/ingest/validate";
import { DEFAULT_PERCENTILES, type PercentileOptions } from "./p95-options";
import { rollupP95Aggregates } from "./p95-by-version";
import { pageLoads } from "./page-loads";
import { INTERACTIONS } from "../../data/schemas";

/** The levels of the streamed p95 table, finest first ("all": every page load so far). */
export const STREAM_P95_LEVELS = ["app_version_window", "app_version", "all"] as const;
export type StreamP95Level = (typeof STREAM_P95_LEVELS)[number];

export interface StreamingP95Options extends PercentileOptions {
  /** The event-time window of the finer level, as Spark's `window()` reads it: "1 hour", "1 day". */
  readonly window: string;
  /** The plausible event-time range of the ingestion rules. */
  readonly plausible: InteractionRuleOptions;
}

/** The CSV reader options of the raw interactions, as ingestion reads them (malformed lines kept in `_corrupt_record`). */
const RAW_CSV_OPTIONS = { header: true, mode: "PERMISSIVE", columnNameOfCorruptRecord: "_corrupt_record", enforceSchema: false } as const;

/**
 * The valid interactions of every CSV file that lands in `folder` (the brief's layout), typed as
 * ingestion types them: each row is judged by the same ingestion rules, in the same order, and a
 * row that breaks one is left out exactly where batch ingestion would quarantine it. Files are
 * picked up once each, by name, when they appear: write them elsewhere and rename them in (Spark
 * skips names starting with `.` or `_`), or a half-written file may be read.
 *
 * One difference from batch: ingestion also quarantines exact repeats of an earlier row, which
 * needs every earlier row; a stream would have to keep all history as state for that, so the
 * stream counts a repeated row again (the generators write none; corrupted inputs do).
 */
export function streamValidInteractions(spark: SparkSession, folder: string, plausible: InteractionRuleOptions): DataFrame {
  return spark.readStream
    .schema(INTERACTIONS.rawDdl)
    .options(RAW_CSV_OPTIONS)
    .csv(folder)
    .where(rejectReason(interactionRules(plausible)).isNull())
    .select(
      F.col("user_id"),
      parsedTimestamp().alias("timestamp"),
      F.col("action_type"),
      F.col("page_id"),
      F.col("duration_ms").cast("bigint").alias("duration_ms"),
      F.col("app_version"),
    );
}

/**
 * The running p95 of page load time per app_version, per (app_version, event-time window) and
 * over all page loads, as a streaming aggregation: rows `level, app_version, window_start,
 * window_end, events, p95_ms, low_confidence` (app_version null on the `all` row, the window
 * null outside `app_version_window`). Write it in `complete` mode: each micro-batch then emits
 * the whole (small) table.
 *
 * The state: Spark keeps, per group, the aggregation buffer of percentile_approx, i.e. its
 * Greenwald–Khanna quantile summary, in the state store (checkpointed with the offsets). A
 * micro-batch reads only the new files, builds summaries of their rows per group (map side),
 * shuffles those, and merges them into the stored ones: history is never rescanned. The summary
 * is bounded (O(accuracy) entries per group, whatever the event count) and mergeable with the
 * same guarantee as batch: the reported value's rank is within events / accuracy of the exact
 * p95's, 0.01% of rank at the default accuracy, far inside the ±1% the definition allows, and
 * the same function and accuracy as the batch p95ByVersion, so both answers carry the same
 * guarantee. The alternative, a fixed log-bucket histogram (exactly additive counts), bounds the
 * value's relative error, not its rank: a bucket holding more than 2% of the loads near the p95
 * already breaks the rank tolerance, so it was not chosen.
 *
 * One ROLLUP(app_version, window) keeps all three levels in one state store and one checkpoint,
 * so a snapshot's levels always describe the same events; a level is aggregated from the raw
 * loads, not from a finer level (percentiles do not add up). Complete mode keeps every window's
 * state: state grows by one summary per version and window, fine for windows of an hour or
 * more over months; older windows could be evicted with a watermark in update mode, which the
 * memory sink cannot serve as a whole table.
 */
export function streamingP95(validInteractions: DataFrame, options: StreamingP95Options): DataFrame {
  // grouping_id(): bit 0 set when the window is rolled up, bit 1 when app_version is.
  const grouping = F.col("grouping");
  const level = F.when(grouping.eq(0), "app_version_window").when(grouping.eq(1), "app_version").otherwise("all");
  return pageLoads(validInteractions)
    .rollup(F.col("app_version"), F.window("timestamp", options.window).alias("window"))
    .agg(...rollupP95Aggregates(options))
    .select(
      level.alias("level"),
      F.col("app_version"),
      F.col("window.start").alias("window_start"),
      F.col("window.end").alias("window_end"),
      F.col("events"),
      F.col("p95_ms"),
      F.col("events").lt(options.minEvents).alias("low_confidence"),
    );
}

/** The defaults of the streamed p95: the batch percentiles' accuracy and minimum, one-hour windows. */
export function defaultStreamingP95Options(plausible: InteractionRuleOptions): StreamingP95Options {
  return { ...DEFAULT_PERCENTILES, window: "1 hour", plausible };
}
