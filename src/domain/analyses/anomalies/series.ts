import { functions as F, type Column, type DataFrame } from "../../../connect";
import { majorMinorOf } from "../performance/version-order";
import type { Granularity, Series } from "./model";

/** The dimensions series are split by, besides the overall series; `major_minor` is app_version's major.minor. */
export const SERIES_DIMENSIONS = ["action_type", "major_minor", "country", "device_type"] as const;
export type SeriesDimension = (typeof SERIES_DIMENSIONS)[number];

/** What each series counts per bucket: events, and distinct users with at least one event. */
export const SERIES_METRICS = ["events", "active_users"] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];

/** The dimension (and value) of the overall series. */
export const OVERALL = "all";

/** `all/events` for the overall series, `action_type=edit/events`, `country=DE/active_users`… otherwise. */
export function seriesName(dimension: string, value: string, metric: SeriesMetric): string {
  return dimension === OVERALL ? `${OVERALL}/${metric}` : `${dimension}=${value}/${metric}`;
}

/** Bucket unit (date_trunc), step (sequence) and timestamp format of each granularity; UTC (the session time zone). */
const BUCKETS: Readonly<Record<Granularity, { unit: string; step: string; format: string }>> = {
  daily: { unit: "day", step: "INTERVAL 1 DAY", format: "yyyy-MM-dd" },
  hourly: { unit: "hour", step: "INTERVAL 1 HOUR", format: "yyyy-MM-dd HH:mm:ss" },
};

function dimensionValue(dimension: SeriesDimension): Column {
  return dimension === "major_minor" ? majorMinorOf("app_version") : F.col(dimension);
}

/**
 * Every series' counts per bucket: dimension, value, ts, events, active_users, with zeros filled.
 *
 * One pass for all series: each event is exploded into one row per series key it belongs to
 * (overall + one per dimension: 5 rows), then a single aggregation by (key, bucket) counts events
 * and distinct users. A series runs from its first to its last non-empty bucket, every bucket in
 * between present (0 where no event: an outage is a zero, not a gap); before a version is
 * released there is no series rather than a run of zeros. Zero-filling happens per key on the
 * aggregated counts: one row per key gathers its buckets into a map and `sequence` enumerates
 * its span, looked up in that map. (Joining a bucket grid back to the counts would read the
 * events twice: Spark rewrites the span's min/max over the counts into one over the raw events.)
 */
export function seriesCounts(enriched: DataFrame, granularity: Granularity): DataFrame {
  const bucket = BUCKETS[granularity];
  const key = (dimension: string, value: Column): Column => F.struct(F.lit(dimension).alias("dimension"), value.alias("value"));
  const counted = F.col("counts").getItem(F.col("bucket"));
  return enriched
    .select(
      F.dateTrunc(bucket.unit, "timestamp").alias("bucket"),
      F.col("user_id"),
      F.explode(F.array(key(OVERALL, F.lit(OVERALL)), ...SERIES_DIMENSIONS.map((d) => key(d, dimensionValue(d))))).alias("key"),
    )
    .groupBy(F.col("key.dimension").alias("dimension"), F.col("key.value").alias("value"), F.col("bucket"))
    .agg(F.count("*").alias("events"), F.countDistinct("user_id").alias("active_users"))
    .groupBy("dimension", "value")
    .agg(
      F.min("bucket").alias("first"),
      F.max("bucket").alias("last"),
      F.mapFromEntries(F.collectList(F.struct(F.col("bucket"), F.struct("events", "active_users")))).alias("counts"),
    )
    .select(F.col("dimension"), F.col("value"), F.col("counts"), F.explode(F.sequence("first", "last", F.expr(bucket.step))).alias("bucket"))
    .select(
      F.col("dimension"),
      F.col("value"),
      F.dateFormat("bucket", bucket.format).alias("ts"),
      // A missing map key reads null (also under ANSI mode, unlike element_at): an empty bucket.
      F.coalesce(counted.getField("events"), F.lit(0)).alias("events"),
      F.coalesce(counted.getField("active_users"), F.lit(0)).alias("active_users"),
    );
}

/**
 * The series of one granularity, collected: two per key (events, active_users), buckets in time
 * order. They are small after aggregation (a year is 365 days or 8,760 hours per key, and there
 * are tens of keys), which is why the detector runs in plain TypeScript on the driver.
 */
export async function collectSeries(enriched: DataFrame, granularity: Granularity): Promise<Series[]> {
  const rows = await seriesCounts(enriched, granularity).orderBy("dimension", "value", "ts").collect();
  const byKey = new Map<string, { dimension: string; value: string; timestamps: string[]; events: number[]; users: number[] }>();
  for (const row of rows) {
    const dimension = String(row.dimension);
    const value = String(row.value);
    const id = `${dimension}\u0000${value}`;
    let entry = byKey.get(id);
    if (entry === undefined) {
      entry = { dimension, value, timestamps: [], events: [], users: [] };
      byKey.set(id, entry);
    }
    entry.timestamps.push(String(row.ts));
    entry.events.push(Number(row.events));
    entry.users.push(Number(row.active_users));
  }
  return [...byKey.values()].flatMap(({ dimension, value, timestamps, events, users }) => [
    { name: seriesName(dimension, value, "events"), granularity, timestamps, values: events, dispersion: eventsPerUser(events, users) },
    { name: seriesName(dimension, value, "active_users"), granularity, timestamps, values: users },
  ]);
}

/**
 * An events series' dispersion: its events per active user and bucket, over the whole series. A
 * user's events in a bucket come together (a session), so the count varies like the number of
 * users times this; it is the mean cluster size, a lower bound of the variance-to-mean ratio.
 */
export function eventsPerUser(events: readonly number[], users: readonly number[]): number {
  const total = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
  const active = total(users);
  return active > 0 ? Math.max(1, total(events) / active) : 1;
}
